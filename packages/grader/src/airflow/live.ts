// The live tier of exercise 04: the learner's DAG in a real Airflow (the kit's virtual
// environment), against the grader's fake Wikipedia. Everything happens once, in the live
// describe's `before`: a temporary AIRFLOW_HOME with a copy of a migrated SQLite database, a copy
// of `dags/`, the DagBag's import errors, `airflow dags test <dag> <date>` twice; the rubric lines
// then read the outcomes. Processes and folders are removed before `before` returns, also on
// failure; outgoing HTTP other than to the fake goes to a closed proxy port, so a DAG never
// reaches the real Wikipedia while it is graded.
//
//   const airflow = dagUnderTest(ex, { dagId: 'captura_wikipedia', date: '2025-01-15', title: 'Apache_Airflow' });
//   before(async function () { await airflow.run(this); });
//   it('…', function () { airflow.expectImported(this); });
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { failWith } from '../assert/failure.ts';
import type { Exercise } from '../catalog/exercise.ts';
import { reason } from '../messages/index.ts';
import type { Problem } from '../messages/problem.ts';
import { earlierTierFailures } from '../docker/tier.ts';
import { lackOf, skipWith, unmet } from '../live/skip.ts';
import { step } from '../live/progress.ts';
import { userAgentFlaw } from '../rules/dag.ts';
import { LockTimeout, lockFile, withLock } from '../system/lock.ts';
import { lastLines, run, type RunResult } from '../system/process.ts';
import { freePort } from '../system/net.ts';
import { startFakeWikipedia, type FakeOptions, type FakeRequest, type FakeWikipedia } from './fake.ts';
import { airflowDir, airflowEnv, type AirflowEnv } from './venv.ts';

export const DAGBAG_SCRIPT = path.resolve(import.meta.dirname, '../../python/dagbag.py');
const MIGRATE_TIMEOUT_MS = 3 * 60_000;
const DAGBAG_TIMEOUT_MS = 90_000;
const LOCK_WAIT_MS = 15 * 60_000;

export interface DagUnderTestOptions {
  dagId: string;
  /** The logical date of `airflow dags test`, `AAAA-MM-DD`. */
  date: string;
  /** The DAG file, relative to the submission (for messages). */
  file: string;
  /** `AIRFLOW_VAR_WIKIPEDIA_TITULO`. */
  title: string;
  /** Bound of one `airflow dags test`. */
  runTimeoutMs?: number;
  /** Options of the fake Wikipedia (the grader's own tests make it fail). */
  fake?: FakeOptions;
  /** Run only when the static lines before the live describe passed (default true). */
  afterStatic?: boolean;
}

export type Outcome = { ok: true } | { problem: Problem } | { skip: string };

export interface Results {
  imported?: Outcome;
  written?: Outcome;
  userAgent?: Outcome;
  idempotent?: Outcome;
}

/** Timings of the last run, for the kit's measurements. */
export interface Timings {
  migrateMs?: number;
  dagbagMs?: number;
  runsMs: number[];
}

export class DagUnderTest {
  private skipReason?: string;
  private error?: unknown;
  private results: Results = {};
  timings: Timings = { runsMs: [] };
  /** What the last run created (removed before `run` returns), for the grader's own tests. */
  created: { workDir?: string; fakePort?: number } = {};

  constructor(
    readonly exercise: Exercise,
    readonly options: DagUnderTestOptions,
  ) {}

  /** For the live describe's `before`. Records the outcomes; never throws. */
  async run(hook: Context): Promise<void> {
    const runTimeout = this.options.runTimeoutMs ?? 180_000;
    hook.timeout(LOCK_WAIT_MS + 25 * 60_000 + 2 * runTimeout + MIGRATE_TIMEOUT_MS + DAGBAG_TIMEOUT_MS);
    this.skipReason = this.error = undefined;
    this.results = {};
    this.timings = { runsMs: [] };
    try {
      if (this.options.afterStatic !== false && (await earlierTierFailures(hook)).length > 0) {
        this.skipReason = reason('airflow.skip.staticFailed');
        return;
      }
      this.skipReason = await unmet(['airflow']);
      if (this.skipReason) return;
      const env = await airflowEnv();
      if (typeof env === 'string') {
        this.skipReason = lackOf('airflow', env);
        return;
      }
      await withLock('airflow', `ejecutar el DAG del ejercicio ${this.exercise.number}`, () => this.runNow(env), { maxWaitMs: LOCK_WAIT_MS });
    } catch (err) {
      if (err instanceof LockTimeout) {
        this.skipReason = lackOf('airflow', reason('airflow.unavailable.lock', { minutes: Math.round(err.waitedMs / 60_000), holder: err.holder?.purpose, file: lockFile('airflow') }));
      } else this.error = err;
    }
  }

