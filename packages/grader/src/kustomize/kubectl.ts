// kubectl for `kubectl kustomize` (exercise 09): `TALLER_KUBECTL` (a path, for CI) or the first
// kubectl on the PATH. Rendering needs no cluster; it runs with a deadline and its output is
// returned as it is, for kustomize/errors.ts to turn into the learner's message.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export const KUBECTL_TIMEOUT_MS = 30_000;

const INSTALL =
  'este nivel necesita `kubectl` (trae Kustomize integrado) y no está en el PATH: instálalo como explica docs/instalacion.md (apartado «4. kubectl») o indica su ruta con TALLER_KUBECTL=/ruta/a/kubectl';

/** The kubectl to use, or the Spanish reason there is none. */
export type KubectlLookup = { path: string } | { reason: string };

function executable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findKubectl(env: NodeJS.ProcessEnv = process.env): KubectlLookup {
  const given = env.TALLER_KUBECTL?.trim();
  if (given) {
    return executable(given)
      ? { path: given }
      : { reason: `TALLER_KUBECTL=${given} no es un programa ejecutable: corrige la ruta o quita la variable para usar el kubectl del PATH` };
  }
  const names = process.platform === 'win32' ? ['kubectl.exe', 'kubectl.cmd', 'kubectl'] : ['kubectl'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return { path: candidate };
    }
  }
  return { reason: INSTALL };
}

export interface BuildResult {
  /** The rendered YAML stream, when kubectl exited 0. */
  stdout?: string;
  /** kubectl's own error text (stderr), when it failed. */
  stderr?: string;
  timedOut?: boolean;
  /** kubectl could not be started at all. */
  startError?: string;
}

/** `kubectl kustomize <dir>`, synchronous (two renders take about 0.1 s) and bounded. */
export function kustomizeBuild(kubectl: string, dir: string, timeoutMs = KUBECTL_TIMEOUT_MS): BuildResult {
  const r = spawnSync(kubectl, ['kustomize', dir], {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
    windowsHide: true,
  });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && r.status === null)) return { timedOut: true };
  if (r.error) return { startError: `${code ?? ''} ${r.error.message}`.trim() };
  if (r.status === 0) return { stdout: r.stdout };
  return { stderr: (r.stderr || r.stdout || `kubectl terminó con el código ${r.status}`).trim() };
}
