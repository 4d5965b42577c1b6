// Exercise 05's live tier: a second kind cluster, created from the learner's own configuration.
// Opt-in (it needs about 4 GiB for Docker and a minute or two), and only once the file passes the
// static tier, Docker answers, kind ≥ 0.30 is installed and Docker has the memory. One `before`
// hook does everything under the machine-wide Docker lock — a temporary copy of the file with
// its host ports rewritten to free ones, `kind create cluster --name taller-05-<rand>` with a
// kubeconfig of its own (the learner's is never touched), the checks, and `kind delete cluster`
// in `finally` and on Ctrl-C — and records each step; each rubric line then reports its step.
//
//   const cluster = kindClusterUnderTest(ex, { prefix: 'taller-05', file: 'kind-config.yaml', expect });
//   before(async function () { await cluster.create(this); });
//   it('…', async function () { await cluster.expectStep(this, 'ready'); });
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { failWith, GradingFailure } from '../assert/failure.ts';
import type { Exercise } from '../catalog/exercise.ts';
import { reason } from '../messages/index.ts';
import type { Problem } from '../messages/problem.ts';
import { noteWarnings } from '../report/warnings.ts';
import { kindConfigProblems, type KindExpectations } from '../rules/kind.ts';
import { lockTimeoutReason } from '../docker/probe.ts';
import { LockTimeout, withDockerLock } from '../system/lock.ts';
import { freePort } from '../system/net.ts';
import { lastLines, run, type RunOptions, type RunResult } from '../system/process.ts';
import { shortError, withTimeout } from './cluster.ts';
import { step } from './progress.ts';
import { lackOf, skipWith, unmet, type Requirement } from './skip.ts';

export type KindStep = 'create' | 'port' | 'ready' | 'labels';
const STEPS: KindStep[] = ['create', 'port', 'ready', 'labels'];

type Outcome = { state: 'passed' } | { state: 'failed'; problems: Problem[] } | { state: 'skipped'; reason: string };

/** The opt-in switch: the live tier creates a second cluster only when asked to. */
export const OPT_IN = 'TALLER_05_EN_VIVO';
export const MIN_KIND: [number, number] = [0, 30];
/** Docker Desktop's "4 GB" reports a little under 4 GiB; below this, three nodes do not fit. */
export const MIN_MEMORY_BYTES = 3.5 * 1024 ** 3;
const CREATE_TIMEOUT_MS = 10 * 60_000;
const DELETE_TIMEOUT_MS = 3 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';


export interface NodeState {
  name: string;
  labels: Record<string, string>;
  ready: boolean;
  /** The Ready condition's reason and message when it is not True. */
  reason?: string;
  message?: string;
}

export type Runner = (program: string, args: readonly string[], opts: RunOptions) => Promise<RunResult>;

/** What the live tier touches outside the process; the unit tests replace it. */
export interface KindDeps {
  run: Runner;
  readNodes: (kubeconfig: string) => Promise<NodeState[]>;
  freePort: () => Promise<number>;
  unmet: (needs: Requirement[]) => Promise<string | undefined>;
  withLock: <T>(purpose: string, job: () => Promise<T>) => Promise<T>;
  env: NodeJS.ProcessEnv;
  progress: (line: string) => void;
  step: typeof step;
  readyTimeoutS: number;
  pollMs: number;
}

const defaultDeps = (): KindDeps => ({
  run,
  readNodes: readNodesWithClient,
  freePort,
  unmet,
  withLock: (purpose, job) => withDockerLock(purpose, job, { maxWaitMs: LOCK_WAIT_MS }),
  env: process.env,
  progress: (line) => process.stderr.write(`  │ ${line}\n`),
  step,
  readyTimeoutS: 120,
  pollMs: 2000,
});

export interface KindClusterOptions {
  /** Names the cluster: `taller-05` → `taller-05-<6 hex>`. */
  prefix: string;
  file: string;
  expect: KindExpectations;
}

export const optedIn = (env: NodeJS.ProcessEnv): boolean => /^(1|s[ií]|yes|true|on)$/i.test(env[OPT_IN]?.trim() ?? '');

/** "kind v0.30.0 go1.24.6 linux/amd64" → [0, 30]; undefined for anything else. */
export function parseKindVersion(text: string): [number, number] | undefined {
  const m = /\bv?(\d+)\.(\d+)(?:\.\d+)?/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** `docker info --format '{{.MemTotal}}'` → bytes; undefined when Docker did not say. */
export function parseMemTotal(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) && Number(t) > 0 ? Number(t) : undefined;
}

