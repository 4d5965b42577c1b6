// Live checks of exercise 10: the HPA can reach and scale its Deployment, the rollout reaches the
// replicas the Deployment wants now (an HPA may have changed them), the PodDisruptionBudget counts
// healthy Pods and allows a disruption, a grader-driven update never drops below the desired
// replicas (sampled at each look), and, only where metrics-server runs, the HPA scales under load.
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import type { Context } from 'mocha';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { poll } from './checks.ts';
import { shortError } from './cluster.ts';
import { finalSignal, podsWithLabels, rolloutComplete, scaleAndRoll } from './dataplane.ts';
import { graderPod } from './grader-pod.ts';
import { locationOf, sourceOf, type Admission } from './run.ts';
import { skipWith } from './skip.ts';

const UPDATE_TIMEOUT = 90_000;
const SAMPLE_MS = 500;
// The HPA controller looks at a new HPA on its first resync (15 s by default).
const HPA_TIMEOUT = 45_000;
const LOAD_SECONDS = 150;

const apps = (a: Admission) => a.cluster.kc.makeApiClient(a.cluster.lib.AppsV1Api);
const condition = (conditions: { type: string; status: string; reason?: string; message?: string }[] | undefined, type: string) =>
  (conditions ?? []).find((c) => c.type === type);
