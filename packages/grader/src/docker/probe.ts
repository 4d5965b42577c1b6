// The 'docker' need of live checks: the `docker` CLI exists and its engine answers `docker info`
// within 10 s. Otherwise the Spanish reason, with the E-code of docs/solucion-de-problemas.md.
import { reason } from '../messages/index.ts';
import { LOCK_FILE, type LockTimeout } from '../system/lock.ts';
import { lastLines, run } from '../system/process.ts';

export const PROBE_TIMEOUT_MS = 10_000;


/** Why a Docker step was skipped when another grader held the Docker lock too long. */
export function lockTimeoutReason(err: LockTimeout): string {
  return reason('docker.skip.lockTimeout', {
    minutes: Math.round(err.waitedMs / 60_000),
    holder: err.holder ? `proceso ${err.holder.pid}: ${err.holder.purpose}` : undefined,
    file: LOCK_FILE,
  });
}

export async function dockerProbe(): Promise<string | undefined> {
  // Lets a learner (or a quick local run) grade only the static tier on purpose.
  if (/^(0|no|false|off)$/i.test(process.env.TALLER_DOCKER ?? '')) return reason('docker.unavailable.disabled');
  const info = await run('docker', ['info', '--format', '{{.OSType}}'], { timeoutMs: PROBE_TIMEOUT_MS });
  if (info.spawnError?.code === 'ENOENT') return reason('docker.unavailable.missing');
  if (info.spawnError) return reason('docker.unavailable.cannotRun', { detail: info.spawnError.message });
  if (info.timedOut) return reason('docker.unavailable.timeout', { seconds: PROBE_TIMEOUT_MS / 1000 });
  if (info.code !== 0) {
    const output = `${info.stderr}\n${info.stdout}`;
    const detail = lastLines(output, 1)[0] ?? `código ${info.code}`;
    if (/permission denied/i.test(output)) return reason('docker.unavailable.permission', { detail });
    return reason('docker.unavailable.daemon', { detail });
  }
  // Docker Desktop in Windows-containers mode cannot run Linux images.
  if (info.stdout.trim() === 'windows') return reason('docker.unavailable.windows');
  return undefined;
}