  private async runNow(env: AirflowEnv): Promise<void> {
    const { dagId, date, title, file } = this.options;
    const submission = this.exercise.submission;
    sweepStale();
    const work = mkdtempSync(path.join(os.tmpdir(), WORK_PREFIX));
    writeFileSync(path.join(work, 'pid'), String(process.pid));
    this.created = { workDir: work };
    let fake: FakeWikipedia | undefined;
    const s = step(`ejecutando el DAG ${dagId} en Airflow (${date})`);
    let ok = false;
    // Ctrl-C or a kill while Airflow runs (`finally` would not run): remove the folder and leave;
    // process.exit kills the process groups started by system/process.ts (Airflow, the fake).
    const onSignal = () => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const home = path.join(work, 'home');
      const dags = path.join(work, 'dags');
      const salida = path.join(work, 'salida');
      mkdirSync(home);
      mkdirSync(salida);
      cpSync(path.join(submission, path.dirname(file)), dags, { recursive: true, filter: (src) => !/(^|[\\/])(__pycache__|node_modules|\.git)$/.test(src) });
      await this.database(env, home);
      fake = await startFakeWikipedia({ ...this.options.fake, python: env.python });
      this.created.fakePort = fake.port;
      const vars = { url: fake.url, title, salida };
      const base = await airflowEnvironment(env, home, dags, vars);
      const hide = (text: string) => text.split(dags).join(path.dirname(file)).split(work).join('<temporal>');

      // 1. The DagBag, and nothing reaches the fake while the file is only imported.
      const started = Date.now();
      const bag = await run(env.python, [DAGBAG_SCRIPT, dags], { timeoutMs: DAGBAG_TIMEOUT_MS, env: base, processGroup: true, cwd: work });
      this.timings.dagbagMs = Date.now() - started;
      const imported = importOutcome(bag, file, dagId, hide, DAGBAG_TIMEOUT_MS);
      const atImport = pageRequests(await fake.requests());
      if ('ok' in imported && atImport.length > 0) {
        this.results.imported = { problem: { code: 'airflow.import.requests', at: { file }, params: { count: atImport.length, paths: atImport.map((r) => r.ruta).slice(0, 3).join(', ') } } };
      } else this.results.imported = imported;
      if (!('ok' in this.results.imported)) {
        const why = reason('airflow.skip.notImported');
        this.results.written = this.results.userAgent = this.results.idempotent = { skip: why };
        return;
      }

      // 2. The first run writes the page.
      const target = path.join(salida, title, `${date}.html`);
      const expected = `<salida>/${title}/${date}.html`;
      const first = await this.dagsTest(env, base, hide);
      const requests = pageRequests(await fake.requests());
      const page = await fake.page(title);
      this.results.written = first ?? writtenOutcome(file, salida, target, expected, page);

      // 3. The fake saw a descriptive User-Agent (judged on what reached it, whatever the run's end).
      if (requests.length === 0) {
        this.results.userAgent = first ? { skip: reason('airflow.skip.firstRun') } : { problem: { code: 'airflow.ua.none', at: { file }, params: { other: undefined } } };
      } else {
        const bad = requests.map((r) => ({ r, flaw: userAgentFlaw(r.user_agent) })).find((x) => x.flaw);
        this.results.userAgent = bad ? { problem: { code: 'airflow.ua.generic', at: { file }, params: { ua: bad.r.user_agent, flaw: bad.flaw } } } : { ok: true };
      }

      // 4. A second run of the same date leaves the same single file.
      if (!('ok' in this.results.written)) {
        this.results.idempotent = { skip: reason('airflow.skip.firstRun') };
        return;
      }
      const second = await this.dagsTest(env, base, hide);
      this.results.idempotent = second ?? idempotentOutcome(file, salida, target, expected, page, date);
      ok = true;
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      s.done(ok);
      await fake?.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }

