// Live checks of the guest book (exercise 13), on real nodes: every Redis follower replicates the
// leader (`redis-cli info replication` run in each follower Pod through the exec API), and a
// message posted to `/visitas` through the frontend's Service is read back.
import { randomBytes } from 'node:crypto';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { poll } from './checks.ts';
import { CLIENT_LOOK_MS, finalSignal, httpFromCluster, podLog, podsBehind, podsReady, podsWithLabels, readyEndpoints, rolloutComplete, type HttpResult } from './dataplane.ts';
import { execInPod } from './exec.ts';
import type { Admission } from './run.ts';
import type { Final } from './signals.ts';
import { locationOf, sourceOf } from './run.ts';

const INFO = ['redis-cli', 'info', 'replication'];
// Full resynchronisation waits repl-diskless-sync-delay (5 s by default) before the link is up.
// A follower connects once the leader's Service routes to it, which took about a minute on a busy
// node in CI (the followers had just sent PSYNC when 60 s ran out). Only a wrong submission waits
// this long: a right one is up within seconds, and a follower that is a leader settles at once.
const REPLICATION_TIMEOUT = 120_000;
// One look execs `redis-cli` in every follower and reads its log: seconds each on a busy node.
const EXEC_LOOK_MS = 30_000;

/** `key:value` lines of Redis' INFO output. */
export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return out;
}

interface Template {
  labels: Record<string, string>;
  container: string;
}

/** The Pod labels of a Deployment and the container that runs Redis (the one with `--replicaof`, else the first). */
function template(ex: Exercise, name: string): Template | undefined {
  const spec = (sourceOf(ex, 'Deployment', name)?.value.spec ?? {}) as {
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { name?: string; args?: unknown[]; command?: unknown[] }[] } };
  };
  const containers = spec.template?.spec?.containers ?? [];
  const redis = containers.find((c) => [...(c.command ?? []), ...(c.args ?? [])].some((a) => String(a).startsWith('--replicaof'))) ?? containers[0];
  return redis?.name ? { labels: spec.template?.metadata?.labels ?? {}, container: redis.name } : undefined;
}

/** Why the Pods behind the Service a host names (`redis-lider`, `redis-lider.ns.svc…`) will not come good, if so. */
async function serviceFinal(a: Admission, ex: Exercise, host: string | undefined): Promise<Final | undefined> {
  const service = host?.split('.')[0];
  const pods = service ? await podsBehind(a, ex, 'Service', service).catch(() => []) : [];
  return pods.length ? finalSignal(a, pods, { needed: 1 }) : undefined;
}

// Redis refusing a client's credentials: the server asks for a password the client lacks.
const REFUSED = /\b(NOAUTH|WRONGPASS)\b/;

/** Every Pod of the follower Deployment is Ready and reports `role:slave` with `master_link_status:up`. */
export async function followersReplicate(a: Admission, ex: Exercise, follower: string, count: number): Promise<Problem[]> {
  const ready = await podsReady(a, ex, 'Deployment', follower, count);
  if (ready.length) return ready;
  const at = locationOf(ex, 'Deployment', follower);
  const t = template(ex, follower);
  if (!t) return [{ code: 'live.notFound', at, params: { kind: 'Deployment', name: follower } }];
  return poll(async () => {
    const pods = (await podsWithLabels(a, t.labels)).filter((p) => p.status?.phase === 'Running');
    const problems: Problem[] = [];
    let settled = pods.length > 0;

    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const r = await execInPod(a, name, t.container, INFO);
      if (r.code !== 0) {
        const error = r.error ?? (r.stderr.trim() || r.stdout.trim() || `código de salida ${r.code}`);
        // A command that is not in the image will not appear by waiting.
        settled &&= /not found|no such file/i.test(error);
        problems.push({ code: 'live.exec', at, params: { pod: name, command: INFO.join(' '), error: error.split('\n')[0] } });
        continue;
      }
      const info = parseInfo(r.stdout);
      if (info.role === 'slave' && info.master_link_status === 'up') continue;
      const log = (await podLog(a, name)).trim().split('\n').filter(Boolean);
      const refused = info.role === 'slave' ? log.find((l) => REFUSED.test(l)) : undefined;
      // A follower cannot link to a leader whose Pods will not get better.
      const final = info.role === 'slave' && !refused ? await serviceFinal(a, ex, info.master_host) : undefined;
      // A leader stays a leader: without --replicaof, waiting changes nothing.
      settled &&= info.role === 'master' || refused !== undefined || final !== undefined;
      const summary =
        info.role === 'slave'
          ? `\`role:slave\` pero \`master_link_status:${info.master_link_status ?? '?'}\``
          : `\`role:${info.role ?? '?'}\` (es un líder más, no una réplica)`;
      const logs = [...new Set([...(refused ? [refused] : []), ...log.slice(-3)])];
      problems.push({
        code: 'live.replication',
        at,
        params: {
          pod: name,
          summary,
          final,
          namespace: a.namespace,
          evidence: [
            ...(info.role === 'slave' ? [`master_host:${info.master_host ?? '?'}, master_port:${info.master_port ?? '?'}, master_link_status:${info.master_link_status ?? '?'}`] : []),
            ...logs.map((l) => `registro: ${l}`),
          ],
        },
      });
    }
    if (pods.length === 0) problems.push({ code: 'live.replication', at, params: { pod: follower, summary: 'nada: no hay Pods en marcha', namespace: a.namespace } });
    return { problems: problems.slice(0, 2), settled: problems.length > 0 && settled };
  }, { timeoutMs: REPLICATION_TIMEOUT, intervalMs: 1000, lookMs: EXEC_LOOK_MS, at });
}

