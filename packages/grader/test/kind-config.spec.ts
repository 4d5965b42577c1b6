// Exercise 05 without a cluster: the kind configuration's schema and rules on variants a learner
// might write, the Markdown answers graded by ideas, and the live tier's pieces — opting in, skip
// reasons, the rewritten copy, the commands it runs and the clean-up — with a fake runner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { exercise } from '../src/catalog/exercise.ts';
import {
  createCauses,
  kindClusterUnderTest,
  kindCreateArgs,
  kindDeleteArgs,
  labelsProblem,
  MIN_MEMORY_BYTES,
  optedIn,
  parseKindVersion,
  parseMemTotal,
  portPublished,
  readyProblem,
  rewriteKindConfig,
  type KindDeps,
  type NodeState,
} from '../src/live/kind.ts';
import { what } from '../src/messages/index.ts';
import { Node } from '../src/model.ts';
import { formatLocation } from '../src/parse/location.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import { warningStore } from '../src/report/warnings.ts';
import { kindConfigValid, kindNodesOf, kindPortMapping, kindRoles, kindWorkerLabels, type KindExpectations } from '../src/rules/kind.ts';
import type { RunOptions, RunResult } from '../src/system/process.ts';
import { GRADER_ROOT, isolateSubmission, isolateWarnings, removeTempDirs, writeTree } from './helpers.ts';

const REPO = path.resolve(GRADER_ROOT, '../..');
const SOLUTION = readFileSync(path.join(REPO, 'solutions/05-cluster-local/kind-config.yaml'), 'utf8');
const E: KindExpectations = { controlPlanes: 1, workers: 2, workerLabels: { carga: 'datos' }, port: { hostPort: 8081, containerPort: 30080, listenAddress: '127.0.0.1' } };

function config(text: string, file = 'kind-config.yaml'): Node {
  const parsed = parseYaml(text, file);
  if (parsed.problems.length) throw new Error(JSON.stringify(parsed.problems));
  return Node.ofDocument(file, parsed.documents[0]!);
}
const shown = (problems: { code: string; at: Parameters<typeof formatLocation>[0]; params?: Record<string, unknown> }[]) =>
  problems.map((p) => `${formatLocation(p.at)} ${what(p)}`);

const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';

