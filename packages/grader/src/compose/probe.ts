// The 'compose' need of exercise 03's live tier: `docker compose` (Compose v2, or v5) at least
// 2.14, the first that accepts `service_completed_successfully` and `up --wait` (E12). Docker
// itself is the 'docker' need; the images are checked (and pulled) by the stack, which knows them.
import { reason } from '../messages/index.ts';
import { run } from '../system/process.ts';

export const MIN_COMPOSE: [number, number] = [2, 14];


/** "2.29.7", "v2.40.3-desktop.1", "5.6.0" → [major, minor]; undefined for "dev" or garbage. */
export function composeVersion(text: string): [number, number] | undefined {
  const m = /(\d+)\.(\d+)(?:\.\d+)?/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export async function composeProbe(): Promise<string | undefined> {
  const v = await run('docker', ['compose', 'version', '--short'], { timeoutMs: 15_000 });
  if (v.code !== 0) {
    const v1 = await run('docker-compose', ['version', '--short'], { timeoutMs: 15_000 });
    return reason(v1.code === 0 ? 'compose.unavailable.v1' : 'compose.unavailable.missing', { v1: v1.stdout.trim() });
  }
  const version = composeVersion(v.stdout);
  if (!version) return reason('compose.unavailable.unknownVersion', { version: v.stdout.trim() });
  const [major, minor] = version;
  if (major < MIN_COMPOSE[0] || (major === MIN_COMPOSE[0] && minor < MIN_COMPOSE[1])) return reason('compose.unavailable.old', { version: v.stdout.trim() });
  return undefined;
}
