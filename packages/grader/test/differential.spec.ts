// The differential test: the schema line («los manifiestos se leen y cumplen el esquema de
// Kubernetes 1.34») must say what kube-apiserver says. Every solution's object, every mutant's
// and hundreds of variants generated field class by field class (differential-variants.ts) go
// through the static tier and through a server-side dry-run (strict field validation) in a
// namespace with the exercise's Pod Security labels; a Pod Security warning counts as a
// rejection. Any disagreement about validity fails, listed with both answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { connect, type Cluster } from '../src/live/cluster.ts';
import { rawRequest } from '../src/live/apply.ts';
import { RESTRICTED_LABELS } from '../src/live/namespace.ts';
import { requireLive } from '../src/live/skip.ts';
import { hasMessage } from '../src/messages/index.ts';
import { addObject, type Manifests } from '../src/parse/manifests.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import { GRADED_CONTROLS, podSecurityProblems } from '../src/schema/pod-security.ts';
import { lookupKind } from '../src/schema/validate.ts';
import { KUBERNETES_MINOR } from '../src/schema/version.ts';
import { differentialCases, type Case } from './differential-variants.ts';
import { GRADER_ROOT } from './helpers.ts';

type Obj = Record<string, unknown>;

/** Codes of the kit's own policy, stricter than Kubernetes on purpose: outside the comparison. */
const KIT_POLICY = new Set(['object.clusterScoped']);

/** What the schema line says about one object (plus the Pod Security controls other rubric lines grade). */
function staticProblems(c: Case): string[] {
  const file = 'k8s/objeto.json';
  const parsed = parseYaml(JSON.stringify(c.value), file);
  const result: Manifests = { dir: '', folder: 'k8s', files: [file], objects: [], problems: [], warnings: [] };
  const doc = parsed.documents[0]!;
  addObject(doc.value, [], file, doc, { folder: 'k8s', clusterScoped: c.clusterScoped, podSecurity: c.level }, result);
  const graded: readonly string[] = GRADED_CONTROLS;
  const pss = c.level ? podSecurityProblems(c.value, c.level).filter((p) => graded.includes(String(p.params?.control))) : [];
  return [
    ...result.problems.filter((p) => !KIT_POLICY.has(p.code)).map((p) => `${p.code} ${p.at.path?.join('.') ?? ''}`),
    ...pss.map((p) => `${p.code} ${p.path.join('.')}`),
  ];
}

interface Answer {
  accepted: boolean;
  message: string;
}

// client-node resolves kind → resource path (with discovery, cached) only in a protected method.
interface UriPaths {
  specUriPath(spec: k8s.KubernetesObject, action: 'create'): Promise<string>;
}


/**
 * `kubectl create --dry-run=server --validate=strict`: the object as written, in `namespace`.
 * `real` creates it for good (the caller deletes it): a dry-run does not allocate node ports, so
 * it misses a `nodePort` outside the cluster's range, which a real create refuses.
 */
async function create(cluster: Cluster, value: Obj, namespace: string, real = false): Promise<Answer> {
  const body = structuredClone(value) as Obj & { metadata?: Obj };
  const namespaced = lookupKind(body.apiVersion, body.kind).info?.namespaced ?? true;
  if (body.metadata && typeof body.metadata === 'object') {
    if (namespaced) body.metadata.namespace = namespace;
    else delete body.metadata.namespace;
  }
  let uri: string;
  try {
    uri = await (cluster.objects as unknown as UriPaths).specUriPath(body as k8s.KubernetesObject, 'create');
  } catch (err) {
    return { accepted: false, message: `sin ruta en la API: ${(err as Error).message}` };
  }
  const res = await rawRequest(cluster, 'POST', `${uri}?${real ? '' : 'dryRun=All&'}fieldValidation=Strict&fieldManager=kubectl-client-side-apply`, { body, timeoutMs: 15_000 });
  const pss = res.warnings.filter((w) => w.includes('PodSecurity'));
  if (res.status >= 200 && res.status < 300) return { accepted: pss.length === 0, message: pss.join('; ') };
  let message = res.body;
  try {
    message = (JSON.parse(res.body) as { message?: string }).message ?? res.body;
  } catch {
    // not a Status object: keep the text
  }
  return { accepted: false, message: `${res.status}: ${message}` };
}

let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/** GET a path of the API server, parsed as JSON. */
async function getJson(cluster: Cluster, apiPath: string): Promise<unknown> {
  const res = await rawRequest(cluster, 'GET', apiPath, { timeoutMs: 15_000 });
  if (res.status !== 200) throw new Error(`${apiPath}: ${res.status}`);
  return JSON.parse(res.body) as unknown;
}

interface OpenApiProperty {
  enum?: unknown[];
  items?: { enum?: unknown[] };
}

async function pool<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

