// Runs a program (docker, python3) with a deadline, collecting its output. node:child_process
// only, to keep the grader's dependencies small. Never throws for the program's own failure:
// callers turn exit codes and output into the learner's message.
import { spawn } from 'node:child_process';

export interface RunResult {
  /** Exit code; null when killed or never started. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because the deadline passed. */
  timedOut: boolean;
  /** The program could not be started (ENOENT: not installed). */
  spawnError?: NodeJS.ErrnoException;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with every complete line of stdout and stderr, as it arrives. */
  onLine?: (line: string) => void;
  /** Bytes kept per stream; older output is dropped (a build log can be long). */
  maxBytes?: number;
  /** Stops the program early (a server the caller no longer needs, an outcome already known). */
  signal?: AbortSignal;
  /**
   * Start it in a process group of its own and kill the whole group (POSIX), so helpers it
   * started (a task runner, a server's workers) do not outlive it. Groups still running when the
   * grader exits are killed too.
   */
  processGroup?: boolean;
}

/** Process groups started with `processGroup` that have not exited yet. */
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const DEFAULT_MAX = 4 * 1024 * 1024;

export function run(program: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      detached: opts.processGroup === true && process.platform !== 'win32',
    });
    const group = opts.processGroup === true && process.platform !== 'win32' && child.pid !== undefined ? child.pid : undefined;
    if (group !== undefined) liveGroups.add(group);
    const stop = () => {
      if (group !== undefined) killGroup(group);
      else child.kill('SIGKILL');
    };
    const max = opts.maxBytes ?? DEFAULT_MAX;
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out[stream] += text;
      if (out[stream].length > max) out[stream] = out[stream].slice(-max);
      if (opts.onLine) {
        const lines = (partial[stream] + text).split(/\r?\n|\r/);
        partial[stream] = lines.pop() ?? '';
        for (const line of lines) opts.onLine(line);
      }
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    // SIGKILL: a hung `docker` client may ignore SIGTERM. (Callers that started a container
    // remove it themselves: killing the client does not stop the container.)
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => stop();
    if (opts.signal?.aborted) stop();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (group !== undefined) {
        // The leader is gone; anything it left in its group goes with it.
        killGroup(group);
        liveGroups.delete(group);
      }
      if (opts.onLine) for (const rest of [partial.stdout, partial.stderr]) if (rest) opts.onLine(rest);
      resolve({ code: spawnError ? null : code, ...out, timedOut, spawnError, durationMs: Date.now() - started });
    };
    // A program that cannot start emits 'error' (and, depending on Node's version, no 'close').
    child.on('error', (err) => {
      spawnError = err as NodeJS.ErrnoException;
      if (child.pid === undefined) finish(null);
    });
    // A helper left in the group may hold the pipes open: 'close' would wait for it.
    if (group !== undefined) child.on('exit', () => killGroup(group));
    child.on('close', (code) => finish(code));
  });
}

/** The last `n` non-empty lines of a text. */
export function lastLines(text: string, n: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-n);
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