describe('kind configuration (exercise 05)', () => {
  describe('what kind accepts', () => {
    it('the solution is valid, also written as JSON or in flow style', () => {
      expect(kindConfigValid(config(SOLUTION))).to.deep.equal([]);
      const json = JSON.stringify({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', nodes: [{ role: 'control-plane' }, { role: 'worker', labels: { carga: 'datos' } }] });
      expect(kindConfigValid(config(json, 'kind-config.json'))).to.deep.equal([]);
      expect(kindConfigValid(config(`${HEAD}nodes: [{role: control-plane}, {role: worker, labels: {carga: datos}}]\n`))).to.deep.equal([]);
    });

    it('a misspelt field gets a suggestion at its line; a misplaced one says where it goes', () => {
      const typo = kindConfigValid(config(`${HEAD}nodes:\n  - role: worker\n    Labels:\n      carga: datos\n`));
      expect(shown(typo)).to.deep.equal(['kind-config.yaml:5:5 · nodes[0].Labels El campo `Labels` no existe en Node de la configuración de kind. ¿Quisiste decir `labels`?']);
      const misplaced = kindConfigValid(config(`${HEAD}nodes:\n  - role: control-plane\n    hostPort: 8081\n`));
      expect(what(misplaced[0]!)).to.include('Ese campo va en cada elemento de `extraPortMappings`');
    });

    it('says what is wrong with `kind` and `apiVersion`, and reads nothing else until they are right', () => {
      expect(kindConfigValid(config('nodes: []\n')).map((p) => p.code)).to.deep.equal(['kind.apiVersion', 'kind.kind']);
      const k8s = kindConfigValid(config('apiVersion: v1\nkind: Pod\nspec: {}\n'));
      expect(shown(k8s)).to.deep.equal([
        'kind-config.yaml:1:1 · apiVersion kind no conoce `apiVersion: v1`; solo lee `kind.x-k8s.io/v1alpha4`.',
        'kind-config.yaml:2:1 · kind `kind: Pod` no es una configuración de kind: debe ser `kind: Cluster`.',
      ]);
    });

    it('checks types, enums (the protocol in any case), ports, the name and the listen address as kind does', () => {
      const problems = kindConfigValid(
        config(
          `${HEAD}name: Taller_05\nnetworking:\n  apiServerPort: 70000\n  disableDefaultCNI: "no"\nnodes:\n  - role: control-plane\n    extraPortMappings:\n      - {containerPort: 30080, hostPort: 8081, protocol: tcp, listenAddress: localhost}\n    extraMounts: {hostPath: /tmp}\n`,
        ),
      );
      expect(problems.map((p) => [p.code, formatLocation(p.at)])).to.deep.equal([
        ['kind.name', 'kind-config.yaml:3:1 · name'],
        ['kind.port.range', 'kind-config.yaml:5:3 · networking.apiServerPort'],
        ['schema.type', 'kind-config.yaml:6:3 · networking.disableDefaultCNI'],
        ['kind.listenAddress', 'kind-config.yaml:10:63 · nodes[0].extraPortMappings[0].listenAddress'],
        ['schema.type', 'kind-config.yaml:11:5 · nodes[0].extraMounts'],
      ]);
    });

    it('checks labels as the kubelet does: syntax, and no `kubernetes.io` labels but its own', () => {
      const labels = (map: string) => kindConfigValid(config(`${HEAD}nodes:\n  - role: worker\n    labels: ${map}\n`)).map((p) => `${p.code} ${JSON.stringify(p.params)}`);
      expect(labels('{carga: datos, equipo.ejemplo.com/zona: "a-1", vacia: ""}')).to.deep.equal([]);
      expect(labels('{node.kubernetes.io/pool: datos, topology.kubernetes.io/zone: z1}')).to.deep.equal([]);
      expect(labels('{node-role.kubernetes.io/worker: ""}')).to.deep.equal(['kind.label.reserved {"key":"node-role.kubernetes.io/worker"}']);
      expect(labels('{"carga datos": x, Ejemplo.COM/a: b}').map((l) => l.split(' ')[0])).to.deep.equal(['kind.label.key', 'kind.label.key']);
      expect(labels('{carga: "datos/etl"}')).to.deep.equal(['kind.label.value {"value":"datos/etl"}']);
      // kind's decoder turns any scalar into a string: a number is a valid label value.
      expect(labels('{version: 2}')).to.deep.equal([]);
    });

    it('a document that is not a map says what it is', () => {
      expect(what(kindConfigValid(config('- role: worker\n'))[0]!)).to.include('ahora el archivo es una lista');
    });
  });

  describe('nodes, labels and the published port', () => {
    it('a node without `role` is a control-plane; no `nodes` is one control-plane', () => {
      expect(kindNodesOf(config(`${HEAD}nodes:\n  - {}\n  - role: worker\n`)).map((n) => n.role)).to.deep.equal(['control-plane', 'worker']);
      expect(kindNodesOf(config(HEAD)).map((n) => [n.role, n.node])).to.deep.equal([['control-plane', undefined]]);
      expect(kindRoles(config(`${HEAD}nodes:\n  - {}\n  - role: worker\n  - role: worker\n`), E)).to.deep.equal([]);
    });

    it('counts roles kind does not know apart', () => {
      const [p] = kindRoles(config(`${HEAD}nodes:\n  - role: control-plane\n  - role: Worker\n  - role: worker\n`), E);
      expect(what(p!)).to.equal(
        'Tu configuración crea 1 control-plane y 1 worker y 1 nodo con un rol que kind no conoce (`Worker`); se esperan 1 control-plane y 2 workers. Nodos: control-plane (línea 4), Worker (línea 5), worker (línea 6).',
      );
    });

    it('labels: flow style passes; every worker without them is named; a control-plane with them is refused', () => {
      expect(kindWorkerLabels(config(`${HEAD}nodes:\n  - role: control-plane\n  - {role: worker, labels: {carga: datos}}\n  - {role: worker, labels: {carga: datos, otra: x}}\n`), E)).to.deep.equal([]);
      const none = kindWorkerLabels(config(`${HEAD}nodes:\n  - role: control-plane\n    labels: {carga: datos}\n  - role: worker\n  - role: worker\n    labels: []\n`), E);
      expect(none.map((p) => [p.code, formatLocation(p.at)])).to.deep.equal([
        ['kind.labels.missing', 'kind-config.yaml:6:5 · nodes[1]'],
        ['kind.labels.missing', 'kind-config.yaml:7:5 · nodes[2]'],
        ['kind.labels.onControlPlane', 'kind-config.yaml:5:14 · nodes[0].labels.carga'],
      ]);
      expect(what(none[1]!)).to.include('`labels` debe ser un mapa');
    });

    it('the port: found on any control-plane mapping, each wrong field its own problem', () => {
      const cp = (mapping: string) => config(`${HEAD}nodes:\n  - role: control-plane\n    extraPortMappings:\n      - {containerPort: 6443, hostPort: 0}\n      - ${mapping}\n  - role: worker\n`);
      expect(kindPortMapping(cp('{containerPort: 30080, hostPort: 8081, listenAddress: 127.0.0.1, protocol: tcp}'), E)).to.deep.equal([]);
      const wrong = kindPortMapping(cp('{containerPort: 30080, hostPort: 9000, listenAddress: 0.0.0.0, protocol: SCTP}'), E);
      expect(wrong.map((p) => p.code)).to.deep.equal(['kind.port.field', 'kind.port.listenAddress', 'kind.port.protocol']);
      expect(formatLocation(wrong[0]!.at)).to.equal('kind-config.yaml:7:32 · nodes[0].extraPortMappings[1].hostPort');
      // Only an unrelated mapping on the control-plane: its fields are compared.
      const other = kindPortMapping(config(`${HEAD}nodes:\n  - role: control-plane\n    extraPortMappings: [{containerPort: 80, hostPort: 8080}]\n`), E);
      expect(other.map((p) => [p.code, p.params?.field])).to.deep.equal([
        ['kind.port.field', 'containerPort'],
        ['kind.port.field', 'hostPort'],
        ['kind.port.listenAddress', undefined],
      ]);
      expect(kindPortMapping(config(HEAD), E).map((p) => formatLocation(p.at))).to.deep.equal(['kind-config.yaml:1:1']);
      const docker = kindPortMapping(config(`${HEAD}nodes:\n  - role: control-plane\n    extraPortMappings: ["127.0.0.1:8081:30080"]\n`), E);
      expect(shown(docker)).to.deep.equal(['kind-config.yaml:5:25 · nodes[0].extraPortMappings[0] `127.0.0.1:8081:30080` es la forma de `docker run -p`; kind describe cada publicación como un mapa.']);
    });
  });
});

describe('the live tier of exercise 05 (no kind needed)', () => {
  let restoreSubmission: () => void;
  let restoreWarnings: () => void;
  before(() => {
    restoreSubmission = isolateSubmission();
    restoreWarnings = isolateWarnings();
  });
  after(() => {
    restoreSubmission();
    restoreWarnings();
    removeTempDirs();
  });

  it('opts in with TALLER_05_EN_VIVO; reads kind’s version and Docker’s memory', () => {
    expect([undefined, '', '0', 'no', '1', 'sí', 'true', ' YES '].map((v) => optedIn({ TALLER_05_EN_VIVO: v }))).to.deep.equal([false, false, false, false, true, true, true, true]);
    expect(parseKindVersion('kind v0.30.0 go1.24.6 linux/amd64')).to.deep.equal([0, 30]);
    expect(parseKindVersion('kind v0.31.0-alpha+abc go1.25 darwin/arm64')).to.deep.equal([0, 31]);
    expect(parseKindVersion('command not found')).to.equal(undefined);
    expect(parseMemTotal('8232189952\n')).to.equal(8232189952);
    expect(parseMemTotal('')).to.equal(undefined);
    expect(parseMemTotal('<no value>')).to.equal(undefined);
  });

  it('rewrites fixed host ports to distinct free ones and drops the name and API port, leaving the learner’s value alone', async () => {
    const value = config(`${HEAD}name: mio\nnetworking: {apiServerPort: 6443}\nnodes:\n  - role: control-plane\n    extraPortMappings:\n      - {containerPort: 30080, hostPort: 8081, listenAddress: 127.0.0.1}\n      - {containerPort: 30081, hostPort: 0}\n  - role: worker\n    extraPortMappings: [{containerPort: 30082, hostPort: 8082, protocol: UDP}]\n`).value;
    const before = JSON.stringify(value);
    const ports = [40000, 40000, 40001];
    const { config: copy, published } = await rewriteKindConfig(value, async () => ports.shift()!);
    expect(JSON.stringify(value)).to.equal(before);
    expect(copy).to.not.have.property('name');
    expect(copy.networking).to.deep.equal({});
    const mappings = (copy.nodes as { extraPortMappings: { hostPort: number }[] }[]).map((n) => n.extraPortMappings.map((m) => m.hostPort));
    expect(mappings).to.deep.equal([[40000, 0], [40001]]);
    expect(published).to.deep.equal([
      { nodeIndex: 0, role: 'control-plane', containerPort: 30080, hostPort: 40000, learnerPort: 8081, listenAddress: '127.0.0.1', protocol: 'tcp' },
      { nodeIndex: 1, role: 'worker', containerPort: 30082, hostPort: 40001, learnerPort: 8082, listenAddress: '0.0.0.0', protocol: 'udp' },
    ]);
  });

  it('builds kind’s commands with a kubeconfig of its own, and reads `docker port`', () => {
    expect(kindCreateArgs('taller-05-abc123', '/t/k.yaml', '/t/kc')).to.deep.equal(['create', 'cluster', '--name', 'taller-05-abc123', '--config', '/t/k.yaml', '--kubeconfig', '/t/kc']);
    expect(kindDeleteArgs('taller-05-abc123', '/t/kc')).to.deep.equal(['delete', 'cluster', '--name', 'taller-05-abc123', '--kubeconfig', '/t/kc']);
    const p = { nodeIndex: 0, role: 'control-plane', containerPort: 30080, hostPort: 40000, learnerPort: 8081, listenAddress: '127.0.0.1', protocol: 'tcp' };
    expect(portPublished('6443/tcp -> 127.0.0.1:35001\n30080/tcp -> 127.0.0.1:40000\n', p)).to.equal(true);
    expect(portPublished('30080/tcp -> 0.0.0.0:40000\n', p)).to.equal(false);
    expect(portPublished('30080/tcp -> [::1]:40000\n', { ...p, listenAddress: '::1' })).to.equal(true);
  });

  it('names the likely cause of a failed `kind create cluster`', () => {
    expect(createCauses('ERROR: failed to create cluster: failed to pull image "kindest/node:v9": manifest unknown')[0]).to.include('imagen de nodo');
    expect(createCauses('error: field labels not found in type v1alpha4.Node')[0]).to.include('anterior a la 0.30');
    expect(createCauses('too many open files')[0]).to.match(/^E21/);
    expect(createCauses('all fine')).to.deep.equal([]);
  });

  const node = (name: string, labels: Record<string, string>, ready = true, extra: Partial<NodeState> = {}): NodeState => ({ name, labels, ready, ...extra });
  const CP = { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'x' };
  const GOOD = [node('t-control-plane', CP), node('t-worker', { carga: 'datos' }), node('t-worker2', { carga: 'datos' })];

  it('judges Ready and the labels on the nodes it saw, with the evidence', () => {
    expect(readyProblem(GOOD, E, 'kind-config.yaml', 10, false)).to.equal(undefined);
    const cni = readyProblem([GOOD[0]!, node('t-worker', { carga: 'datos' }, false, { reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkPluginNotReady' })], E, 'kind-config.yaml', 120, true);
    expect(what(cni!)).to.include('Tras 120 s, 1 de 3 nodos están Ready.').and.include('`networking.disableDefaultCNI: true`').and.include('solo 2 de 3 nodos se unieron');
    expect(labelsProblem(GOOD, E, 'kind-config.yaml')).to.equal(undefined);
    const bad = labelsProblem([node('t-control-plane', { ...CP, carga: 'datos' }), node('t-worker', {}), GOOD[2]!], E, 'kind-config.yaml');
    expect(what(bad!)).to.include('al worker `t-worker` le falta; el control-plane `t-control-plane` también la lleva').and.include('t-worker (worker): sin etiquetas propias');
  });

  describe('creating and deleting the cluster, with a fake runner', () => {
    const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '', timedOut: false, durationMs: 1 });
    type Call = { program: string; args: readonly string[]; opts: RunOptions };

    function setup(answers: (c: Call) => RunResult | undefined, over: Partial<KindDeps> = {}, text = SOLUTION) {
      const dir = writeTree({ 'package.json': JSON.stringify({ name: 'x', taller: { title: 'Clúster local' } }), 'kind-config.yaml': text });
      const calls: Call[] = [];
      const run = async (program: string, args: readonly string[], opts: RunOptions) => {
        const call = { program, args, opts };
        calls.push(call);
        return answers(call) ?? ok();
      };
      const deps: Partial<KindDeps> = {
        run,
        env: { TALLER_05_EN_VIVO: '1' },
        unmet: async () => undefined,
        withLock: (_purpose, job) => job(),
        readNodes: async () => GOOD,
        freePort: async () => 45678,
        progress: () => undefined,
        step: () => ({ done: () => undefined }),
        pollMs: 1,
        readyTimeoutS: 0.05,
        ...over,
      };
      const cluster = kindClusterUnderTest(exercise(dir), { prefix: 'taller-05', file: 'kind-config.yaml', expect: E }, deps);
      return { cluster, calls, dir };
    }
    const hook = { timeout: () => undefined } as never;
    const skipped = async (s: ReturnType<typeof setup>) => {
      await s.cluster.create(hook);
      const o = s.cluster.outcome('create');
      return o && 'reason' in o ? o.reason : o?.state;
    };

    it('skips with the reason, in the order a learner fixes things', async () => {
      expect(await skipped(setup(() => undefined, { env: {} }))).to.include('TALLER_05_EN_VIVO=1 npm test -w exercise-05');
      expect(await skipped(setup(() => undefined, { unmet: async (n) => (n.length ? undefined : 'solo se pidió el nivel estático') }))).to.equal('solo se pidió el nivel estático');
      expect(await skipped(setup(() => undefined, {}, `${HEAD}nodes: [{role: control-plane}]\n`))).to.include('tiene fallos en el nivel estático');
      expect(await skipped(setup(() => undefined, { unmet: async (n) => (n.includes('docker') ? 'necesita Docker' : undefined) }))).to.equal('necesita Docker');
      const noKind = setup((c) => (c.program === 'kind' ? { ...ok(), code: null, spawnError: Object.assign(new Error('spawn kind ENOENT'), { code: 'ENOENT' }) } : undefined));
      expect(await skipped(noKind)).to.include('brew install kind');
      expect(await skipped(setup((c) => (c.program === 'kind' ? ok('kind v0.29.0 go1.24 linux/amd64') : undefined)))).to.include('tienes `v0.29.0`');
      const small = setup((c) => (c.program === 'kind' ? ok('kind v0.30.0') : c.args[0] === 'info' ? ok(String(MIN_MEMORY_BYTES - 1)) : undefined));
      expect(await skipped(small)).to.include('Docker solo tiene 3,5 GiB');
      expect(small.calls.map((c) => [c.program, ...c.args].join(' '))).to.deep.equal(['kind version', 'docker info --format {{.MemTotal}}']);
    });

    it('creates from a rewritten copy, checks port, nodes and labels, and deletes the cluster', async () => {
      const s = setup((c) => {
        if (c.args[0] === 'version') return ok('kind v0.30.0 go1.24.6 linux/amd64');
        if (c.args[0] === 'info') return ok('8232189952');
        if (c.args[0] === 'port') return ok('6443/tcp -> 127.0.0.1:35001\n30080/tcp -> 127.0.0.1:45678\n');
        if (c.args[0] === 'create') {
          const copy = JSON.parse(readFileSync(c.args[c.args.indexOf('--config') + 1]!, 'utf8')) as { nodes: { extraPortMappings?: { hostPort: number }[] }[] };
          expect(copy.nodes[0]!.extraPortMappings![0]!.hostPort).to.equal(45678);
        }
        return undefined;
      });
      const sigint = process.listenerCount('SIGINT');
      await s.cluster.create(hook);
      expect(process.listenerCount('SIGINT'), 'the Ctrl-C handler is removed afterwards').to.equal(sigint);
      const commands = s.calls.map((c) => [c.program, ...c.args.map((a) => a.replace(/^.*[\\/]taller-05-[0-9a-f]{6}-[^\\/]+[\\/]/, '<tmp>/'))].join(' '));
      const name = /taller-05-[0-9a-f]{6}/.exec(commands[2]!)![0];
      expect(commands).to.deep.equal([
        'kind version',
        'docker info --format {{.MemTotal}}',
        `kind create cluster --name ${name} --config <tmp>/kind-config.yaml --kubeconfig <tmp>/kubeconfig`,
        `docker port ${name}-control-plane`,
        `kind delete cluster --name ${name} --kubeconfig <tmp>/kubeconfig`,
      ]);
      expect(s.calls[2]!.opts.cwd).to.equal(s.dir); // relative extraMounts are the learner's
      for (const st of ['create', 'port', 'ready', 'labels'] as const) expect(s.cluster.outcome(st), st).to.deep.equal({ state: 'passed' });
    });

    it('a failed create is reported with kind’s words, the later lines skip, and the cluster is still deleted', async () => {
      const s = setup((c) =>
        c.args[0] === 'version' ? ok('kind v0.30.0') : c.args[0] === 'create' ? { ...ok(), code: 1, stderr: 'ERROR: failed to create cluster: failed to pull image "kindest/node:v1.34.99": manifest unknown\n' } : undefined,
      );
      await s.cluster.create(hook);
      const create = s.cluster.outcome('create') as { state: string; problems: Parameters<typeof what>[0][] };
      expect(create.state).to.equal('failed');
      expect(what(create.problems[0]!)).to.include('(código 1)').and.include('la imagen de nodo').and.include('manifest unknown');
      expect(s.cluster.outcome('ready')).to.deep.include({ state: 'skipped' });
      expect(s.calls.at(-1)!.args.slice(0, 2)).to.deep.equal(['delete', 'cluster']);
    });

    it('nodes that never get Ready fail their line with the evidence; a failed delete is a warning', async () => {
      const before = warningStore().size;
      const notReady = [GOOD[0]!, node('t-worker', { carga: 'datos' }, false, { reason: 'KubeletNotReady' }), GOOD[2]!];
      let reads = 0;
      const s = setup((c) => (c.args[0] === 'version' ? ok('kind v0.30.0') : c.args[0] === 'delete' ? { ...ok(), code: 1, stderr: 'ERROR: boom' } : c.args[0] === 'port' ? ok('') : undefined), {
        readNodes: async () => {
          if (reads++ === 0) throw new Error('connect ECONNREFUSED');
          return notReady;
        },
      });
      await s.cluster.create(hook);
      const ready = s.cluster.outcome('ready') as { state: string; problems: Parameters<typeof what>[0][] };
      expect(what(ready.problems[0]!)).to.include('2 de 3 nodos están Ready').and.include('t-worker (worker): NotReady — KubeletNotReady');
      expect(s.cluster.outcome('labels')).to.deep.equal({ state: 'passed' });
      expect(s.cluster.outcome('port')).to.have.property('state', 'failed');
      expect(warningStore().size).to.equal(before + 1);
      expect([...warningStore()].at(-1)).to.include('No se pudo borrar el clúster de prueba').and.include('kind delete cluster --name taller-05-');
    });
  });
});
