// Live checks of exercise 12 (security): what Pod Security says of a workload before it runs
// (the `warn` mode's warnings on a server-side dry-run, a privileged Pod refused), what a
// ServiceAccount may do (access reviews), that a ReplicaSet could create its Pods, and that
// NetworkPolicies really filter traffic — after a canary of our own proves the cluster enforces
// them at all (many CNIs accept policies and silently ignore them).
import type * as k8s from '@kubernetes/client-node';
import type { Context } from 'mocha';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { serverSideApply, type RawAnswer } from './apply.ts';
import { poll } from './checks.ts';
import { shortError, statusOf } from './cluster.ts';
import { CLIENT_LOOK_MS, httpFromCluster, podLog, podsReady, podsWithLabels, templateLabels, type HttpResult } from './dataplane.ts';
import { graderPod, MANAGED_BY, SMALL } from './grader-pod.ts';
import { WORKSHOP_IMAGE } from './images.ts';
import { locationOf, scratchNamespace, sourceOf, type Admission } from './run.ts';
import { skipWith } from './skip.ts';

/** What the grader's own Pods wear to be admitted under `restricted`. */


// ---------------------------------------------------------------------------------------------
// Pod Security: warnings on a dry-run, and a privileged Pod refused.

/** A server-side dry-run of the learner's workload gives no warning (Pod Security `warn` among them). */
export async function dryRunWithoutWarnings(a: Admission, ex: Exercise, kind: string, name: string): Promise<Problem[]> {
  const source = sourceOf(ex, kind, name);
  if (!source) return [{ code: 'live.notFound', at: { file: `${ex.config.manifests ?? 'k8s'}/` }, params: { kind, name } }];
  const at = locationOf(ex, kind, name);
  const body = { ...source.value, metadata: { ...(source.value.metadata as object), namespace: a.namespace } } as k8s.KubernetesObject;
  let answer: RawAnswer;
  try {
    answer = await serverSideApply(a.cluster, body, { dryRun: true });
  } catch (err) {
    return [{ code: 'live.lost', at, params: { error: shortError(err) } }];
  }
  if (answer.status >= 300) {
    const message = statusOf({ body: answer.body })?.message ?? `HTTP ${answer.status}`;
    return [{ code: 'live.rejected', at, params: { kind, name, message } }];
  }
  if (answer.warnings.length === 0) return [];
  return [{ code: 'security.live.warnings', at, params: { kind, name, warnings: answer.warnings, namespace: a.namespace } }];
}

/** Creating (dry-run) a privileged Pod in the run namespace is refused by Pod Security. */
export async function privilegedPodRefused(a: Admission, ex: Exercise, namespaceName: string): Promise<Problem[]> {
  const at = locationOf(ex, 'Namespace', namespaceName);
  const pod: k8s.V1Pod = {
    metadata: { name: 'taller-privilegiado', labels: MANAGED_BY },
    spec: {
      containers: [{ name: 'root', image: WORKSHOP_IMAGE, imagePullPolicy: 'IfNotPresent', args: ['serve'], securityContext: { privileged: true }, resources: SMALL }],
    },
  };
  try {
    await a.cluster.core.createNamespacedPod({ namespace: a.namespace, body: pod, dryRun: 'All' });
  } catch (err) {
    const status = statusOf(err);
    if (status?.code === 403 && /PodSecurity/.test(status.message ?? '')) return [];
    if (!status?.message) return [{ code: 'live.lost', at, params: { error: shortError(err) } }];
    return [{ code: 'security.live.privilegedOther', at, params: { message: status.message } }];
  }
  return [{ code: 'security.live.privilegedAdmitted', at, params: { namespace: a.namespace } }];
}

// ---------------------------------------------------------------------------------------------
// RBAC: what the ServiceAccount may do, asked of the server like `kubectl auth can-i --as`.

export interface Access {
  verb: string;
  resource: string;
  allowed: boolean;
}

