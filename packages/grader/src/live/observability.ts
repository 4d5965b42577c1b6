// Live checks of exercise 11 (data plane): a Ready Pod of the workload, the address Prometheus
// would scrape from its annotations, and that no container restarts — watched just long enough
// for every liveness probe to have run once, so a probe on a wrong path is caught at its first
// failure instead of after the restart it leads to.
import type * as k8s from '@kubernetes/client-node';
import type { Exercise } from '../catalog/exercise.ts';
import { failWith } from '../assert/failure.ts';
import type { Problem } from '../messages/problem.ts';
import { poll } from './checks.ts';
import { httpAnswers, logIncludes, logTail, podsReady, podsWithLabels, templateLabels, type HttpResult } from './dataplane.ts';
import { locationOf, type Admission } from './run.ts';

// After the Pod is Ready: time for the kubelet to record a probe's event.
const EVENT_SLACK_MS = 3000;
// A learner's `periodSeconds: 300` must not hold the grader for minutes.
const MAX_WATCH_MS = 45_000;

const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

async function podsOf(a: Admission, ex: Exercise, kind: string, name: string): Promise<k8s.V1Pod[]> {
  if (kind === 'Pod') return [await a.cluster.core.readNamespacedPod({ name, namespace: a.namespace })];
  return podsWithLabels(a, templateLabels(ex, kind, name));
}

/** The name of a Ready Pod of the workload (call it after `podsReady`); with `container`, it must have it. */
export async function readyPodOf(a: Admission, ex: Exercise, kind: string, name: string, container?: string): Promise<string> {
  const pods = await podsOf(a, ex, kind, name).catch(() => []);
  const pod = pods.find(isReady) ?? pods[0];
  const at = locationOf(ex, kind, name);
  if (!pod?.metadata?.name) return failWith({ code: 'live.notReady', at, params: { kind, name, expected: 1, ready: 0, evidence: [], namespace: a.namespace } });
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  if (container && !names.includes(container)) {
    return failWith({ code: 'live.containerMissing', at, params: { pod: pod.metadata.name, container, names: names.map((n) => `\`${n}\``).join(', ') } });
  }
  return pod.metadata.name;
}

/**
 * Where Prometheus would scrape this Pod, read from its annotations as the usual `kubernetes_sd`
 * relabelling does: `prometheus.io/port` (else the first declared port, else 8080) and
 * `prometheus.io/path` (else `/metrics`).
 */
export async function scrapeUrl(a: Admission, pod: string): Promise<string> {
  const live = await a.cluster.core.readNamespacedPod({ name: pod, namespace: a.namespace });
  const annotations = live.metadata?.annotations ?? {};
  const declared = live.spec?.containers?.[0]?.ports?.[0]?.containerPort ?? 8080;
  const port = /^\d+$/.test(annotations['prometheus.io/port'] ?? '') ? annotations['prometheus.io/port'] : String(declared);
  const given = annotations['prometheus.io/path'] || '/metrics';
  return `http://${live.status?.podIP}:${port}${given.startsWith('/') ? given : `/${given}`}`;
}

/**
 * The log of one container of the workload's Pod (a sidecar) has a line containing `text`. Waits
 * for a Ready Pod first (the line may run alone); the app logs before it listens, so by then a
 * sidecar following its file has had time to copy the line, and a short wait is enough.
 */
export async function containerLogShows(a: Admission, ex: Exercise, kind: string, name: string, count: number, container: string, text: string): Promise<Problem[]> {
  const ready = await podsReady(a, ex, kind, name, count);
  if (ready.length) return ready;
  const pod = await readyPodOf(a, ex, kind, name, container);
  return logIncludes(a, ex, pod, text, { container, source: { kind, name }, timeoutMs: 10_000 });
}

/**
 * Asked where the annotations say, as Prometheus would, the Pod answers 200 with `metric` in
 * Prometheus' text format. Waits for a Ready Pod first (the line may run alone).
 */
export async function scrapeShows(a: Admission, ex: Exercise, kind: string, name: string, count: number, metric: string): Promise<Problem[]> {
  const ready = await podsReady(a, ex, kind, name, count);
  if (ready.length) return ready;
  const url = await scrapeUrl(a, await readyPodOf(a, ex, kind, name));
  const shows = (r: HttpResult) => r.codigo === 200 && new RegExp(`^# TYPE ${metric} `, 'm').test(r.cuerpo ?? '');
  // Deterministic once the Pod is Ready: two tries are enough.
  const problems = await httpAnswers(a, ex, kind, name, url, shows, `código 200 con la métrica \`${metric}\``, { timeoutMs: 8000 });
  return problems.map((p) => (p.code === 'live.http' ? { ...p, code: 'live.scrape' } : p));
}