  /** A copy of a migrated SQLite database (migrated once per environment, then reused). */
  private async database(env: AirflowEnv, home: string): Promise<void> {
    const template = path.join(airflowDir(), 'plantillas', createHash('sha256').update(env.venv).digest('hex').slice(0, 12));
    const db = path.join(template, 'airflow.db');
    if (!existsSync(db)) {
      const tmp = `${template}.${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      const started = Date.now();
      const r = await run(env.airflow, ['db', 'migrate'], {
        timeoutMs: MIGRATE_TIMEOUT_MS,
        processGroup: true,
        env: { ...cleanEnv(), AIRFLOW_HOME: tmp, AIRFLOW__CORE__LOAD_EXAMPLES: 'False', AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${path.join(tmp, 'airflow.db')}` },
      });
      this.timings.migrateMs = Date.now() - started;
      if (r.code !== 0 || !existsSync(path.join(tmp, 'airflow.db'))) {
        rmSync(tmp, { recursive: true, force: true });
        failWith({ code: 'airflow.migrate.failed', at: { file: this.options.file }, params: { exitCode: r.timedOut ? 'sin terminar' : r.code, tail: lastLines(`${r.stdout}\n${r.stderr}`, 6) } });
      }
      rmSync(template, { recursive: true, force: true });
      mkdirSync(path.dirname(template), { recursive: true });
      renameSync(tmp, template);
    }
    cpSync(db, path.join(home, 'airflow.db'));
  }

  /** `airflow dags test`: undefined when it succeeded, else the problem. Stops at the first retry. */
  private async dagsTest(env: AirflowEnv, base: NodeJS.ProcessEnv, hide: (t: string) => string): Promise<Outcome | undefined> {
    const { dagId, date, file } = this.options;
    const timeoutMs = this.options.runTimeoutMs ?? 180_000;
    const controller = new AbortController();
    let retryTask: string | undefined;
    const started = Date.now();
    const r = await run(env.airflow, ['dags', 'test', dagId, date], {
      timeoutMs,
      env: base,
      processGroup: true,
      signal: controller.signal,
      onLine: (line) => {
        // `dags test` waits out retry_delay (minutes) before retrying: the outcome is known now.
        const m = /new_state=up_for_retry/.test(line) || /\[up_for_retry\]/.test(line) ? /task_id=(\w+)/.exec(line) : null;
        if (/new_state=up_for_retry|\[up_for_retry\]/.test(line)) {
          retryTask ??= m?.[1] ?? '';
          controller.abort();
        }
      },
    });
    this.timings.runsMs.push(Date.now() - started);
    const output = hide(`${r.stdout}\n${r.stderr}`);
    const cause = likelyCause(output, this.options.title);
    const traceback = tracebackTail(output);
    if (retryTask !== undefined) {
      return { problem: { code: 'airflow.run.retry', at: { file, line: learnerLine(output, file) }, params: { task: retryTask || taskOf(output) || '?', cause: cause?.text, fix: cause?.fix, tail: traceback } } };
    }
    if (r.timedOut) return { problem: { code: 'airflow.run.timeout', at: { file }, params: { dagId, date, seconds: Math.round(timeoutMs / 1000), tail: lastLines(output, 6) } } };
    const finished = /DagRun Finished:.*?state=(\w+)/.exec(output)?.[1];
    if (r.code !== 0 || (finished && finished !== 'success')) {
      return { problem: { code: 'airflow.run.failed', at: { file, line: learnerLine(output, file) }, params: { dagId, date, exitCode: r.code, state: finished, cause: cause?.text, fix: cause?.fix, tail: traceback.length ? traceback : lastLines(output, 6) } } };
    }
    return undefined;
  }

  /** For the live describe's `after`: nothing is left by `run`; this only forgets the outcomes. */
  async cleanup(): Promise<void> {
    this.results = {};
  }

  /** What `run` found, for the grader's own tests: a skip reason, or the outcome of each line. */
  get outcomes(): { skip?: string; error?: unknown } & Results {
    return { skip: this.skipReason, error: this.error, ...this.results };
  }

  expectImported(ctx: Context): void {
    this.expect(ctx, this.results.imported);
  }

  expectWritten(ctx: Context): void {
    this.expect(ctx, this.results.written);
  }

  expectUserAgent(ctx: Context): void {
    this.expect(ctx, this.results.userAgent);
  }

  expectIdempotent(ctx: Context): void {
    this.expect(ctx, this.results.idempotent);
  }

  private expect(ctx: Context, outcome: Outcome | undefined): void {
    if (this.error) throw this.error;
    if (this.skipReason) skipWith(ctx, this.skipReason);
    if (!outcome) throw new Error('the Airflow live tier did not run: call `await airflow.run(this)` in the describe\'s `before`');
    if ('skip' in outcome) skipWith(ctx, outcome.skip);
    if ('problem' in outcome) failWith(outcome.problem);
  }
}

export function dagUnderTest(exercise: Exercise, options: DagUnderTestOptions): DagUnderTest {
  return new DagUnderTest(exercise, options);
}

