// Checks that need containers to really run (declared with 'data-plane'): readiness, logs,
// rollouts, endpoints, Job completion and HTTP from inside the cluster. Each polls, and on
// failure shows what a learner would look for: container states and reasons, restarts, the last
// log lines and warning events.
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { failWith } from '../assert/failure.ts';
import { poll, type PollOptions } from './checks.ts';
import { shortError } from './cluster.ts';
import { graderPod } from './grader-pod.ts';
import type { Admission } from './run.ts';
import { locationOf as at, sourceOf } from './run.ts';
import { jobExitFinal, missingMounts, mountFinal, readinessFinal, settles, unschedulable, unschedulableFinal, waitingFinal, type Final } from './signals.ts';

// Generous for a laptop (the image is already in the cluster, the app starts in a second).
const READY_TIMEOUT = 60_000;
const STEADY_MS = 2000;

/** A cluster call outside a poll: if the cluster does not answer, the line fails saying so. */
async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    return failWith({ code: 'live.lost', at: { file: 'k8s/' }, params: { error: shortError(err) } });
  }
}

const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

// When each container run was first seen running and not ready, per grading run: a later check
// of the same Pods (endpoints after the rollout) goes on counting instead of starting again.
const readinessSeen = new WeakMap<Admission, Map<string, number>>();

export interface FinalOptions {
  /** The Pods are a Job's: a failed attempt of the workshop app is final (signals.ts). */
  job?: boolean;
  /** Readiness counts (not for a log or a Job). */
  readiness?: boolean;
  /** When the wait ends and how long it is, for a declared `READY_DELAY` past it. */
  deadline?: number;
  timeoutMs?: number;
  /** How many of the Pods must still come good (default: all): see `settles`. */
  needed?: number;
}

const names = async (list: Promise<{ items: { metadata?: k8s.V1ObjectMeta }[] }>) => new Set((await list).items.map((o) => o.metadata?.name));

/**
 * Why the Pods cannot come good in time (signals.ts), or undefined while they still may: the
 * first Pod that will not get better, once too few of the others are left (see `settles`).
 * Events, nodes, ConfigMaps and Secrets are read only when a rule needs them.
 */
export async function finalSignal(a: Admission, pods: k8s.V1Pod[], opts: FinalOptions = {}): Promise<Final | undefined> {
  const finals = new Map<string, Final>();
  const note = (p: k8s.V1Pod, f: Final | undefined) => {
    if (f && !finals.has(p.metadata?.name ?? '')) finals.set(p.metadata?.name ?? '', f);
  };
  for (const p of pods) note(p, waitingFinal(p) ?? (opts.job ? jobExitFinal(p) : undefined));
  if (pods.some(unschedulable)) {
    // Reading nodes may be forbidden to some users: then no Pod is final for want of room.
    const nodes = (await a.cluster.core.listNode().catch(() => ({ items: [] }))).items;
    for (const p of pods) note(p, unschedulableFinal(p, nodes));
  }
  const waitsForEvents = (p: k8s.V1Pod) =>
    p.status?.phase === 'Pending' || (opts.readiness !== false && (p.status?.containerStatuses ?? []).some((s) => s.state?.running && !s.ready));
  if (pods.some(waitsForEvents)) {
    const events = (await a.cluster.core.listNamespacedEvent({ namespace: a.namespace })).items;
    if (opts.readiness !== false) {
      const seen = readinessSeen.get(a) ?? new Map<string, number>();
      readinessSeen.set(a, seen);
      const look = { events, seen, now: Date.now(), deadline: opts.deadline, timeoutMs: opts.timeoutMs };
      // Every Pod, every look: each one's clock starts at its first look.
      for (const p of pods) note(p, readinessFinal(p, look));
    }
    if (pods.some((p) => !finals.has(p.metadata?.name ?? '') && missingMounts(events, p.metadata?.name ?? '').length)) {
      const [configMaps, secrets] = await Promise.all([
        names(a.cluster.core.listNamespacedConfigMap({ namespace: a.namespace })).catch(() => undefined),
        names(a.cluster.core.listNamespacedSecret({ namespace: a.namespace })).catch(() => undefined),
      ]);
      // What could not be listed counts as existing: never final on a guess.
      const exists = (kind: string, name: string) => (kind === 'Secret' ? secrets : configMaps)?.has(name) ?? true;
      for (const p of pods) note(p, mountFinal(p, events, exists));
    }
  }
  return settles(finals.size, pods.length, opts.needed ?? pods.length) ? finals.values().next().value : undefined;
}

