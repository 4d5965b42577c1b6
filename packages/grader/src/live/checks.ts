// Assertions on the real cluster state. They poll (kuttl/Chainsaw style) until the state holds
// or the time is up, and then report the evidence they saw: pod phases, the scheduler's reason,
// events, and the owner chain (Deployment → ReplicaSet → Pod).
import type * as k8s from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import type { Admission } from './run.ts';
import { locationOf, sourceOf } from './run.ts';
import { shortError, withTimeout } from './cluster.ts';
import { mismatches } from './match.ts';

export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** How long one look may take (10 s): more when a look starts a Pod, such as an HTTP client. */
  lookMs?: number;
}

/** What one look at the cluster found; `settled` means waiting longer cannot change it. */
export interface Observation {
  problems: Problem[];
  settled?: boolean;
}

const ERRORS_BEFORE_GIVING_UP = 3;

/**
 * Looks until there are no problems, the state has settled, or time runs out. A cluster that
 * stops answering (three failed looks in a row) ends the wait with `live.lost`, never a pass.
 */
export async function poll(probe: () => Promise<Observation>, opts: PollOptions & { at?: Problem['at'] } = {}): Promise<Problem[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let errors = 0;
  for (;;) {
    let seen: Observation;
    try {
      seen = await withTimeout(probe(), opts.lookMs ?? 10_000);
      errors = 0;
    } catch (err) {
      if (++errors >= ERRORS_BEFORE_GIVING_UP || Date.now() >= deadline) {
        return [{ code: 'live.lost', at: opts.at ?? { file: '' }, params: { error: shortError(err) } }];
      }
      await sleep(opts.intervalMs ?? 1000);
      continue;
    }
    if (seen.problems.length === 0 || seen.settled || Date.now() >= deadline) return seen.problems;
    await sleep(opts.intervalMs ?? 1000);
  }
}

const ownedBy = (obj: { metadata?: k8s.V1ObjectMeta }, uid: string | undefined) =>
  Boolean(uid) && (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);

interface Pods {
  chain: string[];
  pods: k8s.V1Pod[];
}

/** The Pods a workload owns, and the owner chain that leads to them. */
async function podsOf(a: Admission, kind: string, name: string): Promise<Pods> {
  const { cluster, namespace } = a;
  const core = cluster.core;
  if (kind === 'Pod') {
    const pod = await core.readNamespacedPod({ name, namespace }).catch(() => undefined);
    return { chain: [`Pod ${name}`], pods: pod ? [pod] : [] };
  }
  const all = (await core.listNamespacedPod({ namespace })).items;
  if (kind === 'Deployment') {
    const apps = cluster.kc.makeApiClient(cluster.lib.AppsV1Api);
    const deployment = await apps.readNamespacedDeployment({ name, namespace });
    const sets = (await apps.listNamespacedReplicaSet({ namespace })).items.filter((rs) => ownedBy(rs, deployment.metadata?.uid));
    const pods = all.filter((p) => sets.some((rs) => ownedBy(p, rs.metadata?.uid)));
    const chain = [`Deployment ${name}`, ...sets.map((rs) => `ReplicaSet ${rs.metadata?.name}`)];
    return { chain, pods };
  }
  return { chain: [`${kind} ${name}`], pods: all.filter((p) => p.metadata?.labels?.['batch.kubernetes.io/job-name'] === name) };
}

async function eventsFor(a: Admission, objectName: string): Promise<string[]> {
  const list = await a.cluster.core.listNamespacedEvent({ namespace: a.namespace, fieldSelector: `involvedObject.name=${objectName}` });
  const seen = new Set<string>();
  for (const e of list.items) if (e.type === 'Warning' && e.message) seen.add(`${e.reason}: ${e.message}`);
  return [...seen].slice(-3);
}

async function podEvidence(a: Admission, pod: k8s.V1Pod): Promise<string> {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const why = scheduled?.status === 'False' ? ` — ${scheduled.reason}: ${scheduled.message}` : '';
  const node = pod.spec?.nodeName ? ` en el nodo ${pod.spec.nodeName}` : ' sin nodo';
  const events = await eventsFor(a, pod.metadata?.name ?? '');
  const eventText = events.length && !why ? ` — eventos: ${events.join(' | ')}` : '';
  return `Pod ${pod.metadata?.name}: ${pod.status?.phase ?? 'sin estado'}${node}${why}${eventText}`;
}

/** `count` Pods of the workload exist and every one has been assigned to a node. */
export async function podsScheduled(a: Admission, ex: Exercise, kind: string, name: string, count: number, opts?: PollOptions): Promise<Problem[]> {
  const at = locationOf(ex, kind, name);
  return poll(async () => {
    const { chain, pods } = await podsOf(a, kind, name);
    const scheduled = pods.filter((p) => p.spec?.nodeName);
    if (pods.length === count && scheduled.length === count) return { problems: [] };
    // Every Pod exists and the scheduler has said why the rest cannot go anywhere: that is final.
    const unschedulable = (p: k8s.V1Pod) =>
      p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
    const settled = pods.length === count && pods.every((p) => p.spec?.nodeName || unschedulable(p));
    const evidence = await Promise.all(pods.filter((p) => !p.spec?.nodeName).slice(0, 3).map((p) => podEvidence(a, p)));
    if (pods.length === 0) evidence.push(...(await eventsFor(a, name)).map((e) => `${kind} ${name}: ${e}`));
    return {
      settled,
      problems: [
      {
        code: 'live.notScheduled',
        at,
        params: {
          kind,
          name,
          expected: count,
          created: pods.length,
          scheduled: scheduled.length,
          chain: chain.join(' → '),
          evidence,
          namespace: a.namespace,
        },
      },
      ],
    };
  }, { ...opts, at });
}

/** The live object contains `expected` (lists as order-insensitive subsets), polled. */
export async function objectMatches(a: Admission, ex: Exercise, kind: string, name: string, expected: Record<string, unknown>, opts?: PollOptions): Promise<Problem[]> {
  const source = sourceOf(ex, kind, name);
  if (!source) return [{ code: 'live.notFound', at: { file: `${ex.config.manifests ?? 'k8s'}/` }, params: { kind, name } }];
  const at = { file: source.file, ...source.document.locate(source.base) };
  return poll(async () => {
    const live = await a.cluster.objects.read({ apiVersion: source.apiVersion, kind, metadata: { name, namespace: a.namespace } });
    const diff = mismatches(live, expected);
    return { problems: diff.length ? [{ code: 'live.mismatch', at, params: { kind, name, diff, namespace: a.namespace } }] : [] };
  }, { ...opts, at });
}
