// Machine-wide named locks: one heavy Docker job (a build, a compose stack) at a time, one
// process creating the kind cluster or loading an image into it — turbo grades several exercises
// in parallel, and two image builds on a 2-core laptop make both slow. An exclusive lock file
// under os.tmpdir(), created with O_EXCL ('wx'), so it works across processes on every platform. The holder touches it while it works; a file nobody touched for STALE_MS, or whose
// process is gone, is taken over (a grader killed with Ctrl-C leaves it behind).
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from './process.ts';

export const lockFile = (name: string) => path.join(os.tmpdir(), `taller-${name}.lock`);
export const LOCK_FILE = lockFile('docker');
const STALE_MS = 3 * 60_000;
const HEARTBEAT_MS = 20_000;
const POLL_MS = 500;
const PROGRESS_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  since: number;
  purpose: string;
}

export interface LockOptions {
  /** Give up after this long (the error says who holds the lock). */
  maxWaitMs?: number;
  /** Where waiting is reported; stderr by default (stdout belongs to the reporter). */
  progress?: (line: string) => void;
  file?: string;
}

export class LockTimeout extends Error {
  constructor(readonly holder: Holder | undefined, readonly waitedMs: number) {
    super(`lock still held after ${Math.round(waitedMs / 1000)} s by ${holder ? `pid ${holder.pid} (${holder.purpose})` : 'another process'}`);
  }
}

const held = new Set<string>();
process.once('exit', () => {
  for (const file of held) rmSync(file, { force: true });
});

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined; // being written, or garbage: judged by its age alone
  }
}

function isStale(file: string, holder: Holder | undefined): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return false; // gone already: the next attempt will create it
  }
  if (age > STALE_MS) return true;
  return holder !== undefined && holder.host === os.hostname() && holder.pid !== process.pid && !processAlive(holder.pid);
}

function tryCreate(file: string, purpose: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now(), purpose } satisfies Holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Runs `job` while holding the machine-wide Docker lock; always releases it. */
export function withDockerLock<T>(purpose: string, job: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  return withLock('docker', purpose, job, opts);
}

/** Runs `job` while holding the named machine-wide lock; always releases it. */
export async function withLock<T>(name: string, purpose: string, job: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const file = opts.file ?? lockFile(name);
  const maxWait = opts.maxWaitMs ?? 20 * 60_000;
  const progress = opts.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  let lastReport = started;
  while (!tryCreate(file, purpose)) {
    const holder = readHolder(file);
    if (isStale(file, holder)) {
      // Rename first: of several waiters seeing the same stale file, only one moves it away.
      const aside = `${file}.${process.pid}.stale`;
      try {
        renameSync(file, aside);
        rmSync(aside, { force: true });
      } catch {
        /* another waiter took it over first */
      }
      continue;
    }
    const waited = Date.now() - started;
    if (waited > maxWait) throw new LockTimeout(holder, waited);
    if (Date.now() - lastReport >= PROGRESS_MS) {
      lastReport = Date.now();
      const who = holder ? `el proceso ${holder.pid} (${holder.purpose})` : 'otro proceso';
      progress(`  … esperando a que ${who} termine (${Math.round(waited / 1000)} s); estas tareas se hacen de una en una`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  held.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      /* removed by someone who judged it stale; nothing to do but finish */
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await job();
  } finally {
    clearInterval(heartbeat);
    held.delete(file);
    // Remove it only while it is still ours.
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
  }
}