const stuck = (p: k8s.V1Pod) => waitingFinal(p) !== undefined;
// Evidence shows the Pod that decided the wait (the cause) first, then stuck Pods, then Pods
// still starting, which say nothing yet.
const causeFirst = (final: Final | undefined) => (x: k8s.V1Pod, y: k8s.V1Pod) => {
  const rank = (p: k8s.V1Pod) => (final && p.metadata?.name === final.pod ? 2 : stuck(p) ? 1 : 0);
  return rank(y) - rank(x);
};

export async function logTail(a: Admission, pod: string, container?: string, previous = false): Promise<string[]> {
  try {
    const text = await a.cluster.core.readNamespacedPodLog({ name: pod, namespace: a.namespace, container, tailLines: 5, previous });
    return String(text).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** One line per container that is not ready: its state, reason, restarts and last log lines. */
export async function podDiagnosis(a: Admission, pod: k8s.V1Pod): Promise<string[]> {
  const name = pod.metadata?.name ?? '';
  const lines: string[] = [];
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    if (s.ready) continue;
    const waiting = s.state?.waiting;
    const terminated = s.state?.terminated ?? s.lastState?.terminated;
    // A container waiting to restart shows how its last run ended: the exit code is the evidence.
    const last = waiting && s.lastState?.terminated;
    const state = waiting
      ? `esperando: ${waiting.reason}${waiting.message ? ` (${waiting.message.split('\n')[0]})` : ''}${last ? `; la última vez terminó con código ${last.exitCode} (${last.reason ?? 'sin motivo'})` : ''}`
      : terminated
        ? `terminó con código ${terminated.exitCode} (${terminated.reason ?? 'sin motivo'})`
        : s.state?.running
          ? 'en marcha, pero no preparado (¿falla la sonda de preparación?)'
          : 'sin estado';
    lines.push(`Pod ${name}, contenedor ${s.name}: ${state}; reinicios: ${s.restartCount}`);
    const logs = await logTail(a, name, s.name, s.restartCount > 0 && !s.state?.running);
    for (const l of logs.slice(-3)) lines.push(`  registro: ${l}`);
  }
  // No container to speak of (not scheduled, or all ready): the Pod's phase heads its events.
  if (lines.length === 0) lines.push(`Pod ${name}: ${pod.status?.phase ?? 'sin estado'}`);
  const events = await a.cluster.core.listNamespacedEvent({ namespace: a.namespace, fieldSelector: `involvedObject.name=${name}` });
  for (const e of events.items.filter((e) => e.type === 'Warning').slice(-2)) lines.push(`  evento ${e.reason}: ${e.message}`);
  return lines;
}

export async function podsWithLabels(a: Admission, selector: Record<string, string>): Promise<k8s.V1Pod[]> {
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  return (await a.cluster.core.listNamespacedPod({ namespace: a.namespace, labelSelector })).items.filter((p) => !p.metadata?.deletionTimestamp);
}

/** The labels the learner's workload gives its Pods (a Pod's own labels). */
export function templateLabels(ex: Exercise, kind: string, name: string): Record<string, string> {
  const source = sourceOf(ex, kind, name);
  const metadata = (kind === 'Pod' ? source?.value.metadata : (source?.value.spec as { template?: { metadata?: unknown } })?.template?.metadata) as
    | { labels?: Record<string, string> }
    | undefined;
  return metadata?.labels ?? {};
}

/** `count` Pods carrying the workload's Pod labels are Ready. */
export async function podsReady(a: Admission, ex: Exercise, kind: string, name: string, count: number, opts: PollOptions = {}): Promise<Problem[]> {
  // A crash-looping container with no readiness probe is Ready for an instant after each start:
  // a Pod counts only when it was Ready at two looks STEADY_MS apart with the same containers.
  const readySince = new Map<string, { run: string; at: number }>();
  const steady = (p: k8s.V1Pod) => {
    const key = p.metadata?.uid ?? p.metadata?.name ?? '';
    if (!isReady(p)) {
      readySince.delete(key);
      return false;
    }
    const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
    const run = statuses.map((s) => `${s.name}:${s.restartCount}:${String(s.state?.running?.startedAt ?? '')}`).join(',');
    const seen = readySince.get(key);
    if (seen?.run !== run) {
      readySince.set(key, { run, at: Date.now() });
      return false;
    }
    return Date.now() - seen.at >= STEADY_MS;
  };
  const timeoutMs = opts.timeoutMs ?? READY_TIMEOUT;
  const deadline = Date.now() + timeoutMs;
  return poll(
    async () => {
      const pods = kind === 'Pod'
        ? [await a.cluster.core.readNamespacedPod({ name, namespace: a.namespace })]
        : await podsWithLabels(a, templateLabels(ex, kind, name));
      const ready = pods.filter(steady);
      if (ready.length >= count) return { problems: [] };
      const final = await finalSignal(a, pods, { deadline, timeoutMs, needed: count });
      const evidence = (await Promise.all(pods.filter((p) => !isReady(p)).sort(causeFirst(final)).slice(0, 2).map((p) => podDiagnosis(a, p)))).flat();
      return {
        settled: final !== undefined,
        problems: [{ code: 'live.notReady', at: at(ex, kind, name), params: { kind, name, expected: count, ready: ready.length, evidence, final, namespace: a.namespace } }],
      };
    },
    { ...opts, timeoutMs, at: at(ex, kind, name) },
  );
}

export interface LogOptions extends PollOptions {
  /** One container of a Pod with several (a sidecar). */
  container?: string;
  /** The learner's object the Pod comes from, where a failure points (default: the Pod). */
  source?: { kind: string; name: string };
}

/** The log of the Pod (or of one of its containers) has a line containing `text`. */
export async function logIncludes(a: Admission, ex: Exercise, pod: string, text: string, opts: LogOptions = {}): Promise<Problem[]> {
  const { container, source = { kind: 'Pod', name: pod }, ...pollOpts } = opts;
  return poll(async () => {
    // One read: the whole log decides, its last lines are the evidence.
    const all = await podLog(a, pod, container);
    if (all.includes(text)) return { problems: [] };
    const lines = all.trim().split('\n').filter(Boolean).slice(-5);
    // A crash-looping container prints the same log at every restart, and a Pod that cannot
    // start prints none: waiting adds nothing.
    const seen = await a.cluster.core.readNamespacedPod({ name: pod, namespace: a.namespace }).catch(() => undefined);
    const final = seen && (await finalSignal(a, [seen], { readiness: false }));
    const params = { pod, text, evidence: lines, final, ...(container ? { container, namespace: a.namespace } : {}) };
    return { settled: final !== undefined, problems: [{ code: 'live.logMissing', at: at(ex, source.kind, source.name), params }] };
  }, { timeoutMs: 30_000, ...pollOpts, at: at(ex, source.kind, source.name) });
}

export interface HttpResult {
  codigo?: number;
  cuerpo?: string;
  error?: string;
}

/** The client Pod's extra labels (NetworkPolicies select clients by label) and `pedir`'s timeout. */
/**
 * How long a look that runs an HTTP client Pod may take: the Pod is created, scheduled and started
 * (seconds on a busy node), may wait `settleS`, and `pedir` may wait its own timeout.
 */
export const CLIENT_LOOK_MS = 90_000;

export interface ClientOptions {
  labels?: Record<string, string>;
  timeoutS?: number;
  /**
   * Seconds the Pod waits, with its IP already assigned, before asking: a NetworkPolicy
   * enforcer admits a client only once it has seen that IP.
   */
  settleS?: number;
}

/**
 * An HTTP request from inside the cluster: a short-lived client Pod of the workshop image runs
 * `pedir` (restricted security context, so it is admitted in every exercise's namespace). With a
 * JSON `body`, a POST.
 */
export async function httpFromCluster(a: Admission, url: string, expectStatus = 200, body?: string, client: ClientOptions = {}): Promise<{ result?: HttpResult; log: string[] }> {
  const name = `taller-cliente-${randomBytes(3).toString('hex')}`;
  await a.cluster.core.createNamespacedPod({
    namespace: a.namespace,
    body: graderPod(
      name,
      { 'taller/rol': 'cliente', ...client.labels },
      {
        name: 'pedir',
        args: ['pedir', url, '--timeout', String(client.timeoutS ?? 5), '--esperar-codigo', String(expectStatus), ...(body === undefined ? [] : ['--metodo', 'POST', '--datos', body])],
      },
      {
        restartPolicy: 'Never',
        initContainers: client.settleS ? [{ name: 'esperar', command: ['python', '-c', `import time; time.sleep(${client.settleS})`] }] : undefined,
      },
    ),
  });
  let phase: string | undefined;
  for (let i = 0; i < 60 && phase !== 'Succeeded' && phase !== 'Failed'; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    phase = (await a.cluster.core.readNamespacedPod({ name, namespace: a.namespace })).status?.phase;
  }
  const log = await logTail(a, name);
  await a.cluster.core.deleteNamespacedPod({ name, namespace: a.namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  const last = log.at(-1);
  try {
    return { result: last ? (JSON.parse(last) as HttpResult) : undefined, log };
  } catch {
    return { log };
  }
}

/** GET `url` from inside the cluster answers `status` (retried: Services take a moment). */
export async function httpAnswers(a: Admission, ex: Exercise, kind: string, name: string, url: string, check: (r: HttpResult) => boolean, expected: string, opts: PollOptions = {}): Promise<Problem[]> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  return poll(async () => {
    const { result, log } = await httpFromCluster(a, url);
    if (result && check(result)) return { problems: [] };
    const got = result?.error ?? (result?.codigo ? `código ${result.codigo}, cuerpo ${result.cuerpo ?? ''}` : log.join(' / ') || 'sin respuesta');
    // No answer, and none of the Pods that would answer can get better: asking again adds nothing.
    const final = result?.codigo ? undefined : await finalSignal(a, await podsBehind(a, ex, kind, name).catch(() => []), { deadline, timeoutMs, needed: 1 });
    return { settled: final !== undefined, problems: [{ code: 'live.http', at: at(ex, kind, name), params: { url, expected, got, final } }] };
  }, { intervalMs: 2000, lookMs: CLIENT_LOOK_MS, ...opts, timeoutMs, at: at(ex, kind, name) });
}

/** The Pods that serve a Pod, a workload or a Service (its selector, as the cluster has it). */
export async function podsBehind(a: Admission, ex: Exercise, kind: string, name: string): Promise<k8s.V1Pod[]> {
  if (kind === 'Pod') return [await a.cluster.core.readNamespacedPod({ name, namespace: a.namespace })];
  if (kind !== 'Service') return podsWithLabels(a, templateLabels(ex, kind, name));
  const selector = (await a.cluster.core.readNamespacedService({ name, namespace: a.namespace })).spec?.selector;
  return selector && Object.keys(selector).length ? podsWithLabels(a, selector) : [];
}

/** A Deployment finished rolling out: every replica updated and available. */
export async function rolloutComplete(a: Admission, ex: Exercise, name: string, replicas: number, opts: PollOptions = {}): Promise<Problem[]> {
  const apps = a.cluster.kc.makeApiClient(a.cluster.lib.AppsV1Api);
  const timeoutMs = opts.timeoutMs ?? READY_TIMEOUT;
  const deadline = Date.now() + timeoutMs;
  return poll(async () => {
    const d = await apps.readNamespacedDeployment({ name, namespace: a.namespace });
    const s = d.status ?? {};
    const done =
      (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
      s.updatedReplicas === replicas && s.availableReplicas === replicas && (s.replicas ?? 0) === replicas;
    if (done) return { problems: [] };
    const pods = await podsWithLabels(a, (d.spec?.selector?.matchLabels ?? {}) as Record<string, string>);
    const final = await finalSignal(a, pods, { deadline, timeoutMs, needed: replicas });
    const evidence = [
      `réplicas: ${s.replicas ?? 0} en total, ${s.updatedReplicas ?? 0} actualizadas, ${s.availableReplicas ?? 0} disponibles (se esperan ${replicas})`,
      ...(await Promise.all(pods.filter((p) => !isReady(p)).sort(causeFirst(final)).slice(0, 2).map((p) => podDiagnosis(a, p)))).flat(),
    ];
    return { settled: final !== undefined, problems: [{ code: 'live.rollout', at: at(ex, 'Deployment', name), params: { name, replicas, evidence, final, namespace: a.namespace } }] };
  }, { ...opts, timeoutMs, at: at(ex, 'Deployment', name) });
}

/** The Service's EndpointSlices hold `count` ready endpoints. */
export async function readyEndpoints(a: Admission, ex: Exercise, service: string, count: number): Promise<Problem[]> {
  const discovery = a.cluster.kc.makeApiClient(a.cluster.lib.DiscoveryV1Api);
  const timeoutMs = 45_000;
  const deadline = Date.now() + timeoutMs;
  return poll(async () => {
    const slices = await discovery.listNamespacedEndpointSlice({ namespace: a.namespace, labelSelector: `kubernetes.io/service-name=${service}` });
    const ready = slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready);
    if (ready.length === count) return { problems: [] };
    // Too few endpoints, and too few selected Pods can still get better: the count cannot come.
    const final = ready.length < count ? await finalSignal(a, await podsBehind(a, ex, 'Service', service).catch(() => []), { deadline, timeoutMs, needed: count }) : undefined;
    return { settled: final !== undefined, problems: [{ code: 'live.endpoints', at: at(ex, 'Service', service), params: { service, expected: count, ready: ready.length, final } }] };
  }, { timeoutMs, at: at(ex, 'Service', service) });
}

/** The Job completed; on failure, its condition and the Pods' diagnosis. */
export async function jobCompletes(a: Admission, ex: Exercise, name: string, source: { kind: string; name: string } = { kind: 'Job', name }): Promise<Problem[]> {
  const batch = a.cluster.kc.makeApiClient(a.cluster.lib.BatchV1Api);
  return poll(async () => {
    const job = await batch.readNamespacedJob({ name, namespace: a.namespace });
    const conditions = job.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { problems: [] };
    const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
    const pods = await podsWithLabels(a, { 'batch.kubernetes.io/job-name': name });
    // Before the Job gives up: an attempt that failed for good, or a Pod that cannot start.
    const final = failed ? undefined : await finalSignal(a, pods, { job: true, readiness: false });
    const shown = final ? [...pods].sort(causeFirst(final)).slice(0, 1) : pods.slice(-2);
    const evidence = [
      ...(failed ? [`el Job falló: ${failed.reason}: ${failed.message}`] : [`Pods: ${pods.map((p) => `${p.metadata?.name} ${p.status?.phase}`).join(', ') || 'ninguno'}`]),
      ...(await Promise.all(shown.map((p) => podDiagnosis(a, p)))).flat(),
    ];
    return {
      settled: Boolean(failed) || final !== undefined,
      problems: [{ code: 'live.jobIncomplete', at: at(ex, source.kind, source.name), params: { name, evidence, final, namespace: a.namespace } }],
    };
  }, { timeoutMs: 120_000, intervalMs: 2000, at: at(ex, source.kind, source.name) });
}

/** Like `kubectl create job --from=cronjob/NAME`: a Job from the CronJob's template. */
export async function jobFromCronJob(a: Admission, cronJob: string): Promise<string> {
  const batch = a.cluster.kc.makeApiClient(a.cluster.lib.BatchV1Api);
  const cj = await reach(() => batch.readNamespacedCronJob({ name: cronJob, namespace: a.namespace }));
  const name = `${cronJob}-manual-${randomBytes(2).toString('hex')}`.slice(0, 63);
  await reach(() => batch.createNamespacedJob({
    namespace: a.namespace,
    body: {
      metadata: {
        name,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob, uid: cj.metadata!.uid!, controller: true }],
      },
      spec: cj.spec!.jobTemplate.spec,
    },
  }));
  return name;
}

