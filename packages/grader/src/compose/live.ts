// The live tier of exercise 03: the learner's Compose file really starts Airflow. One `before`
// hook does everything under the machine-wide Docker lock — a temporary copy of the exercise with
// the submission laid over it, `.env` from the learner's (or `.env.example`) with a free port,
// `docker compose up -d --wait` under a unique project name, the REST checks, and
// `docker compose down -v` in `finally` — and records each step; each rubric line then reports
// its step: passed, failed with evidence, or skipped with the reason.
//
//   const stack = composeStackUnderTest(ex, { prefix: 'taller-03', dagId: 'hola_taller' });
//   before(async function () { await stack.start(this); });
//   it('…', async function () { await stack.expectStep(this, 'up'); });
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { failWith } from '../assert/failure.ts';
import type { Exercise } from '../catalog/exercise.ts';
import { reason } from '../messages/index.ts';
import type { Problem } from '../messages/problem.ts';
import { lackOf, skipWith, unmet } from '../live/skip.ts';
import { noteWarnings } from '../report/warnings.ts';
import { lockTimeoutReason } from '../docker/probe.ts';
import { earlierTierFailures } from '../docker/tier.ts';
import { LockTimeout, withDockerLock } from '../system/lock.ts';
import { lastLines, run } from '../system/process.ts';
import { interpolate, parseDotEnv, readDotEnv, type DotEnv } from './interpolate.ts';
import { envEntry } from '../rules/compose.ts';
import { freePort } from '../system/net.ts';

export type Step = 'up' | 'health' | 'token' | 'dag' | 'run';
const ORDER: Step[] = ['up', 'health', 'token', 'dag', 'run'];

type Outcome = { state: 'passed'; note?: string } | { state: 'failed'; problems: Problem[] } | { state: 'skipped'; reason: string };

export interface StackOptions {
  /** Names the compose project: `taller-03-<random>`. */
  prefix: string;
  dagId: string;
  file?: string;
  upTimeoutS?: number;
  dagTimeoutS?: number;
  runTimeoutS?: number;
}

const LOCK_WAIT_MS = 20 * 60_000;
const PULL_TIMEOUT_MS = 20 * 60_000;

export class ComposeStack {
  private outcomes = new Map<Step, Outcome>();
  private skipAll?: string;
  private error?: unknown;

  constructor(
    readonly exercise: Exercise,
    readonly options: StackOptions,
  ) {}

  private get file() {
    return this.options.file ?? 'docker-compose.yaml';
  }

  async start(hook: Context): Promise<void> {
    const o = this.options;
    hook.timeout(LOCK_WAIT_MS + PULL_TIMEOUT_MS + ((o.upTimeoutS ?? 600) + (o.dagTimeoutS ?? 120) + (o.runTimeoutS ?? 180) + 300) * 1000);
    this.outcomes.clear();
    this.skipAll = this.error = undefined;
    try {
      if ((await earlierTierFailures(hook)).length > 0) {
        this.skipAll = reason('compose.skip.staticFailed');
        return;
      }
      this.skipAll = await unmet(['docker', 'compose']);
      if (this.skipAll) return;
      await withDockerLock(`levantar Airflow del ejercicio ${this.exercise.number}`, () => this.runAll(), { maxWaitMs: LOCK_WAIT_MS });
    } catch (err) {
      if (err instanceof LockTimeout) this.skipAll = lackOf('compose', lockTimeoutReason(err));
      else this.error = err;
    }
  }

  /** Reports the step of one rubric line. */
  async expectStep(ctx: Context, step: Step): Promise<void> {
    if (this.error) throw this.error;
    if (this.skipAll) skipWith(ctx, this.skipAll);
    const outcome = this.outcomes.get(step);
    if (!outcome) return skipWith(ctx, reason('compose.skip.notReached'));
    if (outcome.state === 'skipped') skipWith(ctx, outcome.reason);
    if (outcome.state === 'failed') failWith(...outcome.problems);
  }

  private record(step: Step, outcome: Outcome): void {
    this.outcomes.set(step, outcome);
  }

