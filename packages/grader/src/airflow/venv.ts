// The kit's own Airflow: a virtual environment under the kit's cache, created on demand and reused,
// `${TALLER_CACHE:-~/.cache/taller}/airflow/<version>/venv`, installed from PyPI with the
// constraints file committed in `packages/grader/airflow/` (Airflow publishes its own only on
// GitHub). It is about 300 MB, so it is never created silently: `TALLER_AIRFLOW=instalar` asks for
// it (or `.ci/airflow/setup.sh`, which CI runs); otherwise the live lines skip saying how.
//
// TALLER_AIRFLOW   unset       use the kit's environment when it exists
//                  instalar    create it when missing (progress on stderr), then use it
//                  no          skip the Airflow lines
//                  <folder>    use that virtual environment (it must have bin/airflow)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reason } from '../messages/index.ts';
import { step } from '../live/progress.ts';
import { LockTimeout, lockFile, withLock } from '../system/lock.ts';
import { lastLines, run } from '../system/process.ts';

export const AIRFLOW_VERSION = '3.3.2';
export const MIN_PYTHON: [number, number] = [3, 10];
export const CONSTRAINTS = path.resolve(import.meta.dirname, `../../airflow/constraints-${AIRFLOW_VERSION}.txt`);
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const MARKER = 'instalado.txt';


export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TALLER_CACHE || path.join(os.homedir(), '.cache', 'taller');
}

/** Where this version's files live: the environment, the migrated template database. */
export function airflowDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), 'airflow', AIRFLOW_VERSION);
}

export interface AirflowEnv {
  /** The virtual environment's folder. */
  venv: string;
  python: string;
  airflow: string;
  /** Where a migrated SQLite database is kept to copy for each run. */
  templateDir: string;
}

function envAt(venv: string): AirflowEnv {
  const bin = path.join(venv, 'bin');
  return { venv, python: path.join(bin, 'python'), airflow: path.join(bin, 'airflow'), templateDir: path.join(airflowDir(), 'plantilla') };
}

type Mode = { kind: 'off' } | { kind: 'default' } | { kind: 'install' } | { kind: 'dir'; dir: string };

export function mode(env: NodeJS.ProcessEnv = process.env): Mode {
  const v = (env.TALLER_AIRFLOW ?? '').trim();
  if (!v) return { kind: 'default' };
  if (/^(0|no|false|off)$/i.test(v)) return { kind: 'off' };
  if (/^(instalar|install|1|si|sí|yes|true|on)$/i.test(v)) return { kind: 'install' };
  return { kind: 'dir', dir: path.resolve(v) };
}

/** The system's Python 3 and its version, or the reason it will not do for Airflow. */
async function systemPython(): Promise<{ python: string } | { reason: string }> {
  const r = await run('python3', ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { timeoutMs: 15_000 });
  const min = MIN_PYTHON.join('.');
  if (r.spawnError || r.code !== 0) return { reason: reason('airflow.unavailable.python', { min, version: AIRFLOW_VERSION }) };
  const found = r.stdout.trim();
  const [maj, mnr] = found.split('.').map(Number);
  if (maj! < MIN_PYTHON[0] || (maj === MIN_PYTHON[0] && mnr! < MIN_PYTHON[1])) return { reason: reason('airflow.unavailable.python', { min, version: AIRFLOW_VERSION, found }) };
  return { python: 'python3' };
}

const ready = (venv: string) => existsSync(path.join(venv, MARKER)) && existsSync(envAt(venv).airflow);

let resolved: Promise<AirflowEnv | string> | undefined;

/** The Airflow environment to use, or the Spanish reason there is none (the probe's answer). */
export function airflowEnv(): Promise<AirflowEnv | string> {
  resolved ??= resolveEnv();
  return resolved;
}

/** Forget the answer (tests change TALLER_AIRFLOW). */
export function resetAirflowEnv(): void {
  resolved = undefined;
}

async function resolveEnv(): Promise<AirflowEnv | string> {
  if (process.platform === 'win32') return reason('airflow.unavailable.windows');
  const m = mode();
  if (m.kind === 'off') return reason('airflow.unavailable.disabled');
  if (m.kind === 'dir') {
    const e = envAt(m.dir);
    if (!existsSync(e.airflow)) return reason('airflow.unavailable.badDir', { dir: m.dir, missing: 'bin/airflow' });
    return e;
  }
  const py = await systemPython();
  if ('reason' in py) return py.reason;
  const venv = path.join(airflowDir(), 'venv');
  if (ready(venv)) return envAt(venv);
  if (m.kind !== 'install') return reason('airflow.unavailable.noVenv', { version: AIRFLOW_VERSION, dir: venv });
  try {
    return await withLock('airflow-venv', `crear el entorno de Airflow ${AIRFLOW_VERSION}`, () => createVenv(py.python, venv), { maxWaitMs: INSTALL_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof LockTimeout) {
      return reason('airflow.unavailable.lock', { minutes: Math.round(err.waitedMs / 60_000), holder: err.holder?.purpose, file: lockFile('airflow-venv') });
    }
    return reason('airflow.unavailable.installFailed', { dir: venv, detail: (err as Error).message });
  }
}

/** Creates the environment (another process may have done it while we waited for the lock). */
export async function createVenv(python: string, venv: string, progress = (line: string) => process.stderr.write(`${line}\n`)): Promise<AirflowEnv | string> {
  if (ready(venv)) return envAt(venv);
  // A half-made environment (an interrupted install) is not repaired: it is made again.
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(path.dirname(venv), { recursive: true });
  const s = step(`creando el entorno de Airflow ${AIRFLOW_VERSION} en ${venv} (unos 300 MB; solo la primera vez)`);
  const fail = (what: string, r: { code: number | null; stderr: string; stdout: string; timedOut: boolean }) => {
    s.done(false);
    rmSync(venv, { recursive: true, force: true });
    const detail = r.timedOut ? `${what} no terminó en ${INSTALL_TIMEOUT_MS / 60_000} min` : `${what} terminó con código ${r.code}: ${lastLines(`${r.stdout}\n${r.stderr}`, 3).join(' · ')}`;
    return reason('airflow.unavailable.installFailed', { dir: venv, detail });
  };
  const mk = await run(python, ['-m', 'venv', venv], { timeoutMs: 120_000 });
  if (mk.code !== 0) return fail(`${python} -m venv`, mk);
  const e = envAt(venv);
  let last = Date.now();
  const pip = await run(
    e.python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', `apache-airflow==${AIRFLOW_VERSION}`, '--constraint', CONSTRAINTS],
    {
      timeoutMs: INSTALL_TIMEOUT_MS,
      processGroup: true,
      onLine: (line) => {
        // One line every few seconds is enough to show it is alive.
        if (/^(Collecting|Downloading|Installing|Successfully)/.test(line) && (Date.now() - last > 5000 || line.startsWith('Successfully') || line.startsWith('Installing'))) {
          last = Date.now();
          progress(`   ${line.slice(0, 120)}`);
        }
      },
    },
  );
  if (pip.code !== 0) return fail('pip install', pip);
  writeFileSync(path.join(venv, MARKER), `apache-airflow==${AIRFLOW_VERSION}\n${new Date().toISOString()}\n`);
  s.done(true);
  return e;
}

/** The version the marker says was installed (for messages). */
export function installedVersion(venv: string): string | undefined {
  try {
    return readFileSync(path.join(venv, MARKER), 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}
