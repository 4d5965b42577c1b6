// The cluster's own signals that a wait is already decided: what the kubelet, the scheduler and
// the Job controller say about a Pod that more waiting cannot change. Pure functions of a
// snapshot (Pod, events, nodes), so a wait can stop early and say why, and so they are tested
// without a cluster. Each rule is conservative: a right submission must never fail by it.
import type * as k8s from '@kubernetes/client-node';
import { quantityValue } from '../rules/quantity.ts';

/** Why a Pod will not get better by waiting; rendered by the catalogue (`final` of a problem). */
export type Final =
  | { why: 'waiting'; pod: string; container: string; reason: string }
  | { why: 'exit'; pod: string; container: string; exitCode: number }
  | { why: 'probe'; pod: string; container: string; seconds: number; failures: number }
  | { why: 'readyDelay'; pod: string; container: string; delay: number; timeout: number }
  | { why: 'mount'; pod: string; kind: string; name: string }
  | { why: 'unschedulable'; pod: string };

// Waiting reasons the kubelet does not get past by itself. Everything was applied at once before
// any check, so a missing ConfigMap/Secret (CreateContainerConfigError) will not appear later.
export const FINAL_WAITING = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

const WORKSHOP = /(^|\/)taller\/app-datos(:|@|$)/;
// `taller/app-datos` documents its exit codes: 3 is a passing error (a 429, 5xx or the network)
// that a Job's retry may cure; every other code is one that retrying does not fix.
const RETRYABLE_EXIT = 3;
// The workshop app is ready 1–2 s after it starts (plus `READY_DELAY`); a readiness probe that
// has failed this long past its `initialDelaySeconds` (and at least three of its periods) is not
// a slow start, even on a busy machine.
export const READY_GRACE_S = 15;
// Clocks of the grader and the node may differ a little (kind and CI share one clock).
const CLOCK_SKEW_MS = 10_000;

const name = (p: k8s.V1Pod) => p.metadata?.name ?? '';
const statuses = (p: k8s.V1Pod) => [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
const specs = (p: k8s.V1Pod) => [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])];

/** A container waiting for a reason that does not heal by itself. */
export function waitingFinal(pod: k8s.V1Pod): Final | undefined {
  const s = statuses(pod).find((c) => FINAL_WAITING.has(c.state?.waiting?.reason ?? ''));
  return s && { why: 'waiting', pod: name(pod), container: s.name, reason: s.state!.waiting!.reason! };
}

/**
 * A Job's Pod whose program ended with an error that retrying does not fix: the Job's retries,
 * with their back-off, would only repeat it. Only for the workshop image, whose exit codes are
 * documented; a code above 128 is a signal (OOM, eviction, deadline), never the program's verdict.
 */
export function jobExitFinal(pod: k8s.V1Pod): Final | undefined {
  // With `restartPolicy: Never`, once the kubelet has marked the Pod Failed (the attempt is over).
  const over = pod.spec?.restartPolicy !== 'Never' || pod.status?.phase === 'Failed';
  for (const s of statuses(pod)) {
    const image = specs(pod).find((c) => c.name === s.name)?.image ?? s.image ?? '';
    const t = over ? (s.state?.terminated ?? s.lastState?.terminated) : undefined;
    if (!t || !WORKSHOP.test(image)) continue;
    if (t.exitCode > 0 && t.exitCode < 128 && t.exitCode !== RETRYABLE_EXIT) return { why: 'exit', pod: name(pod), container: s.name, exitCode: t.exitCode };
  }
  return undefined;
}

/**
 * Seconds the workshop app declares it will answer 503 on `/readyz` (`READY_DELAY`); 0 for other
 * images; undefined when it cannot be known here (a value from a ConfigMap or Secret).
 */
export function declaredDelay(c: k8s.V1Container): number | undefined {
  if (!WORKSHOP.test(c.image ?? '')) return 0;
  const env = c.env?.find((e) => e.name === 'READY_DELAY');
  if (env) {
    if (env.valueFrom) return undefined;
    const n = Number(env.value ?? '');
    // Not a number: the app refuses to start, which other signals report.
    return Number.isFinite(n) && n >= 0 ? n : 0;
  }
  return c.envFrom?.length ? undefined : 0;
}

/** Readiness probe failures the kubelet reported for one container of the Pod. */
export function probeFailures(events: readonly k8s.CoreV1Event[], pod: string, container: string): number {
  return events
    .filter((e) => e.involvedObject?.name === pod && e.reason === 'Unhealthy' && (e.message ?? '').startsWith('Readiness probe failed'))
    .filter((e) => !e.involvedObject?.fieldPath || e.involvedObject.fieldPath.includes(`{${container}}`))
    .reduce((n, e) => n + (e.count ?? 1), 0);
}

export interface ReadinessLook {
  events: readonly k8s.CoreV1Event[];
  /** When each container run was first seen running and not ready (grader's clock), kept between looks. */
  seen: Map<string, number>;
  now: number;
  /** When the wait ends: a declared delay past it cannot end in time. */
  deadline?: number;
  timeoutMs?: number;
}

/**
 * A container that runs but whose readiness probe keeps failing: it has been seen running and
 * never ready for the whole grace (counted on the grader's clock from its first look, so never
 * more than the real time), and the kubelet reported probe failures. A container whose declared
 * `READY_DELAY` ends after the wait's deadline cannot be ready in time either.
 */
