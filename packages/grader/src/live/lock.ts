// A cross-process lock (an exclusive file), so that several graders started at once — turbo
// runs exercises in parallel — create one cluster and load an image once.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const DIR = path.join(os.tmpdir(), 'taller-locks');

function holderAlive(file: string): boolean {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding the named lock; `waiting` is told once when another process holds it. */
export async function withLock<T>(
  name: string,
  fn: () => Promise<T>,
  opts: { timeoutMs?: number; waiting?: () => void } = {},
): Promise<T> {
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}.lock`);
  const deadline = Date.now() + (opts.timeoutMs ?? 15 * 60_000);
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!holderAlive(file)) {
        rmSync(file, { force: true }); // left behind by a process that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lock ${name} still held after ${opts.timeoutMs} ms`);
      if (!told) {
        opts.waiting?.();
        told = true;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}