// ------------------------------------------------------------------------------------ helpers

const WORK_PREFIX = 'taller-airflow-';

/**
 * Removes the folders of runs whose grader died without cleaning up (killed with SIGKILL, or
 * interrupted under npm, which may end it before its signal handlers run).
 */
function sweepStale(): void {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(WORK_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let pid: number;
    try {
      pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
    } catch {
      continue; // being created, or not ours
    }
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The grader's environment without the learner's own Airflow settings (their database!). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AIRFLOW|PYTHONPATH$|PYTHONHOME$|VIRTUAL_ENV$|https?_proxy$|HTTPS?_PROXY$|no_proxy$|NO_PROXY$|ALL_PROXY$|all_proxy$)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

async function airflowEnvironment(env: AirflowEnv, home: string, dags: string, vars: { url: string; title: string; salida: string }): Promise<NodeJS.ProcessEnv> {
  // Nothing listens on this port: any request that is not for the fake fails at once.
  const closed = `http://127.0.0.1:${await freePort()}`;
  return {
    ...cleanEnv(),
    PATH: `${path.dirname(env.airflow)}${path.delimiter}${process.env.PATH ?? ''}`,
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    AIRFLOW__CORE__DAGS_FOLDER: dags,
    AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT: '30',
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${path.join(home, 'airflow.db')}`,
    AIRFLOW_VAR_WIKIPEDIA_BASE_URL: vars.url,
    AIRFLOW_VAR_WIKIPEDIA_TITULO: vars.title,
    AIRFLOW_VAR_WIKIPEDIA_SALIDA: vars.salida,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    NO_COLOR: '1',
  };
}

const pageRequests = (rs: FakeRequest[]) => rs.filter((r) => r.ruta !== '/_peticiones');

function importOutcome(r: RunResult, file: string, dagId: string, hide: (t: string) => string, timeoutMs: number): Outcome {
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.timedOut) return { problem: { code: 'airflow.import.timeout', at: { file }, params: { seconds: timeoutMs / 1000, tail: lastLines(hide(out), 4) } } };
  const line = out.split('\n').find((l) => l.startsWith('@@DAGBAG@@'));
  if (!line) throw new Error(`dagbag.py failed (code ${r.code}): ${lastLines(out, 5).join(' | ')}`);
  const bag = JSON.parse(line.slice('@@DAGBAG@@'.length)) as { errors: Record<string, string>; dag_ids: string[] };
  const errors = Object.entries(bag.errors);
  if (errors.length > 0) {
    const [where, trace] = errors.find(([f]) => f.endsWith(path.basename(file))) ?? errors[0]!;
    const shown = path.join(path.dirname(file), path.basename(where));
    return { problem: { code: 'airflow.import.errors', at: { file: shown, line: learnerLine(hide(trace), shown) }, params: { file: shown, tail: tracebackTail(hide(trace), `${path.dirname(file)}/`) } } };
  }
  if (!bag.dag_ids.includes(dagId)) {
    return { problem: { code: 'airflow.import.noDag', at: { file }, params: { dagId, found: bag.dag_ids.map((d) => `\`${d}\``).join(', ') || undefined } } };
  }
  return { ok: true };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk('');
  return out.sort();
}

function writtenOutcome(file: string, salida: string, target: string, expected: string, page: Buffer): Outcome {
  if (!existsSync(target) || !statSync(target).isFile()) {
    const found = filesUnder(salida).map((f) => `\`<salida>/${f}\``).slice(0, 6).join(', ');
    return { problem: { code: 'airflow.write.missing', at: { file }, params: { expected, found: found || undefined } } };
  }
  const got = readFileSync(target);
  if (!got.equals(page)) return { problem: { code: 'airflow.write.content', at: { file }, params: { expected, got: got.length, size: page.length, detail: got.length === 0 ? 'el archivo está vacío' : undefined } } };
  return { ok: true };
}

function idempotentOutcome(file: string, salida: string, target: string, expected: string, page: Buffer, date: string): Outcome {
  const files = filesUnder(salida);
  const rel = path.relative(salida, target).split(path.sep).join('/');
  if (files.length !== 1 || files[0] !== rel) {
    return { problem: { code: 'airflow.idempotent.files', at: { file }, params: { date, count: files.length, found: files.map((f) => `\`<salida>/${f}\``).slice(0, 6).join(', '), expected } } };
  }
  const got = readFileSync(target);
  if (!got.equals(page)) {
    const doubled = got.length === 2 * page.length && got.equals(Buffer.concat([page, page]));
    return { problem: { code: 'airflow.idempotent.content', at: { file }, params: { date, expected, got: got.length, size: page.length, doubled } } };
  }
  return { ok: true };
}