  private async runAll(): Promise<void> {
    const ex = this.exercise;
    const project = `${this.options.prefix}-${Math.random().toString(36).slice(2, 8)}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), `${project}-`));
    const progress = (line: string) => process.stderr.write(`  │ ${line}\n`);
    let upStarted = false;
    const compose = (args: string[], timeoutMs: number, onLine?: (l: string) => void) =>
      run('docker', ['compose', '-p', project, '--project-directory', dir, '-f', path.join(dir, this.file), '--env-file', path.join(dir, '.env'), ...args], { timeoutMs, cwd: dir, onLine });
    // Ctrl-C or a kill while the stack runs: take it down before leaving (`finally` would not run).
    const onSignal = (signal: NodeJS.Signals) => {
      if (upStarted) {
        process.stderr.write(`\n  … ${signal}: docker compose down -v (${project})\n`);
        spawnSync('docker', ['compose', '-p', project, 'down', '-v', '--remove-orphans', '--timeout', '5'], { stdio: 'ignore', timeout: 120_000 });
      }
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      // The exercise's folders (dags/, plugins/, config/, logs/, .env.example) with the submission on top.
      const copy = (from: string) =>
        cpSync(from, dir, { recursive: true, filter: (src) => !/(^|[\\/])(node_modules|test|package\.json|\.mocharc\.cjs|README\.md)$/.test(path.relative(from, src)) });
      copy(ex.root);
      if (path.resolve(ex.submission) !== path.resolve(ex.root)) copy(ex.submission);
      for (const d of ['dags', 'logs', 'plugins', 'config']) if (!existsSync(path.join(dir, d))) cpSync(path.join(ex.root, d), path.join(dir, d), { recursive: true });
      const env = this.writeEnv(dir, await freePort());
      const port = Number(env.get('AIRFLOW_PUERTO'));
      const creds = this.credentials(env);

      // Images: present, or pulled now. Offline, a missing image skips (not the learner's fault).
      const images = await compose(['config', '--images'], 60_000);
      if (images.code !== 0) {
        this.record('up', { state: 'failed', problems: [{ code: 'compose.live.config', at: { file: this.file }, params: { detail: lastLines(images.stderr, 6).join('\n      ') } }] });
        return;
      }
      for (const image of [...new Set(images.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))]) {
        const inspect = await run('docker', ['image', 'inspect', image], { timeoutMs: 30_000 });
        if (inspect.code === 0) continue;
        progress(`docker pull ${image}`);
        const pull = await run('docker', ['pull', image], { timeoutMs: PULL_TIMEOUT_MS });
        if (pull.code === 0) continue;
        const out = `${pull.stderr}\n${pull.stdout}`;
        if (/manifest unknown|not found|does not exist|pull access denied/i.test(out) && !/no such host|dial tcp|timeout|proxy|TLS/i.test(out)) {
          this.record('up', { state: 'failed', problems: [{ code: 'compose.live.imageNotFound', at: { file: this.file }, params: { image, detail: lastLines(out, 1)[0] } }] });
        } else {
          this.skipAll = lackOf('compose', reason('compose.skip.imageUnavailable', { image, detail: lastLines(out, 1)[0] ?? `código ${pull.code}` }));
        }
        return;
      }

      // 1. up --wait
      upStarted = true;
      const upTimeout = this.options.upTimeoutS ?? 600;
      const up = await compose(['up', '-d', '--wait', '--wait-timeout', String(upTimeout)], (upTimeout + 120) * 1000, progress);
      if (up.code !== 0) {
        this.record('up', { state: 'failed', problems: [await this.upFailure(compose, `${up.stderr}\n${up.stdout}`, up.timedOut)] });
        return;
      }
      this.record('up', { state: 'passed' });
      const base = `http://127.0.0.1:${port}`;

      // 2. /api/v2/monitor/health: the status code is 200 either way; read the JSON.
      let last: Record<string, { status?: string | null }> | undefined;
      const healthy = await poll(60, async () => {
        const r = await http(`${base}/api/v2/monitor/health`);
        last = r.json as typeof last;
        const comps = Object.entries(last ?? {}).filter(([, v]) => v && typeof v === 'object' && 'status' in v);
        return comps.length >= 2 && comps.every(([, v]) => v.status === 'healthy');
      });
      if (!healthy) {
        const list = Object.entries(last ?? {}).map(([k, v]) => `${k}: ${v?.status ?? 'sin estado'}`).join(', ');
        this.record('health', { state: 'failed', problems: [{ code: 'compose.live.unhealthy', at: { file: this.file }, params: { components: list || 'sin respuesta' } }] });
        return;
      }
      this.record('health', { state: 'passed' });

      // 3. A JWT from /auth/token with the .env credentials.
      const tok = await http(`${base}/auth/token`, { method: 'POST', body: { username: creds.username, password: creds.password } });
      const token = (tok.json as { access_token?: string } | undefined)?.access_token;
      if (!token) {
        this.record('token', { state: 'failed', problems: [{ code: 'compose.live.token', at: { file: '.env' }, params: { status: tok.status, username: creds.username, body: tok.text.slice(0, 200) } }] });
        return;
      }
      this.record('token', { state: 'passed' });
      const auth = { Authorization: `Bearer ${token}` };

      // 4. The provided DAG is listed (the dag-processor may take a while).
      const dagId = this.options.dagId;
      // An import error in the DAG's own file is final: no need to wait the whole timeout for it.
      const importErrors = async () => {
        const errs = await http(`${base}/api/v2/importErrors`, { headers: auth });
        return ((errs.json as { import_errors?: { filename: string; stack_trace: string }[] } | undefined)?.import_errors ?? [])
          .map((e) => `${e.filename}: ${lastLines(e.stack_trace, 1)[0] ?? ''}`);
      };
      let broken = false;
      const listed = await poll(this.options.dagTimeoutS ?? 120, async () => {
        if ((await http(`${base}/api/v2/dags/${dagId}`, { headers: auth })).status === 200) return true;
        broken = (await importErrors()).some((e) => e.includes(`${dagId}.py:`));
        return broken;
      }) && !broken;
      if (!listed) {
        const errors = await importErrors();
        this.record('dag', { state: 'failed', problems: [{ code: 'compose.live.dagMissing', at: { file: `dags/${dagId}.py` }, params: { dagId, seconds: this.options.dagTimeoutS ?? 120, importErrors: errors, broken } }] });
        return;
      }
      this.record('dag', { state: 'passed' });

      // 5. Unpause, trigger, and wait for the run to end.
      await http(`${base}/api/v2/dags/${dagId}`, { method: 'PATCH', headers: auth, body: { is_paused: false } });
      const trig = await http(`${base}/api/v2/dags/${dagId}/dagRuns`, { method: 'POST', headers: auth, body: { logical_date: null } });
      const runId = (trig.json as { dag_run_id?: string } | undefined)?.dag_run_id;
      if (!runId) {
        this.record('run', { state: 'failed', problems: [{ code: 'compose.live.trigger', at: { file: this.file }, params: { status: trig.status, body: trig.text.slice(0, 200) } }] });
        return;
      }
      let state = 'queued';
      const ended = await poll(this.options.runTimeoutS ?? 180, async () => {
        const r = await http(`${base}/api/v2/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}`, { headers: auth });
        state = String((r.json as { state?: string } | undefined)?.state ?? state);
        return state === 'success' || state === 'failed';
      });
      if (state !== 'success') {
        const tis = await http(`${base}/api/v2/dags/${dagId}/dagRuns/${encodeURIComponent(runId)}/taskInstances`, { headers: auth });
        const tasks = ((tis.json as { task_instances?: { task_id: string; state: string | null }[] } | undefined)?.task_instances ?? []).map((t) => `${t.task_id}: ${t.state ?? 'sin estado'}`);
        const logs = await compose(['logs', '--no-color', '--tail', '200', 'airflow-scheduler'], 60_000);
        const jwt = /Signature verification failed|Invalid auth token/i.test(logs.stdout + logs.stderr);
        this.record('run', { state: 'failed', problems: [{ code: 'compose.live.runFailed', at: { file: this.file }, params: { dagId, state, ended, seconds: this.options.runTimeoutS ?? 180, tasks, jwt } }] });
        return;
      }
      this.record('run', { state: 'passed' });
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      if (upStarted) {
        const down = await compose(['down', '-v', '--remove-orphans', '--timeout', '20'], 180_000);
        const left = await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], { timeoutMs: 30_000 });
        const vols = await run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { timeoutMs: 30_000 });
        const leftovers = [...lastLines(left.stdout, 20), ...lastLines(vols.stdout, 20)];
        // Not a rubric line (no learner's file can make it fail): a warning the report shows.
        if (down.code !== 0 || leftovers.length > 0) {
          noteWarnings([{ code: 'compose.live.down', severity: 'warning', at: { file: this.file }, params: { code: down.code, project, detail: lastLines(down.stderr, 3).join(' '), leftovers } }]);
        }
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      // Lines after the failing one were not reached: say which one stopped them.
      const failed = ORDER.find((s) => this.outcomes.get(s)?.state === 'failed');
      for (const s of ORDER) {
        if (!this.outcomes.has(s) && failed && !this.skipAll) this.outcomes.set(s, { state: 'skipped', reason: reason('compose.skip.earlierStep', { step: STEP_TITLES[failed] }) });
      }
    }
  }

  /** `.env` for the run: the learner's `.env` (or `.env.example`), with a free port and our uid. */
  private writeEnv(dir: string, port: number): DotEnv {
    const env = readDotEnv(dir, '.env') ?? readDotEnv(dir, '.env.example') ?? new Map<string, string>();
    env.set('AIRFLOW_PUERTO', String(port));
    // The copy belongs to whoever runs the grader: Airflow must write its logs as that uid (E16).
    env.set('AIRFLOW_UID', String(typeof process.getuid === 'function' ? process.getuid() : 50000));
    // A `.env` copied as a link would make this write land outside the copy: replace it, never write through it.
    rmSync(path.join(dir, '.env'), { force: true });
    writeFileSync(path.join(dir, '.env'), [...env].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n') + '\n');
    return parseDotEnv([...env].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n'));
  }

  /** The `.env` credentials (what the learner would type), else what the file gives airflow-init. */
  private credentials(env: DotEnv): { username: string; password: string } {
    const u = env.get('_AIRFLOW_WWW_USER_USERNAME');
    const pw = env.get('_AIRFLOW_WWW_USER_PASSWORD');
    if (u && pw) return { username: u, password: pw };
    const c = this.exercise.compose(this.file);
    const value = (key: string) => {
      const e = envEntry(c, 'airflow-init', key);
      return e ? interpolate(e.raw === null || e.raw === undefined ? '' : String(e.raw), env).value : '';
    };
    return { username: value('_AIRFLOW_WWW_USER_USERNAME') || 'airflow', password: value('_AIRFLOW_WWW_USER_PASSWORD') || 'airflow' };
  }

  /** Why `up --wait` failed: each service's state and the last lines of the broken ones. */
  private async upFailure(compose: (a: string[], t: number) => ReturnType<typeof run>, output: string, timedOut: boolean): Promise<Problem> {
    const ps = await compose(['ps', '-a', '--format', 'json'], 60_000);
    const rows: { Service?: string; State?: string; Health?: string; ExitCode?: number }[] = [];
    for (const line of ps.stdout.split(/\r?\n/).filter((l) => l.trim())) {
      try {
        const parsed = JSON.parse(line) as unknown;
        rows.push(...(Array.isArray(parsed) ? parsed : [parsed]) as typeof rows);
      } catch {
        /* not JSON: older Compose */
      }
    }
    const broken = rows.filter((r) => r.Health === 'unhealthy' || r.Health === 'starting' || (r.State === 'exited' && r.ExitCode !== 0) || r.State === 'restarting');
    const evidence: string[] = [];
    let all = output;
    for (const r of broken.slice(0, 3)) {
      const logs = await compose(['logs', '--no-color', '--tail', '12', r.Service!], 60_000);
      all += logs.stdout + logs.stderr;
      evidence.push(`${r.Service} (${r.State}${r.Health ? `, ${r.Health}` : ''}${r.State === 'exited' ? `, código ${r.ExitCode}` : ''}):`, ...lastLines(logs.stdout, 8).map((l) => `  │ ${l.slice(0, 200)}`));
    }
    const causes = [
      /port is already allocated|address already in use/i.test(all) ? 'E11: un puerto publicado ya está en uso (¿otro Airflow o un Postgres local en el 5432?).' : '',
      /Permission denied/i.test(all) ? 'E16: Airflow no puede escribir en una carpeta montada: revisa `AIRFLOW_UID` y el dueño de `logs/`.' : '',
      /Signature verification failed|Invalid auth token/i.test(all) ? 'E17: los servicios no comparten `AIRFLOW__API_AUTH__JWT_SECRET`.' : '',
      /exited \(137\)|Killed|out of memory|Not enough memory/i.test(all) ? 'E05: a Docker le falta memoria; dale al menos 4 GB.' : '',
      /service_completed_successfully|depends_on contains an invalid/i.test(all) ? 'E12: esta versión de Compose no entiende `condition`; usa Docker Compose v2 ≥ 2.14.' : '',
    ].filter(Boolean);
    return {
      code: 'compose.live.upFailed',
      at: { file: this.file },
      params: {
        timedOut,
        summary: lastLines(output, 3).join(' | ').slice(0, 400),
        states: rows.map((r) => `${r.Service}: ${r.State}${r.Health ? ` (${r.Health})` : ''}`).join(', '),
        evidence,
        causes,
      },
    };
  }
}

export const STEP_TITLES: Record<Step, string> = {
  up: 'docker compose up -d --wait',
  health: '/api/v2/monitor/health',
  token: '/auth/token',
  dag: 'el DAG aparece en la API',
  run: 'la ejecución del DAG',
};

export function composeStackUnderTest(ex: Exercise, options: StackOptions): ComposeStack {
  return new ComposeStack(ex, options);
}

async function poll(seconds: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      /* connection refused while a service restarts: try again */
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; text: string; json?: unknown }> {
  try {
    const res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers: { Accept: 'application/json', ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  } catch (err) {
    return { status: 0, text: (err as Error).message };
  }
}


