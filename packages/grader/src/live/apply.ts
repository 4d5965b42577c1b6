// Server-side apply with the learner's object sent as written. client-node's own `patch` passes
// the body through its typed models, which drop any field they name differently: a
// NetworkPolicy's `from` (`_from` there) vanished, and the policy opened to every Pod.
import http from 'node:http';
import https from 'node:https';
import type * as k8s from '@kubernetes/client-node';
import type { Cluster } from './cluster.ts';

export interface RawAnswer {
  status: number;
  warnings: string[];
  body: string;
}

/** `Warning: 299 - "text"` headers, one entry each (client-node hides response headers). */
export function parseWarnings(rawHeaders: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'warning') continue;
    for (const m of rawHeaders[i + 1]!.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) out.push(m[1]!.replace(/\\(.)/g, '$1'));
  }
  return out;
}

// client-node resolves kind → resource (with discovery, cached) only in a protected method.
interface UriPaths {
  specUriPath(spec: k8s.KubernetesObject, action: 'patch'): Promise<string>;
}

/** One request to the API server with the kubeconfig's credentials, bounded in time; the body as
 * sent, the answer's text and its warnings (client-node hides response headers). */
export async function rawRequest(
  cluster: Cluster,
  method: 'GET' | 'POST' | 'PATCH',
  apiPath: string,
  opts: { body?: unknown; contentType?: string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const server = cluster.kc.getCurrentCluster()?.server?.replace(/\/+$/, '') ?? '';
  const url = new URL(`${server}${apiPath}`);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const request: https.RequestOptions = {
    method,
    headers: { 'Content-Type': opts.contentType ?? 'application/json', Accept: 'application/json' },
    timeout: timeoutMs,
  };
  await cluster.kc.applyToHTTPSOptions(request);
  const send = url.protocol === 'http:' ? http.request : https.request;
  return new Promise((resolve, reject) => {
    const req = send(url, request, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, warnings: parseWarnings(res.rawHeaders), body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`sin respuesta en ${Math.round(timeoutMs / 1000)} s`)));
    req.on('error', reject);
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

/** What `kubectl apply --server-side --force-conflicts [--dry-run=server]` sends, and the answer. */
export async function serverSideApply(cluster: Cluster, body: k8s.KubernetesObject, opts: { dryRun: boolean }): Promise<RawAnswer> {
  const path = await (cluster.objects as unknown as UriPaths).specUriPath(structuredClone(body), 'patch');
  return rawRequest(cluster, 'PATCH', `${path}?fieldManager=taller&force=true${opts.dryRun ? '&dryRun=All' : ''}`, {
    body,
    contentType: 'application/apply-patch+yaml',
  });
}