interface Watched {
  container: string;
  liveness?: k8s.V1Probe;
}

/** The containers that keep running in the Pod: native sidecars and the regular ones. */
function runningContainers(pod: k8s.V1Pod): Watched[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...sidecars, ...(pod.spec?.containers ?? [])].map((c) => ({ container: c.name, liveness: c.livenessProbe }));
}

const seconds = (v: number | undefined, fallback: number) => (v ?? fallback) * 1000;

/** How long after Ready each liveness probe has surely run once, and has failed enough to restart. */
function watchWindows(pod: k8s.V1Pod): { once: number; restart: number } {
  const probes = runningContainers(pod).flatMap((w) => (w.liveness ? [w.liveness] : []));
  const once = Math.max(0, ...probes.map((p) => seconds(p.initialDelaySeconds, 0) + seconds(p.periodSeconds, 10)));
  const restart = Math.max(0, ...probes.map((p) => seconds(p.initialDelaySeconds, 0) + seconds(p.periodSeconds, 10) * (p.failureThreshold ?? 3)));
  return { once: Math.min(once + EVENT_SLACK_MS, MAX_WATCH_MS), restart: Math.min(restart + EVENT_SLACK_MS, MAX_WATCH_MS) };
}

const readySince = (pod: k8s.V1Pod) => {
  const t = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime;
  return t ? new Date(t).getTime() : Date.now();
};

async function livenessFailures(a: Admission, pod: string): Promise<k8s.CoreV1Event[]> {
  const events = await a.cluster.core.listNamespacedEvent({ namespace: a.namespace, fieldSelector: `involvedObject.name=${pod},reason=Unhealthy` });
  return events.items.filter((e) => e.message?.startsWith('Liveness probe failed'));
}

const containerOf = (e: k8s.CoreV1Event) => /\{(.+)\}$/.exec(e.involvedObject.fieldPath ?? '')?.[1] ?? '';

/**
 * No container of the workload's Pods (sidecars included) restarts. The Pods must be Ready; then
 * each is watched until its liveness probes have run once. A liveness failure with an HTTP status
 * (the server answered, on a wrong path) will repeat: it fails at once. Other failures (a timeout)
 * may pass: the watch then lasts until they would have caused a restart.
 */
export async function noRestarts(a: Admission, ex: Exercise, kind: string, name: string, count: number): Promise<Problem[]> {
  const ready = await podsReady(a, ex, kind, name, count);
  if (ready.length) return ready;
  const at = locationOf(ex, kind, name);
  const start = Date.now();
  let until = start;
  const watch = async () => {
    const pods = await podsOf(a, ex, kind, name);
    for (const pod of pods) {
      const podName = pod.metadata?.name ?? '';
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
      const restarted = statuses.find((s) => s.restartCount > 0);
      const failures = await livenessFailures(a, podName);
      if (restarted) {
        const last = restarted.lastState?.terminated;
        const evidence = [
          ...(last ? [`la ejecución anterior terminó con código ${last.exitCode} (${last.reason ?? 'sin motivo'})`] : []),
          ...failures.filter((e) => containerOf(e) === restarted.name).slice(-1).map((e) => `evento Unhealthy: ${e.message}`),
          ...(await logTail(a, podName, restarted.name, true)).slice(-3).map((l) => `registro anterior: ${l}`),
        ];
        return { settled: true, problems: [{ code: 'live.restarted', at, params: { pod: podName, container: restarted.name, restarts: restarted.restartCount, evidence, namespace: a.namespace } }] };
      }
      const answered = failures.find((e) => /statuscode: \d+/.test(e.message ?? ''));
      if (answered) {
        const container = containerOf(answered);
        const probe = runningContainers(pod).find((w) => w.container === container)?.liveness;
        return {
          settled: true,
          problems: [
            {
              code: 'live.livenessFailing',
              at,
              params: { pod: podName, container, message: answered.message?.replace(/^Liveness probe failed: /, ''), threshold: probe?.failureThreshold ?? 3, namespace: a.namespace },
            },
          ],
        };
      }
      const windows = watchWindows(pod);
      until = Math.max(until, readySince(pod) + (failures.length ? windows.restart : windows.once));
    }
    if (Date.now() >= until) return { problems: [] };
    // Only shown if the cluster stops answering before the watch ends.
    return { problems: [{ code: 'live.restartsUnwatched', at, params: { kind, name } }] };
  };
  return poll(watch, { timeoutMs: MAX_WATCH_MS + 15_000, at });
}
