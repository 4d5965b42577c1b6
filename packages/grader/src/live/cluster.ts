// The connection to the chosen cluster. @kubernetes/client-node is imported here only, lazily:
// it costs about half a second, which the static tier must not pay.
import type * as k8s from '@kubernetes/client-node';
import { resolveTarget, type Target } from './providers.ts';
import { registerProbe } from './skip.ts';

export type K8s = typeof k8s;

export interface Cluster {
  lib: K8s;
  target: Target;
  kc: k8s.KubeConfig;
  objects: k8s.KubernetesObjectApi;
  core: k8s.CoreV1Api;
  /** At least one node runs containers for real (not a KWOK simulated node). */
  realNodes: boolean;
  /** Some schedulable node is simulated: a Pod could land there and look Running without running. */
  schedulableFakeNodes: boolean;
}

let connection: Promise<Cluster | { reason: string }> | undefined;

export function connect(): Promise<Cluster | { reason: string }> {
  connection ??= open();
  return connection;
}

async function open(): Promise<Cluster | { reason: string }> {
  const resolved = await resolveTarget();
  if ('reason' in resolved) return resolved;
  const lib = await import('@kubernetes/client-node');
  const kc = new lib.KubeConfig();
  // What kubeconfig.ts read and checked, never the files again (a pipe reads once; a FIFO blocks).
  kc.loadFromString(resolved.kubeconfig, { onInvalidEntry: 'filter' });
  kc.setCurrentContext(resolved.context);
  boundRequests(kc);
  const core = kc.makeApiClient(lib.CoreV1Api);
  let nodes: k8s.V1Node[];
  try {
    nodes = (await withTimeout(core.listNode(), 10_000)).items;
  } catch (err) {
    // Nothing left waiting on a cluster that does not answer: the process must be able to exit.
    cancelRequests();
    return {
      reason: `el clúster del contexto «${resolved.context}» no responde (E25: ¿está parado?): ${shortError(err)}`,
    };
  }
  const fake = (n: k8s.V1Node) => n.metadata?.annotations?.['kwok.x-k8s.io/node'] === 'fake';
  const schedulable = (n: k8s.V1Node) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule');
  const realNodes = nodes.some((n) => !fake(n));
  const schedulableFakeNodes = nodes.some((n) => fake(n) && schedulable(n));
  return { lib, target: resolved, kc, objects: lib.KubernetesObjectApi.makeApiClient(kc), core, realNodes, schedulableFakeNodes };
}

/** Longest any API request may wait for its answer; client-node sets no limit of its own. */
export const REQUEST_TIMEOUT_MS = 30_000;
let cancel = new AbortController();

/** Aborts every API request in flight (a cluster that accepts connections but never answers). */
export function cancelRequests(): void {
  cancel.abort(new Error('cancelado: el clúster no responde'));
  cancel = new AbortController();
}

/**
 * Every request through `kc` ends within REQUEST_TIMEOUT_MS or when cancelled: a request to a
 * paused cluster would otherwise hold its socket, and the process, open forever.
 */
function boundRequests(kc: k8s.KubeConfig): void {
  const apply = kc.applySecurityAuthentication.bind(kc);
  kc.applySecurityAuthentication = async (context) => {
    await apply(context);
    context.setSignal(AbortSignal.any([cancel.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]));
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`sin respuesta en ${ms / 1000} s`)), ms);
    }),
  ]);
}

export function shortError(err: unknown): string {
  const e = err as { code?: number; body?: unknown; message?: string };
  const status = statusOf(err);
  return status?.message ?? e.message?.split('\n')[0] ?? String(err);
}

export interface ApiStatus {
  code?: number;
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

/** The API's Status object inside a client-node error, when there is one. */
export function statusOf(err: unknown): ApiStatus | undefined {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as ApiStatus;
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? (body as ApiStatus) : undefined;
}

registerProbe('cluster', async () => {
  const c = await connect();
  return 'reason' in c ? c.reason : undefined;
});

registerProbe('data-plane', async () => {
  const c = await connect();
  if ('reason' in c) return c.reason;
  if (!c.realNodes) {
    return 'el clúster solo tiene nodos simulados (KWOK): ningún contenedor se ejecuta de verdad, así que esta comprobación no demostraría nada';
  }
  if (c.schedulableFakeNodes) {
    return 'el clúster mezcla nodos simulados (KWOK) y reales sin marcar los simulados con un taint NoSchedule: un Pod podría caer en uno simulado y parecer en marcha sin estarlo';
  }
  return undefined;
});
