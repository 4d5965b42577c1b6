// The live tier's decisions that need no cluster: which context the kit may touch, how a
// target is chosen, and partial matching (the lock is tested with the Docker tier that shares it). (Against a real cluster, the live lines of the
// exercises are proven by prove.spec.ts when .ci/run starts one.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { CI_CONTEXT, isLocalContext, readKubeconfig, type Kubeconfig } from '../src/live/kubeconfig.ts';
import { mismatches } from '../src/live/match.ts';
import { resolveTarget } from '../src/live/providers.ts';

function kubeconfig(dir: string, current: string, contexts: { name: string; minikube?: boolean }[]): string {
  const file = path.join(dir, `config-${current}`);
  const clusters = contexts.map((c) => ({
    name: `cl-${c.name}`,
    cluster: {
      server: 'https://127.0.0.1:6443',
      ...(c.minikube ? { extensions: [{ name: 'cluster_info', extension: { provider: 'minikube.sigs.k8s.io', version: 'v1.37.0' } }] } : {}),
    },
  }));
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': current,
      clusters,
      contexts: contexts.map((c) => ({ name: c.name, context: { cluster: `cl-${c.name}`, user: 'u' } })),
      users: [{ name: 'u', user: {} }],
    }),
  );
  return file;
}

describe('live tier: which cluster the kit may touch', () => {
  let dir: string;
  // An empty PATH: no kind, no minikube, no docker, so detection falls to the kubeconfig.
  const base = { PATH: '/nonexistent', HOME: '/nonexistent' };
  let savedPath: string | undefined;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'taller-live-'));
    savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
  });
  after(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  it('local contexts: kind-*, docker-desktop, rancher-desktop, a minikube profile and the CI cluster, on loopback', async () => {
    const server = 'https://127.0.0.1:6443';
    for (const name of ['kind-taller', 'docker-desktop', 'rancher-desktop', CI_CONTEXT]) {
      expect(await isLocalContext(name, { minikube: false, server }), name).to.equal(true);
    }
    expect(await isLocalContext('taller', { minikube: true, server })).to.equal(true);
    for (const name of ['gke_prod_europe-west1_main', 'arn:aws:eks:eu-west-1:1:cluster/prod', 'minikube-like']) {
      expect(await isLocalContext(name, { minikube: false, server }), name).to.equal(false);
    }
  });

  it('reads minikube’s cluster extension from the kubeconfig', () => {
    const file = kubeconfig(dir, 'taller', [{ name: 'taller', minikube: true }, { name: 'prod' }]);
    const { current, contexts } = readKubeconfig({ KUBECONFIG: file }) as Kubeconfig;
    expect(current).to.equal('taller');
    expect(contexts.get('taller')?.minikube).to.equal(true);
    expect(contexts.get('prod')?.minikube).to.equal(false);
  });

  it('never uses a current context that is not local, and says how to name it', async () => {
    const file = kubeconfig(dir, 'prod', [{ name: 'prod' }]);
    const r = await resolveTarget({ ...base, KUBECONFIG: file });
    expect(r).to.have.property('reason').that.includes('«prod» (servidor https://127.0.0.1:6443) no parece un clúster local').and.includes('TALLER_CONTEXT=prod');
  });

  it('uses a context that TALLER_CONTEXT names explicitly', async () => {
    const file = kubeconfig(dir, 'prod', [{ name: 'prod' }, { name: 'staging' }]);
    expect(await resolveTarget({ ...base, KUBECONFIG: file, TALLER_CONTEXT: 'staging' })).to.include({
      provider: 'existing',
      context: 'staging',
    });
  });

  it('TALLER_CLUSTER=existing takes a local current context', async () => {
    const file = kubeconfig(dir, CI_CONTEXT, [{ name: CI_CONTEXT }]);
    expect(await resolveTarget({ ...base, KUBECONFIG: file, TALLER_CLUSTER: 'existing' })).to.include({
      provider: 'existing',
      context: CI_CONTEXT,
    });
  });

  it('explains what is missing: no kubeconfig, an unknown context, a bad TALLER_CLUSTER, kind absent', async () => {
    const none = await resolveTarget({ ...base, KUBECONFIG: path.join(dir, 'missing') });
    expect(none).to.have.property('reason').that.includes('no hay ningún clúster disponible').and.includes('docs/instalacion.md');
    const file = kubeconfig(dir, 'kind-taller', [{ name: 'kind-taller' }]);
    const unknown = await resolveTarget({ ...base, KUBECONFIG: file, TALLER_CONTEXT: 'otro' });
    expect(unknown).to.have.property('reason').that.includes('«otro» no está en tu kubeconfig');
    const bad = await resolveTarget({ ...base, TALLER_CLUSTER: 'k3s' });
    expect(bad).to.have.property('reason').that.includes('TALLER_CLUSTER=k3s no es válido');
    const kind = await resolveTarget({ ...base, TALLER_CLUSTER: 'kind' });
    expect(kind).to.have.property('reason').that.includes('kind no está instalado');
  });
});

describe('live tier: partial matching of live objects', () => {
  const conditions = {
    status: {
      conditions: [
        { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' },
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
      ],
    },
  };

  it('lists are order-insensitive subsets: a condition matches wherever it is', () => {
    expect(mismatches(conditions, { status: { conditions: [{ type: 'Progressing', status: 'True' }] } })).to.deep.equal([]);
    expect(mismatches(conditions, { status: { conditions: [{ type: 'Progressing' }, { type: 'Available' }] } })).to.deep.equal([]);
  });

  it('says where the live object differs', () => {
    expect(mismatches(conditions, { status: { conditions: [{ type: 'Available', status: 'True' }] } })).to.deep.equal([
      'status.conditions[0]: ningún elemento coincide con {"type":"Available","status":"True"}',
    ]);
    expect(mismatches({ spec: { replicas: 2 } }, { spec: { replicas: 3 } })).to.deep.equal(['spec.replicas: vale 2, se esperaba 3']);
    expect(mismatches({ spec: {} }, { spec: { ports: [{ port: 80 }] } })).to.deep.equal(['spec.ports: se esperaba una lista']);
  });
});