const showCondition = (c: { type: string; status: string; reason?: string; message?: string }) =>
  `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;

/** The Deployment as the cluster has it now, or the problem of not reaching it. */
async function deploymentNow(a: Admission, ex: Exercise, name: string): Promise<k8s.V1Deployment | Problem> {
  try {
    return await apps(a).readNamespacedDeployment({ name, namespace: a.namespace });
  } catch (err) {
    return { code: 'live.lost', at: locationOf(ex, 'Deployment', name), params: { error: shortError(err) } };
  }
}

const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'code' in x;

/** Not in the learner's files, so not in the cluster either: say so instead of waiting for it. */
function missing(ex: Exercise, kind: string, name: string): Problem[] {
  return sourceOf(ex, kind, name) ? [] : [{ code: 'live.notFound', at: locationOf(ex, kind, name), params: { kind, name } }];
}

/**
 * Without `spec.replicas` (as an HPA-managed Deployment should be written) the Deployment starts
 * at 1 and its HPA raises it to `minReplicas` at its first look, even without metrics: wait for
 * that (bounded), so the checks run at the replicas that stay. An HPA that never acts is the HPA
 * line's to report, so the wait just ends.
 */
async function hpaMinimumApplied(a: Admission, ex: Exercise, name: string): Promise<void> {
  const api = a.cluster.kc.makeApiClient(a.cluster.lib.AutoscalingV2Api);
  const hpas = await api.listNamespacedHorizontalPodAutoscaler({ namespace: a.namespace }).catch(() => undefined);
  const mins = (hpas?.items ?? [])
    .filter((h) => h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === name)
    .map((h) => h.spec?.minReplicas ?? 1);
  if (mins.length === 0) return;
  const min = Math.max(...mins);
  await poll(async () => {
    const d = await deploymentNow(a, ex, name);
    if (isProblem(d)) return { settled: true, problems: [d] };
    // The problem only keeps poll waiting; it is never reported.
    return { problems: (d.spec?.replicas ?? 1) >= min ? [] : [{ code: 'live.lost', at: { file: '' }, params: {} }] };
  }, { timeoutMs: HPA_TIMEOUT, intervalMs: 2000 });
}

/**
 * The rollout completes at the replicas the Deployment asks for now: with an HPA on it, that may
 * differ from the file. If the HPA changed them while waiting, the wait starts again once.
 */
export async function rolloutAtDesired(a: Admission, ex: Exercise, name: string): Promise<Problem[]> {
  await hpaMinimumApplied(a, ex, name);
  for (let attempt = 0; ; attempt++) {
    const before = await deploymentNow(a, ex, name);
    if (isProblem(before)) return [before];
    const desired = before.spec?.replicas ?? 1;
    const problems = await rolloutComplete(a, ex, name, desired);
    if (problems.length === 0 || attempt > 0) return problems;
    const after = await deploymentNow(a, ex, name);
    if (isProblem(after) || (after.spec?.replicas ?? 1) === desired) return problems;
  }
}

/** The HPA reports `AbleToScale=True`: it found its target and can read and change its scale. */
export async function hpaAbleToScale(a: Admission, ex: Exercise, name: string): Promise<Problem[]> {
  const absent = missing(ex, 'HorizontalPodAutoscaler', name);
  if (absent.length) return absent;
  const api = a.cluster.kc.makeApiClient(a.cluster.lib.AutoscalingV2Api);
  const at = locationOf(ex, 'HorizontalPodAutoscaler', name);
  return poll(async () => {
    const hpa = await api.readNamespacedHorizontalPodAutoscaler({ name, namespace: a.namespace });
    const able = condition(hpa.status?.conditions, 'AbleToScale');
    if (able?.status === 'True') return { problems: [] };
    const seen = (hpa.status?.conditions ?? []).map(showCondition);
    const evidence = seen.length ? seen : ['el controlador de HPA aún no ha informado de ninguna condición'];
    // False comes with the reason (FailedGetScale: no such target): waiting will not change it.
    return { settled: able?.status === 'False', problems: [{ code: 'live.hpaAbleToScale', at, params: { name, evidence, namespace: a.namespace } }] };
  }, { timeoutMs: HPA_TIMEOUT, at });
}

/** The PDB's status counts the healthy Pods it selects and allows at least one disruption. */
export async function budgetCountsHealthyPods(a: Admission, ex: Exercise, name: string): Promise<Problem[]> {
  const absent = missing(ex, 'PodDisruptionBudget', name);
  if (absent.length) return absent;
  const api = a.cluster.kc.makeApiClient(a.cluster.lib.PolicyV1Api);
  const at = locationOf(ex, 'PodDisruptionBudget', name);
  return poll(async () => {
    const pdb = await api.readNamespacedPodDisruptionBudget({ name, namespace: a.namespace });
    const s = pdb.status;
    const observed = (s?.observedGeneration ?? 0) >= (pdb.metadata?.generation ?? 1);
    if (observed && s && s.expectedPods > 0 && s.currentHealthy >= s.desiredHealthy && s.disruptionsAllowed >= 1) return { problems: [] };
    // One disruption allowed needs one healthy Pod more than desiredHealthy; too few can still come.
    const labels = pdb.spec?.selector?.matchExpressions?.length ? undefined : pdb.spec?.selector?.matchLabels;
    const selected = observed && s && labels && Object.keys(labels).length ? await podsWithLabels(a, labels) : [];
    const final = selected.length ? await finalSignal(a, selected, { needed: s!.desiredHealthy + 1 }) : undefined;
    const evidence = s
      ? [
          `Pods esperados ${s.expectedPods}, sanos ${s.currentHealthy}, sanos exigidos ${s.desiredHealthy}, interrupciones permitidas ${s.disruptionsAllowed}`,
          ...(s.conditions ?? []).map(showCondition),
        ]
      : ['el controlador de interrupciones aún no ha escrito el estado del PDB'];
    return { settled: final !== undefined, problems: [{ code: 'live.pdbBudget', at, params: { name, evidence, final, namespace: a.namespace } }] };
  }, { timeoutMs: 30_000, at });
}

/**
 * Why the rollout cannot go on (quota, no room for the extra Pod), from the Deployment and its
 * Pods. Light on purpose (no logs or events): it runs at every sample of a healthy rollout too.
 */
async function stallEvidence(a: Admission, d: k8s.V1Deployment): Promise<{ lines: string[]; settled: boolean }> {
  const failure = condition(d.status?.conditions, 'ReplicaFailure');
  const labelSelector = Object.entries(d.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = (await a.cluster.core.listNamespacedPod({ namespace: a.namespace, labelSelector })).items;
  const unschedulable = pods.filter((p) => condition(p.status?.conditions, 'PodScheduled')?.reason === 'Unschedulable');
  const notReady = pods.filter((p) => condition(p.status?.conditions, 'Ready')?.status !== 'True' && !unschedulable.includes(p));
  const lines = [
    ...(failure?.status === 'True' ? [showCondition(failure)] : []),
    ...unschedulable.slice(0, 2).map((p) => `Pod ${p.metadata?.name}: Pending — ${condition(p.status?.conditions, 'PodScheduled')?.message ?? ''}`),
    ...notReady.slice(0, 2).map((p) => {
      const waiting = (p.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).filter(Boolean);
      return `Pod ${p.metadata?.name}: ${p.status?.phase ?? 'sin estado'}, no preparado${waiting.length ? ` (${waiting.join(', ')})` : ''}`;
    }),
  ];
  return { lines, settled: failure?.status === 'True' || unschedulable.length > 0 };
}

/**
 * Rolls a new Pod template (an env change, as a release would) and samples the available
 * replicas at each look until the rollout completes: they must never drop below the desired
 * count at the start (or below a lower count an HPA chose meanwhile). Reports the lowest seen.
 */
export async function availabilityDuringUpdate(a: Admission, ex: Exercise, name: string, container: string): Promise<Problem[]> {
  const ready = await rolloutAtDesired(a, ex, name);
  if (ready.length > 0) return ready;
  const start = await deploymentNow(a, ex, name);
  if (isProblem(start)) return [start];
  const desired = start.spec?.replicas ?? 1;
  await scaleAndRoll(a, name, container, desired, { APP_REVISION: randomBytes(3).toString('hex') });
  const began = Date.now();
  const at = locationOf(ex, 'Deployment', name);
  let lowest = { available: desired, desired, seconds: 0, counts: '' };
  return poll(async () => {
    const d = await apps(a).readNamespacedDeployment({ name, namespace: a.namespace });
    const now = d.spec?.replicas ?? 1;
    const floor = Math.min(desired, now);
    const available = d.status?.availableReplicas ?? 0;
    const s = d.status ?? {};
    const counts = `réplicas: ${s.replicas ?? 0} en total, ${s.updatedReplicas ?? 0} actualizadas, ${available} disponibles, ${now} deseadas`;
    if (available - floor < lowest.available - lowest.desired) {
      lowest = { available, desired: floor, seconds: Math.round((Date.now() - began) / 100) / 10, counts };
    }
    const complete =
      (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) && s.updatedReplicas === now && s.availableReplicas === now && (s.replicas ?? 0) === now;
    const problems: Problem[] =
      lowest.available < lowest.desired
        ? [{ code: 'live.updateBelowDesired', at, params: { lowest: lowest.available, desired: lowest.desired, seconds: lowest.seconds, evidence: [lowest.counts] } }]
        : [];
    if (complete) return { settled: true, problems };
    const stall = await stallEvidence(a, d);
    problems.push({
      code: 'live.updateStalled',
      at,
      params: { name, lowest: lowest.available, desired: lowest.desired, evidence: [counts, ...stall.lines], namespace: a.namespace },
    });
    return { settled: stall.settled, problems };
  }, { timeoutMs: UPDATE_TIMEOUT, intervalMs: SAMPLE_MS, at });
}

/**
 * Skips the line unless the resource metrics API (metrics-server) answers: without it an HPA
 * cannot measure CPU, so real scaling cannot be shown (under `TALLER_REQUIRE=metrics`, fails).
 */
export async function requireMetricsServer(ctx: Context, a: Admission): Promise<void> {
  const api = a.cluster.kc.makeApiClient(a.cluster.lib.ApiregistrationV1Api);
  const service = await api.readAPIService({ name: 'v1beta1.metrics.k8s.io' }).catch(() => undefined);
  if (!service) {
    skipWith(ctx, 'el clúster no tiene metrics-server (no existe la API metrics.k8s.io): sin medidas de CPU el HPA no escala, así que el escalado real no se prueba aquí (en minikube: `minikube addons enable metrics-server`)', 'metrics');
  }
  const available = condition(service.status?.conditions, 'Available');
  if (available?.status !== 'True') {
    skipWith(ctx, `metrics-server está instalado, pero su API no está disponible (${available ? showCondition(available) : 'sin estado'}): el escalado real no se prueba aquí`, 'metrics');
  }
}

// Many threads asking the API Pods for /config until the time is up: their CPU use rises.
const LOAD_SCRIPT = `import sys, threading, time, urllib.request
end = time.time() + float(sys.argv[1])
urls = sys.argv[2:]
def hit(i):
    while time.time() < end:
        try:
            urllib.request.urlopen(urls[i % len(urls)], timeout=2).read()
        except Exception:
            time.sleep(0.2)