/** The names of the Pods a Job ran (newest last). */
export async function jobPods(a: Admission, job: string): Promise<string[]> {
  return (await reach(() => podsWithLabels(a, { 'batch.kubernetes.io/job-name': job })))
    .sort((x, y) => String(x.metadata?.creationTimestamp).localeCompare(String(y.metadata?.creationTimestamp)))
    .map((p) => p.metadata?.name ?? '');
}

/** The full log of a Pod (of one of its containers, when named). */
export async function podLog(a: Admission, pod: string, container?: string): Promise<string> {
  return String(await a.cluster.core.readNamespacedPodLog({ name: pod, namespace: a.namespace, container }).catch(() => ''));
}

/** The Pod's IP, once it has one. */
export async function podIP(a: Admission, pod: string): Promise<string | undefined> {
  for (let i = 0; i < 30; i++) {
    const seen = await reach(() => a.cluster.core.readNamespacedPod({ name: pod, namespace: a.namespace }));
    if (seen.status?.podIP) return seen.status.podIP;
    // A Pod that will never start gets no IP: the line that uses it says why.
    if (await finalSignal(a, [seen], { readiness: false }).catch(() => undefined)) return undefined;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return undefined;
}

/** Scales a Deployment and changes its container's env (a new Pod template: a rolling update). */
export async function scaleAndRoll(a: Admission, name: string, container: string, replicas: number, env: Record<string, string>): Promise<void> {
  await reach(() => a.cluster.objects.patch(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: a.namespace },
      spec: {
        replicas,
        template: { spec: { containers: [{ name: container, env: Object.entries(env).map(([k, v]) => ({ name: k, value: v })) }] } },
      },
    } as k8s.KubernetesObject,
    undefined,
    undefined,
    undefined,
    undefined,
    a.cluster.lib.PatchStrategy.StrategicMergePatch,
  ));
}

export interface EtlSummary {
  filas: number;
  total: number;
}

/** The `resumen` line that `etl` logged in the Job's last Pod matches `expected`. */
export async function etlSummaryMatches(a: Admission, ex: Exercise, job: string, expected: EtlSummary): Promise<Problem[]> {
  const pods = await jobPods(a, job);
  const log = pods.length ? await podLog(a, pods.at(-1)!) : '';
  const lines = log.trim().split('\n').filter(Boolean);
  const summary = lines
    .map((l) => {
      try {
        return JSON.parse(l) as Partial<EtlSummary> & { evento?: string };
      } catch {
        return undefined;
      }
    })
    .find((l) => l?.evento === 'resumen');
  const ok = summary && summary.filas === expected.filas && Math.abs((summary.total ?? NaN) - expected.total) <= 0.005;
  if (ok) return [];
  return [
    {
      code: 'live.logValues',
      at: at(ex, 'Job', job),
      params: {
        actual: summary ? `filas ${summary.filas} y total ${summary.total}` : 'nada (no hay línea `resumen`)',
        expected: `filas ${expected.filas} y total ${expected.total}`,
        evidence: lines.slice(-3),
      },
    },
  ];
}