/** Access reviews as the ServiceAccount give `allowed` for each verb and resource (polled: RBAC caches lag a moment). */
export async function serviceAccountAccess(a: Admission, ex: Exercise, serviceAccount: string, expected: readonly Access[], source = { kind: 'Role', name: serviceAccount }): Promise<Problem[]> {
  const authz = a.cluster.kc.makeApiClient(a.cluster.lib.AuthorizationV1Api);
  const user = `system:serviceaccount:${a.namespace}:${serviceAccount}`;
  const groups = ['system:serviceaccounts', `system:serviceaccounts:${a.namespace}`, 'system:authenticated'];
  const at = locationOf(ex, source.kind, source.name);
  return poll(async () => {
    const answers = await Promise.all(
      expected.map(async (e) => {
        const review = await authz.createSubjectAccessReview({
          body: { spec: { user, groups, resourceAttributes: { namespace: a.namespace, verb: e.verb, resource: e.resource } } },
        });
        return { ...e, actual: review.status?.allowed === true };
      }),
    );
    const wrong = answers.filter((r) => r.actual !== r.allowed).map((r) => `${r.actual ? 'puede' : 'no puede'} \`${r.verb}\` \`${r.resource}\` (${r.allowed ? 'debería poder' : 'no debería'})`);
    // A permission granted too much does not go away by waiting; one missing may be a cache lag.
    const settled = answers.some((r) => r.actual && !r.allowed);
    return { settled, problems: wrong.length ? [{ code: 'rbac.live.access', at, params: { serviceAccount, wrong, namespace: a.namespace } }] : [] };
  }, { timeoutMs: 5_000, intervalMs: 1000, at });
}

// ---------------------------------------------------------------------------------------------
// The ReplicaSet could create every Pod (Pod Security, quotas and missing ServiceAccounts refuse them).

const FAILED_CREATE_SETTLES_MS = 2000;