/** What the frontend answered, in one line: the app's Spanish `error` when the body carries one. */
function showResult(r: HttpResult | undefined, log: string[]): string {
  if (r?.error) return r.error;
  if (!r?.codigo) return log.join(' / ') || 'sin respuesta';
  const body = r.cuerpo ?? '';
  let error: unknown;
  try {
    error = (JSON.parse(body) as { error?: unknown }).error;
  } catch {
    // not JSON, or cut short by `pedir`: shown as it is
  }
  return typeof error === 'string' ? `código ${r.codigo}: «${error}»` : `código ${r.codigo}, cuerpo ${body.replace(/\s+/g, ' ').trim()}`;
}

/**
 * POST a fresh message to `/visitas` through the Service, then GET it back. Reads are retried for
 * `readMs` (replication to the followers is asynchronous). A follower's `-READONLY` is final.
 */
export async function guestBookRoundTrip(a: Admission, ex: Exercise, service: string, port: number, readMs = 10_000): Promise<Problem[]> {
  const at = locationOf(ex, 'Service', service);
  const url = `http://${service}.${a.namespace}.svc.cluster.local${port === 80 ? '' : `:${port}`}/visitas`;
  const message = `hola desde el corrector ${randomBytes(3).toString('hex')}`;
  const body = JSON.stringify({ mensaje: message });
  const written = await poll(async () => {
    const { result, log } = await httpFromCluster(a, url, 201, body);
    if (result?.codigo === 201) return { problems: [] };
    const answer = result?.cuerpo ?? '';
    // Final: a read-only replica, Redis refusing the frontend, or a Redis (as the app's error
    // names it) whose Pods will not come good.
    const readOnly = /solo lectura|READONLY/.test(answer) || REFUSED.test(answer);
    const final = !readOnly && result?.codigo === 503 ? await serviceFinal(a, ex, /Redis en ([^\s:]+):\d+/.exec(answer)?.[1]) : undefined;
    return {
      settled: readOnly || final !== undefined,
      problems: [{ code: 'live.guestbookWrite', at, params: { url, got: showResult(result, log), final, namespace: a.namespace } }],
    };
  }, { timeoutMs: 30_000, intervalMs: 2000, lookMs: CLIENT_LOOK_MS, at });
  if (written.length) return written;
  const started = Date.now();
  // `readMs` of retries, plus the seconds each try's client Pod takes to start on a busy node.
  return poll(async () => {
    const { result, log } = await httpFromCluster(a, url);
    if (result?.codigo === 200 && result.cuerpo?.includes(message)) return { problems: [] };
    const seconds = Math.round((Date.now() - started) / 1000);
    return { problems: [{ code: 'live.guestbookRead', at, params: { url, message, seconds, got: showResult(result, log) } }] };
  }, { timeoutMs: readMs + 15_000, intervalMs: 1000, lookMs: CLIENT_LOOK_MS, at });
}

export interface Tier {
  deployment: string;
  service: string;
  replicas: number;
}

/** Each Deployment rolled out with all its replicas, then each Service holds that many ready endpoints. */
export async function tiersRolledOut(a: Admission, ex: Exercise, tiers: readonly Tier[]): Promise<Problem[]> {
  const rollouts = (await Promise.all(tiers.map((t) => rolloutComplete(a, ex, t.deployment, t.replicas)))).flat();
  if (rollouts.length) return rollouts;
  return (await Promise.all(tiers.map((t) => readyEndpoints(a, ex, t.service, t.replicas)))).flat();
}