threads = [threading.Thread(target=hit, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
`;

/**
 * Puts CPU load on the Deployment's ready Pods (a client Pod of the workshop image, restricted
 * security context) and waits for the HPA to want more replicas than before.
 */
export async function scalesUnderLoad(a: Admission, ex: Exercise, deployment: string, hpaName: string, port: number): Promise<Problem[]> {
  const absent = missing(ex, 'HorizontalPodAutoscaler', hpaName);
  if (absent.length) return absent;
  const at = locationOf(ex, 'HorizontalPodAutoscaler', hpaName);
  // Load goes to the Pods that serve now: wait for any earlier update to finish first.
  const rolled = await rolloutAtDesired(a, ex, deployment);
  if (rolled.length) return rolled;
  const start = await deploymentNow(a, ex, deployment);
  if (isProblem(start)) return [start];
  const before = start.spec?.replicas ?? 1;
  const labelSelector = Object.entries(start.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = (await a.cluster.core.listNamespacedPod({ namespace: a.namespace, labelSelector })).items;
  const serving = pods.filter((p) => p.status?.podIP && !p.metadata?.deletionTimestamp && condition(p.status?.conditions, 'Ready')?.status === 'True');
  const urls = serving.map((p) => `http://${p.status!.podIP}:${port}/config`);
  const name = `taller-carga-${randomBytes(3).toString('hex')}`;
  await a.cluster.core.createNamespacedPod({
    namespace: a.namespace,
    body: graderPod(name, { 'taller/rol': 'carga' }, { name: 'carga', command: ['python', '-c', LOAD_SCRIPT, String(LOAD_SECONDS), ...urls] }, { restartPolicy: 'Never' }),
  });
  const api = a.cluster.kc.makeApiClient(a.cluster.lib.AutoscalingV2Api);
  const began = Date.now();
  try {
    return await poll(async () => {
      const hpa = await api.readNamespacedHorizontalPodAutoscaler({ name: hpaName, namespace: a.namespace });
      if ((hpa.status?.desiredReplicas ?? 0) > before) return { problems: [] };
      const cpu = (hpa.status?.currentMetrics ?? []).find((m) => m.resource?.name === 'cpu')?.resource?.current.averageUtilization;
      const evidence = [
        `réplicas antes de la carga ${before}; el HPA pide ${hpa.status?.desiredReplicas ?? 0}; uso medio de CPU ${cpu === undefined ? 'sin medir' : `${cpu} %`}`,
        ...(hpa.status?.conditions ?? []).map(showCondition),
      ];
      const seconds = Math.round((Date.now() - began) / 1000);
      return { problems: [{ code: 'live.hpaNoScaleUp', at, params: { name: hpaName, seconds, evidence } }] };
    }, { timeoutMs: (LOAD_SECONDS - 10) * 1000, intervalMs: 5000, at });
  } finally {
    await a.cluster.core.deleteNamespacedPod({ name, namespace: a.namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}
