// Black-box helpers: run `python3 -m app_datos` as the image would, talk to it over 127.0.0.1,
// and clean up every process and temporary folder a test leaves behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PACKAGE_DIR = path.resolve(import.meta.dirname, '..');
export const SRC_DIR = path.join(PACKAGE_DIR, 'src');
export const PYTHON = 'python3';

export type Env = Record<string, string>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Result extends Exit {
  stdout: string;
  stderr: string;
}

const processes = new Set<AppProcess>();
const tempDirs = new Set<string>();

/** Only what the program needs: nothing from the caller's shell (APP_*, PORT, proxies...) leaks in. */
export function appEnv(extra: Env = {}): Env {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONPATH: SRC_DIR,
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

/** A running `python3 -m app_datos ...`, with its output collected as it arrives. */
export class AppProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;

  constructor(args: string[], env: Env = {}) {
    this.child = spawn(PYTHON, ['-m', 'app_datos', ...args], {
      env: appEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code, signal) => resolve({ code, signal }));
    });
    processes.add(this);
  }

  /** Complete stdout lines so far. */
  lines(): string[] {
    return this.stdout.split('\n').slice(0, -1);
  }

  /** stdout lines parsed as JSON objects. */
  events(): Record<string, unknown>[] {
    return this.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** Resolves with the first stdout line matching, failing after timeoutMs or if the process ends. */
  async waitForLine(match: (line: string) => boolean, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(
      () => (ended = true),
      () => (ended = true),
    );
    for (;;) {
      const line = this.lines().find(match);
      if (line !== undefined) return line;
      if (ended || Date.now() > deadline) {
        throw new Error(`no matching line (exited: ${ended})\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      }
      await sleep(20);
    }
  }

  /** Sends signal and waits for the exit, at most timeoutMs; then kills it and fails. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 3000): Promise<Exit & { ms: number }> {
    const started = performance.now();
    this.child.kill(signal);
    const exit = await withTimeout(this.exited, timeoutMs, `process still running after ${signal}`);
    return { ...exit, ms: performance.now() - started };
  }
}

/** Runs a short subcommand to completion; fails (and kills it) after timeoutMs. */
export async function runApp(args: string[], env: Env = {}, timeoutMs = 8000): Promise<Result> {
  const app = new AppProcess(args, env);
  const exit = await withTimeout(app.exited, timeoutMs, `app-datos ${args.join(' ')} did not finish`);
  processes.delete(app);
  return { ...exit, stdout: app.stdout, stderr: app.stderr };
}

/** Starts a server subcommand and waits for its exact "escuchando" line. */
export async function startServer(args: string[], port: number, env: Env = {}): Promise<AppProcess> {
  const app = new AppProcess(args, env);
  await app.waitForLine((line) => line === `{"evento":"escuchando","puerto":${port}}`);
  return app;
}

/** Kills whatever a test left running and removes its temporary folders. */
export async function cleanup(): Promise<void> {
  const running = [...processes];
  processes.clear();
  for (const app of running) app.child.kill('SIGKILL');
  await Promise.all(running.map((app) => app.exited.catch(() => undefined)));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-datos-'));
  tempDirs.add(dir);
  return dir;
}

/** A port that was free a moment ago: the OS picks it, then we release it for the program. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to 127.0.0.1. The path is sent as written (no "../" clean-up, unlike fetch). */
export function request(
  port: number,
  urlPath: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: 4000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer for ${urlPath}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function eventually<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