export interface Published {
  nodeIndex: number;
  role: string;
  containerPort: number;
  /** The free port the copy uses, and the one the learner wrote. */
  hostPort: number;
  learnerPort: number;
  listenAddress: string;
  protocol: string;
}

/**
 * The learner's config for the grader's cluster: every fixed host port replaced by a free one (the
 * learner's 8081 may be taken, by their own cluster too), a random API server port, and no `name`
 * (the grader's `--name` decides). The learner's file is never written.
 */
export async function rewriteKindConfig(value: unknown, nextPort: () => Promise<number>): Promise<{ config: Record<string, unknown>; published: Published[] }> {
  const config = structuredClone(value) as Record<string, unknown>;
  delete config.name;
  const networking = config.networking as Record<string, unknown> | undefined;
  if (networking && typeof networking === 'object') delete networking.apiServerPort;
  const taken = new Set<number>();
  const published: Published[] = [];
  const nodes = Array.isArray(config.nodes) ? (config.nodes as Record<string, unknown>[]) : [];
  for (const [nodeIndex, node] of nodes.entries()) {
    const mappings = Array.isArray(node?.extraPortMappings) ? (node.extraPortMappings as Record<string, unknown>[]) : [];
    for (const m of mappings) {
      const learnerPort = Number(m.hostPort ?? 0);
      if (learnerPort <= 0) continue; // 0 and -1 already mean "any free port"
      let port = await nextPort();
      while (taken.has(port)) port = await nextPort();
      taken.add(port);
      m.hostPort = port;
      published.push({
        nodeIndex,
        role: String(node.role ?? 'control-plane'),
        containerPort: Number(m.containerPort),
        hostPort: port,
        learnerPort,
        listenAddress: String(m.listenAddress ?? '0.0.0.0'),
        protocol: String(m.protocol ?? 'TCP').toLowerCase(),
      });
    }
  }
  return { config, published };
}

export const kindCreateArgs = (name: string, configFile: string, kubeconfig: string): string[] => [
  'create',
  'cluster',
  '--name',
  name,
  '--config',
  configFile,
  '--kubeconfig',
  kubeconfig,
];
export const kindDeleteArgs = (name: string, kubeconfig: string): string[] => ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig];

/** The likely causes in kind's output, with the E-code of docs/solucion-de-problemas.md when the machine is to blame. */
export function createCauses(output: string): string[] {
  return [
    /field \S+ not found in type/i.test(output) ? 'kind no entiende un campo del archivo: ¿es anterior a la 0.30? (`kind version`)' : '',
    /manifest unknown|not found: manifest|pull access denied|failed to pull image|error pulling image/i.test(output)
      ? 'la imagen de nodo (`image`) no existe o no se pudo descargar; sin `image`, kind usa la suya'
      : '',
    /too many open files/i.test(output) ? 'E21: límites de inotify bajos para varios nodos (`fs.inotify.max_user_watches=524288`, `max_user_instances=512`).' : '',
    /port is already allocated|address already in use/i.test(output) ? 'E11: un puerto que pide el archivo ya está en uso.' : '',
    /cgroup|could not find a log line|failed to init node/i.test(output) ? 'E22: Docker no pudo arrancar los nodos (clústeres viejos, recursos agotados o cgroups rotos en WSL).' : '',
    /no space left on device/i.test(output) ? 'E07: disco lleno (`docker system df`).' : '',
    /cannot allocate memory|out of memory|OOM/i.test(output) ? 'E05: a Docker le falta memoria para tres nodos.' : '',
  ].filter(Boolean);
}