describe('differential: the schema line agrees with kube-apiserver 1.34', function () {
  this.timeout(10 * 60_000);
  let cases: Case[];
  before(function () {
    this.timeout(120_000);
    cases = differentialCases();
  });

  it('generates at least 500 variants, field class by field class, plus every solution and mutant', () => {
    const classes = new Set(cases.map((c) => c.source.split(':')[0]));
    expect(cases.length).to.be.at.least(500);
    for (const cls of ['solution', 'mutant', 'enum', 'integer', 'type', 'required', 'unknown', 'rule']) expect([...classes]).to.include(cls);
  });

  it('every problem the static tier raises on them has a catalogue entry', () => {
    const codes = new Set(cases.flatMap((c) => staticProblems(c).map((p) => p.split(' ')[0]!)));
    expect([...codes].filter((code) => !hasMessage(code))).to.deep.equal([]);
  });

  it('the committed enums are those the API server publishes at /openapi/v3', async function () {
    await requireLive(this, 'cluster');
    const cluster = await connect();
    if ('reason' in cluster) throw new Error(cluster.reason);
    const definitions = (JSON.parse(readFileSync(path.join(GRADER_ROOT, 'schema', `k8s-${KUBERNETES_MINOR}.json`), 'utf8')) as { definitions: Record<string, { properties?: Record<string, OpenApiProperty> }> }).definitions;
    const enumOf = (p: OpenApiProperty | undefined) => [...(p?.enum ?? p?.items?.enum ?? [])].map(String).sort();
    const groups = ['api/v1', 'apis/apps/v1', 'apis/batch/v1', 'apis/networking.k8s.io/v1', 'apis/autoscaling/v2', 'apis/policy/v1', 'apis/rbac.authorization.k8s.io/v1'];
    const differences: string[] = [];
    let compared = 0;
    for (const group of groups) {
      const doc = (await getJson(cluster, `/openapi/v3/${group}`)) as { components: { schemas: Record<string, { properties?: Record<string, OpenApiProperty> }> } };
      for (const [name, schema] of Object.entries(doc.components.schemas)) {
        for (const [field, prop] of Object.entries(schema.properties ?? {})) {
          const served = enumOf(prop);
          if (served.length === 0 || !definitions[name]) continue;
          compared++;
          const committed = enumOf(definitions[name]!.properties?.[field]);
          if (served.join() !== committed.join()) differences.push(`${name}.${field}: servidor ${served.join(', ')}; esquema ${committed.join(', ')}`);
        }
      }
    }
    console.log(`      enums: ${compared} del servidor comparados, ${differences.length} distintos`);
    expect(compared).to.be.greaterThan(50);
    expect(differences).to.deep.equal([]);
  });

  it('kube-apiserver accepts exactly what the schema line accepts (0 disagreements)', async function () {
    await requireLive(this, 'cluster');
    const cluster = await connect();
    if ('reason' in cluster) throw new Error(cluster.reason);
    const suffix = Math.random().toString(36).slice(2, 8);
    const namespaces = { none: `taller-diff-${suffix}`, restricted: `taller-diff-${suffix}-r` };
    const serviceAccounts = new Set(
      cases.filter((c) => c.value.kind === 'Pod').map((c) => (c.value.spec as Obj | undefined)?.serviceAccountName).filter((n): n is string => typeof n === 'string' && n !== 'default'),
    );
    try {
      for (const [level, name] of Object.entries(namespaces)) {
        await cluster.core.createNamespace({ body: { metadata: { name, labels: level === 'restricted' ? { ...RESTRICTED_LABELS } : {} } } });
        for (const sa of ['default', ...serviceAccounts]) {
          await cluster.core.createNamespacedServiceAccount({ namespace: name, body: { metadata: { name: sa } } }).catch(() => undefined);
        }
      }
      const started = Date.now();
      const answers = await pool(cases, 16, async (c) => {
        const namespace = c.level === 'restricted' ? namespaces.restricted : namespaces.none;
        const answer = await create(cluster, c.value, namespace);
        if (!answer.accepted || c.value.kind !== 'Service' || staticProblems(c).length === 0) return answer;
        // Services one at a time: the real create that checks node ports must not collide with another.
        return inTurn(async () => {
          const real = await create(cluster, c.value, namespace, true);
          const name = String((c.value.metadata as Obj | undefined)?.name ?? '');
          if (real.accepted) await cluster.core.deleteNamespacedService({ name, namespace }).catch(() => undefined);
          return real;
        });
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const disagreements: string[] = [];
      cases.forEach((c, i) => {
        const problems = staticProblems(c);
        const server = answers[i]!;
        if (server.accepted === (problems.length === 0)) return;
        disagreements.push(
          `${c.exercise} · ${c.source} · ${c.description}\n    estático: ${problems.length ? problems.join('; ') : 'válido'}\n    servidor: ${server.accepted ? 'lo admite' : server.message.slice(0, 400)}`,
        );
      });
      const rejected = answers.filter((a) => !a.accepted).length;
      console.log(
        `      diferencial: ${cases.length} variantes (${rejected} rechazadas por el servidor), ${cases.length - disagreements.length} coinciden, ${disagreements.length} discrepan (${seconds} s)`,
      );
      expect(disagreements, `${disagreements.length} discrepancias:\n${disagreements.join('\n')}\n`).to.deep.equal([]);
    } finally {
      for (const name of Object.values(namespaces)) await cluster.core.deleteNamespace({ name }).catch(() => undefined);
    }
  });
});