/** Every replica of the Deployment exists: no ReplicaSet reports `FailedCreate`. */
export async function podsCreated(a: Admission, ex: Exercise, name: string): Promise<Problem[]> {
  const apps = a.cluster.kc.makeApiClient(a.cluster.lib.AppsV1Api);
  const at = locationOf(ex, 'Deployment', name);
  let firstFailure: number | undefined;
  return poll(async () => {
    const d = await apps.readNamespacedDeployment({ name, namespace: a.namespace });
    const expected = d.spec?.replicas ?? 1;
    const sets = (await apps.listNamespacedReplicaSet({ namespace: a.namespace })).items.filter((rs) =>
      (rs.metadata?.ownerReferences ?? []).some((o) => o.uid === d.metadata?.uid),
    );
    const failures = sets.flatMap((rs) => (rs.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure' && c.status === 'True').map((c) => `ReplicaSet ${rs.metadata?.name}: ${c.reason}: ${c.message}`));
    const created = (await podsWithLabels(a, templateLabels(ex, 'Deployment', name))).length;
    if (failures.length === 0 && created >= expected) return { problems: [] };
    // A refusal is final when it is still there a moment later (a first one may be a cache lag).
    if (failures.length) firstFailure ??= Date.now();
    else firstFailure = undefined;
    const settled = firstFailure !== undefined && Date.now() - firstFailure >= FAILED_CREATE_SETTLES_MS;
    return { settled, problems: [{ code: 'security.live.failedCreate', at, params: { name, expected, created, evidence: failures, namespace: a.namespace } }] };
  }, { timeoutMs: 30_000, at });
}

/** Every Pod of the Deployment was created (a refusal fails at once) and is Ready. */
export async function allPodsReady(a: Admission, ex: Exercise, name: string): Promise<Problem[]> {
  const created = await podsCreated(a, ex, name);
  if (created.length) return created;
  const replicas = (sourceOf(ex, 'Deployment', name)?.value.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  return podsReady(a, ex, 'Deployment', name, replicas);
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy: a canary first, then the learner's policies with real clients.

const isIPv6 = (ip: string) => ip.includes(':');
const hostOf = (ip: string) => (isIPv6(ip) ? `[${ip}]` : ip);
const answered = (r: { result?: HttpResult }) => typeof r.result?.codigo === 'number';
/** `pedir` ran and got no answer (an error line): a client that never ran proves nothing. */
const unanswered = (r: { result?: HttpResult }) => !answered(r) && typeof r.result?.error === 'string';
const got = (r: { result?: HttpResult; log: string[] }) =>
  r.result?.error ?? (answered(r) ? `código ${r.result!.codigo}` : r.log.join(' / ') || 'sin respuesta');

const NOT_ENFORCED =
  'el clúster no aplica las NetworkPolicy: en una prueba propia (un canario), un Pod al que una política cierra la entrada siguió recibiendo conexiones. ' +
  'Las aplica el plugin de red (CNI), no Kubernetes: kind lo hace desde la versión 0.24 (no siempre en WSL2) y minikube necesita un CNI que las soporte (`minikube start --cni=calico`)';

let canary: Promise<string | undefined> | undefined;
// An enforcer learns a new client's IP from its Pod a moment after the Pod gets it.
const SETTLE_S = 3;

/**
 * The problems of `check`, a NetworkPolicy check, if the cluster really enforces policies; else
 * the current test is skipped with the reason. The canary runs beside the check (each waits
 * seconds for clients), so the line costs one wait, not two.
 */
export async function whenPoliciesEnforced(ctx: Context, a: Admission, check: () => Promise<Problem[]>): Promise<Problem[]> {
  canary ??= runCanary(a).catch((err: unknown) => `no se pudo comprobar si el clúster aplica las NetworkPolicy: ${shortError(err)}`);
  const [reason, problems] = await Promise.all([canary, check()]);
  if (reason) skipWith(ctx, reason, 'netpol');
  return problems;
}

/** The workshop server's IP once it logged that it listens (at most a minute), or undefined. */
async function listeningIP(a: Admission, pod: string): Promise<string | undefined> {
  let ip: string | undefined;
  await poll(async () => {
    const p = await a.cluster.core.readNamespacedPod({ name: pod, namespace: a.namespace });
    ip = p.status?.phase === 'Running' && (await podLog(a, pod)).includes('"escuchando"') ? p.status?.podIP : undefined;
    return { problems: ip ? [] : [{ code: 'live.notReady', at: { file: '' } }] };
  }, { timeoutMs: 60_000, intervalMs: 500 });
  return ip;
}

/**
 * In a scratch namespace of its own (the learner's policies must not decide it): a policy that
 * lets only Pods labelled `permitido` into a server Pod, then the server and two clients. The
 * permitted one must get through (or the Pod network itself is broken); the other must not. The
 * policy exists seconds before any connection, time enough for an enforcer to program it.
 * Returns the reason to skip, or undefined.
 */
async function runCanary(a: Admission): Promise<string | undefined> {
  const namespace = `${a.namespace}-canario`;
  const dispose = await scratchNamespace(a.cluster, namespace);
  const s: Admission = { ...a, namespace, problems: [] };
  const role = 'taller/canario';
  try {
    const networking = a.cluster.kc.makeApiClient(a.cluster.lib.NetworkingV1Api);
    await networking.createNamespacedNetworkPolicy({
      namespace,
      body: {
        metadata: { name: 'solo-permitido', labels: MANAGED_BY },
        spec: {
          podSelector: { matchLabels: { [role]: 'servidor' } },
          policyTypes: ['Ingress'],
          // client-node names `from` `_from` (a reserved word in its generator).
          ingress: [{ _from: [{ podSelector: { matchLabels: { [role]: 'permitido' } } }], ports: [{ port: 8080 }] }],
        },
      },
    });
    await a.cluster.core.createNamespacedPod({
      namespace,
      body: graderPod('servidor', { [role]: 'servidor' }, { name: 'serve', args: ['serve'] }),
    });
    const ip = await listeningIP(s, 'servidor');
    if (!ip) return 'no se pudo comprobar si el clúster aplica las NetworkPolicy: el servidor del canario no arrancó en un minuto';
    const url = `http://${hostOf(ip)}:8080/healthz`;
    const [permitted, other] = await Promise.all([
      httpFromCluster(s, url, 200, undefined, { labels: { [role]: 'permitido' }, settleS: SETTLE_S }),
      httpFromCluster(s, url, 200, undefined, { labels: { [role]: 'bloqueado' }, settleS: SETTLE_S }),
    ]);
    if (!answered(permitted)) {
      return `no se pudo comprobar si el clúster aplica las NetworkPolicy: en el canario, ni el Pod permitido llega al servidor (${got(permitted)}); la red de Pods no funciona`;
    }
    if (answered(other)) return NOT_ENFORCED;
    if (!unanswered(other)) return `no se pudo comprobar si el clúster aplica las NetworkPolicy: el cliente del canario no llegó a preguntar (${got(other)})`;
    return undefined;
  } finally {
    await dispose();
  }
}

export interface IngressExpectation {
  /** The workload whose Pods the policies protect. */
  workload: string;
  /** Labels of the clients that must get in, e.g. `{ app: 'frontend' }`. */
  from: Record<string, string>;
  port: number;
  /** The policies a failure points at: the one that opens, and the one that closes. */
  policies: { allow: string; deny: string };
}

const BLOCKED_AFTER_S = 10;
const NETWORK_POLICY_TIMEOUT = 30_000;

/**
 * A client with the `from` labels reaches the workload's Pod on the port; a client without them
 * gets no answer within 10 s (retried for at most 30 s: the enforcer may lag behind a new policy).
 */
export async function ingressOnlyFrom(a: Admission, ex: Exercise, e: IngressExpectation): Promise<Problem[]> {
  const allowAt = locationOf(ex, 'NetworkPolicy', e.policies.allow);
  const denyAt = locationOf(ex, 'NetworkPolicy', e.policies.deny);
  const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  const pod = (await podsWithLabels(a, templateLabels(ex, 'Deployment', e.workload))).find((p) => isReady(p) && p.status?.podIP);
  if (!pod) return [{ code: 'netpol.live.noPods', at: locationOf(ex, 'Deployment', e.workload), params: { workload: e.workload } }];
  const url = `http://${hostOf(pod.status!.podIP!)}:${e.port}/healthz`;
  const [reached, blocked] = await Promise.all([
    poll(async () => {
      const r = await httpFromCluster(a, url, 200, undefined, { labels: e.from, settleS: SETTLE_S });
      return { problems: answered(r) ? [] : [{ code: 'netpol.live.allowedBlocked', at: allowAt, params: { url, from: Object.entries(e.from).map(([k, v]) => `${k}: ${v}`).join(', '), got: got(r) } }] };
    }, { timeoutMs: NETWORK_POLICY_TIMEOUT, intervalMs: 2000, lookMs: CLIENT_LOOK_MS, at: allowAt }),
    poll(async () => {
      const r = await httpFromCluster(a, url, 200, undefined, { timeoutS: BLOCKED_AFTER_S, settleS: SETTLE_S });
      if (unanswered(r)) return { problems: [] };
      const code = answered(r) ? 'netpol.live.notBlocked' : 'netpol.live.clientFailed';
      return { problems: [{ code, at: denyAt, params: { url, got: got(r), seconds: BLOCKED_AFTER_S } }] };
    }, { timeoutMs: NETWORK_POLICY_TIMEOUT, intervalMs: 2000, lookMs: CLIENT_LOOK_MS, at: denyAt }),
  ]);
  return [...reached, ...blocked];
}