const isControlPlane = (n: NodeState) => CONTROL_PLANE_LABEL in n.labels;
const roleOf = (n: NodeState) => (isControlPlane(n) ? 'control-plane' : 'worker');
const ownLabels = (n: NodeState) =>
  Object.entries(n.labels)
    .filter(([k]) => !/(^|\.)(kubernetes\.io|k8s\.io)\//.test(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || 'sin etiquetas propias';

/** The Ready verdict on the nodes seen last: undefined when every expected node is Ready. */
export function readyProblem(nodes: NodeState[], e: KindExpectations, file: string, seconds: number, cniDisabled: boolean, error?: string): Problem | undefined {
  const expected = e.controlPlanes + e.workers;
  const ready = nodes.filter((n) => n.ready).length;
  if (nodes.length === expected && ready === expected) return undefined;
  const noCni = nodes.some((n) => /NetworkPluginNotReady|cni plugin not initialized/i.test(`${n.reason} ${n.message}`));
  const evidence = [
    ...nodes.map((n) => `${n.name} (${roleOf(n)}): ${n.ready ? 'Ready' : `NotReady${n.reason || n.message ? ` — ${[n.reason, n.message].filter(Boolean).join(': ').slice(0, 160)}` : ''}`}`),
    ...(nodes.length < expected ? [`solo ${nodes.length} de ${expected} nodos se unieron al clúster`] : []),
    ...(error ? [`la API no respondió: ${error}`] : []),
  ];
  const cause =
    cniDisabled || noCni
      ? `los nodos no tienen red de Pods (CNI)${cniDisabled ? ': `networking.disableDefaultCNI: true` quita la de kind, y nadie instala otra' : ''}; sin CNI ningún nodo pasa a Ready`
      : undefined;
  return { code: 'kind.live.notReady', at: { file }, params: { seconds, ready, expected, evidence, cause } };
}

/** Every worker carries the labels, no control-plane does, and there are as many workers as expected. */
export function labelsProblem(nodes: NodeState[], e: KindExpectations, file: string): Problem | undefined {
  const wanted = Object.entries(e.workerLabels);
  const has = (n: NodeState) => wanted.every(([k, v]) => n.labels[k] === v);
  const workers = nodes.filter((n) => !isControlPlane(n));
  const wrong = [
    ...workers.filter((n) => !has(n)).map((n) => `al worker \`${n.name}\` le falta`),
    ...nodes.filter((n) => isControlPlane(n) && has(n)).map((n) => `el control-plane \`${n.name}\` también la lleva`),
    ...(workers.length !== e.workers ? [`hay ${workers.length} workers y se esperaban ${e.workers}`] : []),
  ];
  if (wrong.length === 0) return undefined;
  const label = wanted.map(([k, v]) => `\`${k}=${v}\``).join(', ');
  return {
    code: 'kind.live.labels',
    at: { file },
    params: { detail: `${label}: ${wrong.join('; ')}`, evidence: nodes.map((n) => `${n.name} (${roleOf(n)}): ${ownLabels(n)}`) },
  };
}

/** `docker port <container>`: "30080/tcp -> 127.0.0.1:41234" lines → has the expected one? */
export function portPublished(output: string, p: Published): boolean {
  const want = `${p.containerPort}/${p.protocol} -> ${p.listenAddress.includes(':') ? `[${p.listenAddress}]` : p.listenAddress}:${p.hostPort}`;
  return output.split(/\r?\n/).some((l) => l.trim() === want);
}

export class KindClusterUnderTest {
  private outcomes = new Map<KindStep, Outcome>();
  private skipAll?: string;
  private error?: unknown;
  private readonly deps: KindDeps;

  constructor(
    readonly exercise: Exercise,
    readonly options: KindClusterOptions,
    deps: Partial<KindDeps> = {},
  ) {
    this.deps = { ...defaultDeps(), ...deps };
  }

  /** For the live describe's `before`: records every step; never throws (a failing hook would hide the rubric). */
  async create(hook: Pick<Context, 'timeout'>): Promise<void> {
    hook.timeout(LOCK_WAIT_MS + CREATE_TIMEOUT_MS + this.deps.readyTimeoutS * 1000 + DELETE_TIMEOUT_MS + 60_000);
    this.outcomes.clear();
    this.skipAll = this.error = undefined;
    try {
      this.skipAll = await this.whyNot();
      if (this.skipAll) return;
      await this.deps.withLock(`crear un clúster de kind para el ejercicio ${this.exercise.number}`, () => this.runAll());
    } catch (err) {
      if (err instanceof LockTimeout) this.skipAll = lackOf('kind', lockTimeoutReason(err));
      else this.error = err;
    }
  }

  /** Reports the step of one rubric line: passed, failed with its evidence, or skipped with the reason. */
  async expectStep(ctx: Context, s: KindStep): Promise<void> {
    if (this.error) throw this.error;
    if (this.skipAll) skipWith(ctx, this.skipAll);
    const outcome = this.outcomes.get(s);
    if (!outcome) return skipWith(ctx, reason('kind.skip.notCreated'));
    if (outcome.state === 'skipped') skipWith(ctx, outcome.reason);
    if (outcome.state === 'failed') failWith(...outcome.problems);
  }

  /** The outcome of a step, for the unit tests. */
  outcome(s: KindStep): Outcome | { state: 'skipped all'; reason: string } | undefined {
    return this.skipAll ? { state: 'skipped all', reason: this.skipAll } : this.outcomes.get(s);
  }

  /**
   * Why the cluster cannot be created here, in the order a learner fixes things; undefined when it
   * can. What this machine lacks is recorded as the 'kind' need (`TALLER_REQUIRE=kind` fails on it).
   */
  private async whyNot(): Promise<string | undefined> {
    const { env, run: exec } = this.deps;
    const tiers = await this.deps.unmet([]); // TALLER_TIERS=static
    if (tiers) return tiers;
    if (!optedIn(env)) return lackOf('kind', reason('kind.skip.optIn'));
    try {
      if (kindConfigProblems(this.exercise.document(this.options.file), this.options.expect).length > 0) return reason('kind.skip.config');
    } catch (err) {
      if (err instanceof GradingFailure) return reason('kind.skip.config');
      throw err;
    }
    const docker = await this.deps.unmet(['docker']);
    if (docker) return lackOf('kind', docker);
    const version = await exec('kind', ['version'], { timeoutMs: 20_000 });
    if (version.spawnError?.code === 'ENOENT') return lackOf('kind', reason('kind.skip.missing'));
    const v = parseKindVersion(version.stdout);
    if (version.code !== 0 || !v) return lackOf('kind', reason('kind.skip.missing'));
    if (v[0] < MIN_KIND[0] || (v[0] === MIN_KIND[0] && v[1] < MIN_KIND[1])) return lackOf('kind', reason('kind.skip.old', { version: version.stdout.trim().split(/\s+/)[1] ?? version.stdout.trim() }));
    const info = await exec('docker', ['info', '--format', '{{.MemTotal}}'], { timeoutMs: 20_000 });
    const memory = parseMemTotal(info.stdout);
    if (memory !== undefined && memory < MIN_MEMORY_BYTES) return lackOf('kind', reason('kind.skip.memory', { gib: (memory / 1024 ** 3).toFixed(1).replace('.', ',') }));
    return undefined;
  }

  private async runAll(): Promise<void> {
    const { run: exec, progress } = this.deps;
    const { file, expect: e, prefix } = this.options;
    const learner = this.exercise.document<Record<string, unknown>>(file);
    const name = `${prefix}-${randomBytes(3).toString('hex')}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const configFile = path.join(dir, 'kind-config.yaml');
    const kubeconfig = path.join(dir, 'kubeconfig');
    const { config, published } = await rewriteKindConfig(learner.value, this.deps.freePort);
    // JSON is YAML too, and keeps the copy free of the learner's comments and anchors.
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    let started = false;
    // Ctrl-C or a kill while the cluster exists: delete it before leaving (`finally` would not run).
    const onSignal = (signal: NodeJS.Signals) => {
      if (started) {
        process.stderr.write(`\n  … ${signal}: kind delete cluster --name ${name}\n`);
        spawnSync('kind', kindDeleteArgs(name, kubeconfig), { stdio: 'ignore', timeout: DELETE_TIMEOUT_MS });
      }
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      started = true;
      const s = this.deps.step(`Creando el clúster de kind «${name}» desde tu ${file} (${e.controlPlanes + e.workers} nodos; la primera vez descarga la imagen de nodo)`);
      const created = await exec('kind', kindCreateArgs(name, configFile, kubeconfig), {
        timeoutMs: CREATE_TIMEOUT_MS,
        cwd: this.exercise.submission, // relative `extraMounts` paths are the learner's
        onLine: progress,
      });
      s.done(created.code === 0);
      if (created.code !== 0) {
        const output = `${created.stderr}\n${created.stdout}`;
        this.outcomes.set('create', {
          state: 'failed',
          problems: [
            {
              code: 'kind.live.create',
              at: { file },
              params: { exitCode: created.code, timedOut: created.timedOut, minutes: CREATE_TIMEOUT_MS / 60_000, causes: createCauses(output), tail: lastLines(output, 12) },
            },
          ],
        });
        return;
      }
      this.outcomes.set('create', { state: 'passed' });
      await this.checkPort(name, published, file);
      await this.checkNodes(kubeconfig, file, config);
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      if (started) {
        const s = this.deps.step(`Borrando el clúster de kind «${name}»`);
        const deleted = await exec('kind', kindDeleteArgs(name, kubeconfig), { timeoutMs: DELETE_TIMEOUT_MS });
        s.done(deleted.code === 0);
        // Not a rubric line (no learner's file makes it fail): a warning the report shows.
        if (deleted.code !== 0) {
          noteWarnings([{ code: 'kind.live.delete', severity: 'warning', at: { file }, params: { name, exitCode: deleted.code, detail: lastLines(deleted.stderr, 2).join(' ') } }]);
        }
      }
      rmSync(dir, { recursive: true, force: true });
      const notCreated = this.outcomes.get('create')?.state !== 'passed';
      for (const st of STEPS) if (!this.outcomes.has(st) && notCreated) this.outcomes.set(st, { state: 'skipped', reason: reason('kind.skip.notCreated') });
    }
  }

  private async checkPort(name: string, published: Published[], file: string): Promise<void> {
    const want = this.options.expect.port;
    const p = published.find((x) => x.role === 'control-plane' && x.containerPort === want.containerPort);
    if (!p) throw new Error(`the static tier passed, but the rewritten config publishes no container port ${want.containerPort} on a control-plane`);
    const out = await this.deps.run('docker', ['port', `${name}-control-plane`], { timeoutMs: 30_000 });
    if (out.code === 0 && portPublished(out.stdout, p)) return void this.outcomes.set('port', { state: 'passed' });
    this.outcomes.set('port', {
      state: 'failed',
      problems: [
        {
          code: 'kind.live.port',
          at: { file },
          params: { containerPort: p.containerPort, listenAddress: p.listenAddress, hostPort: p.hostPort, learnerPort: p.learnerPort, evidence: lastLines(`${out.stdout}\n${out.stderr}`, 8) },
        },
      ],
    });
  }

  private async checkNodes(kubeconfig: string, file: string, config: Record<string, unknown>): Promise<void> {
    const { readNodes, readyTimeoutS, pollMs, step: progressStep } = this.deps;
    const e = this.options.expect;
    const expected = e.controlPlanes + e.workers;
    const started = Date.now();
    const s = progressStep(`Esperando a que los ${expected} nodos estén Ready (hasta ${readyTimeoutS} s)`);
    let nodes: NodeState[] = [];
    let error: string | undefined;
    for (;;) {
      try {
        nodes = await readNodes(kubeconfig);
        error = undefined;
      } catch (err) {
        error = shortError(err);
      }
      if (nodes.length === expected && nodes.every((n) => n.ready)) break;
      if (Date.now() - started > readyTimeoutS * 1000) break;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const cniDisabled = (config.networking as Record<string, unknown> | undefined)?.disableDefaultCNI === true;
    const notReady = readyProblem(nodes, e, file, Math.round((Date.now() - started) / 1000), cniDisabled, error);
    s.done(!notReady);
    this.outcomes.set('ready', notReady ? { state: 'failed', problems: [notReady] } : { state: 'passed' });
    // Labels are set when a node registers, Ready or not; a node that never joined has none to show.
    if (nodes.length < expected) {
      this.outcomes.set('labels', { state: 'skipped', reason: `solo ${nodes.length} de ${expected} nodos se unieron al clúster: mira la línea de los nodos Ready` });
      return;
    }
    const labels = labelsProblem(nodes, e, file);
    this.outcomes.set('labels', labels ? { state: 'failed', problems: [labels] } : { state: 'passed' });
  }
}

/** The nodes through the API, with the kubeconfig kind wrote for this cluster alone. */
async function readNodesWithClient(kubeconfig: string): Promise<NodeState[]> {
  const lib = await import('@kubernetes/client-node');
  const kc = new lib.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const list = await withTimeout(kc.makeApiClient(lib.CoreV1Api).listNode(), 10_000);
  return list.items.map((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    return {
      name: n.metadata?.name ?? '?',
      labels: n.metadata?.labels ?? {},
      ready: ready?.status === 'True',
      reason: ready?.status === 'True' ? undefined : ready?.reason,
      message: ready?.status === 'True' ? undefined : ready?.message,
    };
  });
}

export function kindClusterUnderTest(ex: Exercise, options: KindClusterOptions, deps: Partial<KindDeps> = {}): KindClusterUnderTest {
  return new KindClusterUnderTest(ex, options, deps);
}