export function readinessFinal(pod: k8s.V1Pod, look: ReadinessLook): Final | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  // Any change of readiness moves this time: a container that was ready starts counting again.
  const transition = String(pod.status?.conditions?.find((c) => c.type === 'ContainersReady')?.lastTransitionTime ?? '');
  for (const c of pod.spec?.containers ?? []) {
    const s = pod.status?.containerStatuses?.find((x) => x.name === c.name);
    const probe = c.readinessProbe;
    if (!probe || !s?.state?.running || s.ready || s.started === false) continue;
    const delay = declaredDelay(c);
    if (delay === undefined) continue;
    const key = `${pod.metadata?.uid}/${c.name}/${s.restartCount}/${String(s.state.running.startedAt ?? '')}/${transition}`;
    const first = look.seen.get(key) ?? look.now;
    look.seen.set(key, first);
    const failures = probeFailures(look.events, name(pod), c.name);
    const initial = probe.initialDelaySeconds ?? 0;
    const graceS = initial + delay + Math.max(READY_GRACE_S, 3 * (probe.periodSeconds ?? 10));
    if (failures >= 2 && look.now - first >= graceS * 1000) {
      return { why: 'probe', pod: name(pod), container: c.name, seconds: Math.round((look.now - first) / 1000), failures };
    }
    const started = s.state.running.startedAt ? new Date(s.state.running.startedAt).getTime() : NaN;
    // Probes start after `initialDelaySeconds` and `/readyz` answers 200 after `READY_DELAY`.
    if (delay > 0 && failures >= 1 && look.deadline && started + Math.max(initial, delay) * 1000 > look.deadline + CLOCK_SKEW_MS) {
      return { why: 'readyDelay', pod: name(pod), container: c.name, delay, timeout: Math.round((look.timeoutMs ?? 0) / 1000) };
    }
  }
  return undefined;
}

/** A ConfigMap or Secret volume the kubelet cannot find (`FailedMount … not found`). */
export function missingMounts(events: readonly k8s.CoreV1Event[], pod: string): { kind: 'ConfigMap' | 'Secret'; name: string }[] {
  const found = new Map<string, { kind: 'ConfigMap' | 'Secret'; name: string }>();
  for (const e of events) {
    if (e.involvedObject?.name !== pod || e.reason !== 'FailedMount') continue;
    const m = /\b(configmap|secret) "([^"]+)" not found/.exec(e.message ?? '');
    if (m) found.set(`${m[1]}/${m[2]}`, { kind: m[1] === 'secret' ? 'Secret' : 'ConfigMap', name: m[2]! });
  }
  return [...found.values()];
}

/**
 * A Pod waiting for a volume whose ConfigMap or Secret does not exist: everything was applied
 * before the checks, so it will not appear. `exists` answers from the namespace as it is now.
 */
export function mountFinal(pod: k8s.V1Pod, events: readonly k8s.CoreV1Event[], exists: (kind: string, name: string) => boolean): Final | undefined {
  if (pod.status?.phase !== 'Pending') return undefined;
  const missing = missingMounts(events, name(pod)).find((m) => !exists(m.kind, m.name));
  return missing && { why: 'mount', pod: name(pod), ...missing };
}

/** What one Pod asks for, as the scheduler counts it: the sum of containers, or the largest init container. */
export function podRequests(pod: k8s.V1Pod): { cpu: number; memory: number } {
  const of = (c: k8s.V1Container, r: 'cpu' | 'memory') => quantityValue(c.resources?.requests?.[r]) ?? 0;
  const total = (r: 'cpu' | 'memory') =>
    Math.max((pod.spec?.containers ?? []).reduce((n, c) => n + of(c, r), 0), ...(pod.spec?.initContainers ?? []).map((c) => of(c, r)));
  return { cpu: total('cpu'), memory: total('memory') };
}

/**
 * The scheduler said Unschedulable and the Pod asks for more CPU or memory than any node has at
 * all: no other workload finishing will make room. (A full node is not final: other graders'
 * Pods come and go.)
 */
export function unschedulableFinal(pod: k8s.V1Pod, nodes: readonly k8s.V1Node[]): Final | undefined {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable' || nodes.length === 0) return undefined;
  const asks = podRequests(pod);
  const fits = (n: k8s.V1Node) =>
    asks.cpu <= (quantityValue(n.status?.allocatable?.cpu) ?? Infinity) && asks.memory <= (quantityValue(n.status?.allocatable?.memory) ?? Infinity);
  return nodes.some(fits) ? undefined : { why: 'unschedulable', pod: name(pod) };
}

/**
 * Whether `final` Pods of `pods` settle a wait that needs `needed` of them to come good: the rest,
 * and Pods not created yet (a ReplicaSet makes up to `needed`), are too few. Another Pod the same
 * labels select (a canary) never settles a wait by itself.
 */
export function settles(final: number, pods: number, needed: number): boolean {
  return final > 0 && final > Math.max(0, pods - needed);
}

/** Whether the scheduler has given up on the Pod for now (the nodes decide whether for good). */
export const unschedulable = (pod: k8s.V1Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable') ?? false;