/** The last Python traceback of a log, without Airflow's log prefixes: the learner's frames and the error. */
export function tracebackTail(output: string, learnerDir = 'dags/'): string[] {
  const lines = output.split(/\r?\n/);
  const start = lines.map((l) => /Traceback \(most recent call last\)/.test(l)).lastIndexOf(true);
  if (start < 0) return lastLines(lines.filter((l) => /\[error|Error|Exception/.test(l)).join('\n'), 4);
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\d{4}-\d\d-\d\dT/.test(l) || /^\[\d{4}-/.test(l)) break;
    if (l.trim() && !/^\s*[~^]+\s*$/.test(l)) block.push(l.trimEnd());
  }
  const frames: string[] = [];
  let i = 0;
  for (; i < block.length && /^\s/.test(block[i]!); i++) {
    if (/^\s*File "/.test(block[i]!) && block[i]!.includes(`"${learnerDir}`)) {
      frames.push(block[i]!);
      if (block[i + 1] && /^\s{4}/.test(block[i + 1]!) && !/^\s*File "/.test(block[i + 1]!)) frames.push(block[++i]!);
    }
  }
  const error = block.slice(i).slice(0, 3);
  return frames.length ? [...frames.slice(-4), ...error] : [...block.slice(0, i).slice(-2), ...error];
}

/** The learner's line in a traceback: its last frame in their file. */
function learnerLine(trace: string, file: string): number | undefined {
  const n = [...trace.matchAll(new RegExp(`File "${escapeRe(file)}", line (\\d+)`, 'g'))].pop()?.[1];
  return n ? Number(n) : undefined;
}

function taskOf(output: string): string | undefined {
  return /task_id=(\w+)/.exec(output)?.[1];
}

/** Why a run failed, in the learner's terms: the HTTP answer of the fake, a refused connection… */
export function likelyCause(output: string, title: string): { text: string; fix?: string } | undefined {
  const status = Number(
    /HTTP Error (\d{3})/.exec(output)?.[1] ??
      /\b(\d{3}) (?:Client|Server) Error/.exec(output)?.[1] ??
      /(?:Client|Server) error '(\d{3})/.exec(output)?.[1] ??
      /HTTPStatusError.*?\b(\d{3})\b/.exec(output)?.[1] ??
      NaN,
  );
  if (status === 404) {
    return {
      text: `la Wikipedia falsa respondió 404: la página «${title}» no existe`,
      fix: `Un 404 no se arregla reintentando: comprueba la ruta (\`/w/rest.php/v1/page/{titulo}/html\`) y que el título sale de la Variable \`wikipedia_titulo\` (el corrector la pone a \`${title}\`). Lo correcto ante un 404 es fallar sin reintentos (\`AirflowFailException\`).`,
    };
  }
  if (status === 429 || (status >= 500 && status <= 599)) {
    return {
      text: `la Wikipedia falsa respondió ${status} (un error pasajero del servidor)`,
      fix: 'Tu tarea hizo lo correcto al fallar para que Airflow la reintente tras `retry_delay`; el corrector no espera a los reintentos. Si ves esto al corregir normalmente, vuelve a intentarlo.',
    };
  }
  if (status === 403) return { text: 'la Wikipedia falsa respondió 403', fix: 'Envía tu User-Agent descriptivo en la cabecera de la petición.' };
  if (!Number.isNaN(status)) return { text: `la Wikipedia falsa respondió ${status}` };
  if (/ProxyError|Tunnel connection failed|Connection refused|ConnectionRefusedError|Errno 111|urlopen error/.test(output)) {
    return {
      text: 'la tarea intentó conectar con otro servidor que la Wikipedia falsa (el corrector no deja salir a Internet)',
      fix: 'Construye la URL con la Variable `wikipedia_base_url` (el corrector la apunta a su Wikipedia falsa), no con una dirección fija.',
    };
  }
  if (/KeyError: 'Variable wikipedia_\w+ does not exist'|Variable \w+ does not exist/.test(output)) {
    return { text: 'se leyó una Variable que no existe', fix: 'Lee `wikipedia_base_url`, `wikipedia_titulo` y `wikipedia_salida` con esos nombres exactos y con su valor por defecto.' };
  }
  if (/PermissionError|Read-only file system/.test(output)) return { text: 'no se pudo escribir en la carpeta de salida', fix: 'Escribe dentro de la carpeta de la Variable `wikipedia_salida`.' };
  return undefined;
}
