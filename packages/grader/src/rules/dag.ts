// Rules for an Airflow 3 DAG file (exercise 04), judged on the facts that
// `packages/grader/python/analiza_dag.py` reads with Python's own parser. One function per rubric
// line; each returns the problems it finds, pointing at `dags/…py:LINE`.
import type { Problem } from '../messages/problem.ts';

/** An expression as the analysis script describes it. */
export interface Expr {
  t: 'str' | 'fstr' | 'num' | 'bool' | 'none' | 'call' | 'dict' | 'list' | 'name' | 'attr' | 'other';
  line?: number;
  col?: number;
  v?: string | number | boolean;
  /** call: the qualified callee (import aliases resolved). */
  f?: string | null;
  args?: Expr[];
  kw?: Record<string, Expr>;
  items?: Record<string, Expr> | Expr[];
  id?: string;
  q?: string | null;
  resolved?: Expr;
  src?: string;
}

interface Where {
  line: number;
  col: number;
  function: string | null;
  /** Runs when the file is imported (module level, a @dag body, a decorator, a default value). */
  atImport: boolean;
}

export interface DagFacts {
  /** The file, relative to the submission (`dags/captura_wikipedia.py`). */
  file: string;
  imports: { line: number; col: number; module: string; names: string[] }[];
  dags: { line: number; col: number; where: 'decorator' | 'call' | 'with'; function: string | null; decoratorLine?: number; args: Expr[]; kw: Record<string, Expr> }[];
  tasks: { line: number; col: number; name: string; decorator: string | null; kw: Record<string, Expr>; params: string[] }[];
  calls: (Where & { q: string | null; attr: string | null; src: string })[];
  variables: (Where & { key: string | null; default: Expr | null })[];
  templates: (Where & { kind: 'var'; key: string; default: string | null; hasDefault: boolean; text: string })[];
  names: (Where & { name: string; how: 'param' | 'name' | 'attr' | 'key' | 'template' })[];
  /** `sent`: the header reaches a call (`headers=…`, `Request(…)`, `add_header`); a USER_AGENT name alone is not sent. */
  userAgents: (Where & { how: string; value: string | null; src: string; sent: boolean })[];
  dagCalls: { line: number; col: number; function: string }[];
  /** File operations; `inTask`: in a task or a local function a task calls. */
  writes: (FileOp & { how: string; mode: string | null; target: string; tmp: boolean })[];
  renames: (FileOp & { dest: string; originTmp: boolean })[];
  temps: (FileOp & { q: string; dir: string | null; dirTmp: boolean })[];
  /** Wall-clock calls (`pendulum.now()`) whose value reaches a file path. */
  clockPaths: { line: number; col: number; src: string; path: string; function: string | null }[];
}

type FileOp = Where & { src: string; inTask: boolean };

export const DAG_ID = 'captura_wikipedia';
/** The Variables of the curriculum and their defaults. */
export const VARIABLES: Record<string, string> = {
  wikipedia_base_url: 'https://es.wikipedia.org',
  wikipedia_titulo: 'Apache_Airflow',
  wikipedia_salida: '/opt/airflow/capturas',
};

const at = (f: DagFacts, line?: number, col?: number) => ({ file: f.file, line, col });

/** Follows names to the module-level value they were given. */
export function value(e: Expr | undefined | null): Expr | undefined {
  let cur = e ?? undefined;
  for (let i = 0; cur && cur.t === 'name' && cur.resolved && i < 8; i++) cur = cur.resolved;
  return cur;
}

const text = (e: Expr | undefined | null): string | undefined => {
  const v = value(e);
  return v && (v.t === 'str' || v.t === 'fstr') ? String(v.v) : undefined;
};

const source = (e: Expr | undefined | null): string => {
  const v = e ?? undefined;
  if (!v) return '';
  if (v.src) return v.src;
  if (v.t === 'str') return JSON.stringify(v.v);
  if (v.t === 'num' || v.t === 'bool') return v.t === 'bool' ? (v.v ? 'True' : 'False') : String(v.v);
  if (v.t === 'none') return 'None';
  if (v.t === 'name') return v.id ?? '';
  return '…';
};

const lastPart = (q: string | null | undefined) => (q ?? '').split('.').pop() ?? '';

/** The DAG definition the rubric judges: the one whose id is ours, else the first one. */
export function mainDag(f: DagFacts) {
  return f.dags.find((d) => dagId(d) === DAG_ID) ?? f.dags[0];
}

function dagId(d: DagFacts['dags'][number]): string | undefined {
  const given = text(d.kw.dag_id) ?? (d.where !== 'decorator' ? text(d.args[0]) : undefined);
  return given ?? (d.where === 'decorator' ? (d.function ?? undefined) : undefined);
}

/** An argument of the DAG, or of its `default_args` (a dict literal or a module-level name). */
function dagArg(f: DagFacts, name: string): { expr: Expr; inDefaults: boolean } | undefined {
  const d = mainDag(f);
  if (!d) return undefined;
  if (d.kw[name]) return { expr: d.kw[name], inDefaults: false };
  const defaults = value(d.kw.default_args);
  if (defaults?.t === 'dict' && !Array.isArray(defaults.items) && defaults.items?.[name]) return { expr: defaults.items[name], inDefaults: true };
  if (defaults?.t === 'call' && lastPart(defaults.f) === 'dict' && defaults.kw?.[name]) return { expr: defaults.kw[name], inDefaults: true };
  return undefined;
}

function noDag(f: DagFacts): Problem[] {
  return [{ code: 'dag.none', at: at(f, 1), params: { file: f.file } }];
}

// ------------------------------------------------------------------------------------------ lines

/** `from airflow.sdk import …`, and no Airflow 2 authoring imports. */
export function sdkImports(f: DagFacts): Problem[] {
  const problems: Problem[] = [];
  const LEGACY: [RegExp, string][] = [
    [/^airflow\.decorators$/, 'from airflow.sdk import dag, task'],
    [/^airflow\.models(\.dag|\.variable)?$/, 'from airflow.sdk import DAG, Variable'],
    [/^airflow$/, 'from airflow.sdk import DAG'],
    [/^airflow\.operators\.python(_operator)?$/, 'from airflow.sdk import task (o `from airflow.providers.standard.operators.python import PythonOperator`)'],
    [/^airflow\.utils\.dates$/, 'pendulum.datetime(2025, 1, 1, tz="UTC") (days_ago ya no existe)'],
  ];
  for (const imp of f.imports) {
    const legacy = LEGACY.find(([re]) => re.test(imp.module));
    if (!legacy) continue;
    if (imp.module === 'airflow' && !imp.names.some((n) => n === 'DAG')) continue;
    if (/^airflow\.models/.test(imp.module) && imp.names.length > 0 && !imp.names.some((n) => ['DAG', 'Variable', 'dag', 'variable'].includes(n))) continue;
    problems.push({ code: 'dag.import.legacy', at: at(f, imp.line, imp.col), params: { module: imp.module, names: imp.names.join(', '), instead: legacy[1] } });
  }
  const sdk = f.imports.find((i) => i.module === 'airflow.sdk');
  if (!sdk) problems.unshift({ code: 'dag.import.sdkMissing', at: at(f, f.imports[0]?.line ?? 1) });
  return problems;
}

/** The DAG exists with `dag_id="captura_wikipedia"`. */
export function dagIdIs(f: DagFacts, expected = DAG_ID): Problem[] {
  if (f.dags.length === 0) return noDag(f);
  const d = mainDag(f)!;
  const id = dagId(d);
  if (id !== expected) {
    return [{ code: 'dag.id.wrong', at: at(f, d.kw.dag_id?.line ?? d.decoratorLine ?? d.line), params: { found: id, expected, how: d.where, func: d.function } }];
  }
  if (d.where === 'decorator' && d.function && !f.dagCalls.some((c) => c.function === d.function)) {
    return [{ code: 'dag.id.notCalled', at: at(f, d.line), params: { func: d.function } }];
  }
  return [];
}

const DAILY_CRON = /^\s*(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+\*\s*$/;

function isDaily(e: Expr | undefined): boolean {
  const v = value(e);
  if (!v) return false;
  if (v.t === 'str') {
    const cron = DAILY_CRON.exec(String(v.v));
    return v.v === '@daily' || v.v === '@midnight' || (cron !== null && Number(cron[1]) <= 59 && Number(cron[2]) <= 23);
  }
  if (v.t !== 'call') return false;
  const callee = lastPart(v.f);
  if (callee === 'timedelta' || callee === 'duration') return durationSeconds(v) === 86400;
  // Timetables: CronTriggerTimetable("0 0 * * *", timezone=…), DeltaTriggerTimetable(timedelta(days=1))…
  if (/Timetable$/.test(callee)) return isDaily(v.args?.[0] ?? v.kw?.cron ?? v.kw?.delta);
  return false;
}

/** Seconds in `timedelta(…)`/`pendulum.duration(…)` with literal numbers (a missing one counts 0). */
function durationSeconds(v: Expr): number {
  const kw = v.kw ?? {};
  const n = (k: string) => {
    const x = value(kw[k]);
    return x?.t === 'num' ? Number(x.v) : 0;
  };
  const first = value(v.args?.[0]);
  return (first?.t === 'num' ? Number(first.v) * 86400 : 0) + n('days') * 86400 + n('hours') * 3600 + n('minutes') * 60 + n('seconds') + n('weeks') * 604800;
}

/** A retry delay of nothing: `timedelta(0)`, `timedelta(minutes=0)`, `0`. */
function zeroDelay(e: Expr): boolean {
  const v = value(e);
  if (v?.t === 'num') return Number(v.v) <= 0;
  if (v?.t !== 'call' || !['timedelta', 'duration'].includes(lastPart(v.f))) return false;
  // Only when every argument is a literal number: `timedelta(minutes=espera)` cannot be judged.
  const args = [...(v.args ?? []), ...Object.values(v.kw ?? {})];
  return args.every((a) => value(a)?.t === 'num') && durationSeconds(v) <= 0;
}

/** A daily schedule; `schedule_interval` is Airflow 2. */
export function dailySchedule(f: DagFacts): Problem[] {
  const d = mainDag(f);
  if (!d) return noDag(f);
  if (d.kw.schedule_interval) return [{ code: 'dag.schedule.interval', at: at(f, d.kw.schedule_interval.line, d.kw.schedule_interval.col), params: { src: source(d.kw.schedule_interval) } }];
  const s = d.kw.schedule;
  if (!s) return [{ code: 'dag.schedule.missing', at: at(f, d.decoratorLine ?? d.line) }];
  if (!isDaily(s)) return [{ code: 'dag.schedule.notDaily', at: at(f, s.line, s.col), params: { src: source(s) } }];
  return [];
}

/** A fixed, timezone-aware `start_date`. */
export function fixedAwareStart(f: DagFacts): Problem[] {
  const d = mainDag(f);
  if (!d) return noDag(f);
  const found = dagArg(f, 'start_date');
  if (!found) return [{ code: 'dag.start.missing', at: at(f, d.decoratorLine ?? d.line) }];
  const e = value(found.expr)!;
  const where = at(f, found.expr.line, found.expr.col);
  const src = source(found.expr);
  if (e.t !== 'call') return [{ code: 'dag.start.unknown', at: where, params: { src } }];
  const callee = e.f ?? '';
  const name = lastPart(callee);
  if (/(^|\.)(now|today|utcnow|yesterday|days_ago)$/.test(callee) || /\b(now|today|utcnow|days_ago)\(/.test(e.src ?? '')) {
    return [{ code: 'dag.start.dynamic', at: where, params: { src } }];
  }
  if (/^pendulum(\.\w+)*\.(datetime|parse|instance)$/.test(callee) || /^pendulum\.DateTime$/.test(callee)) {
    const tz = e.kw?.tz ?? e.args?.[7];
    if (tz && value(tz)?.t === 'none') return [{ code: 'dag.start.naive', at: where, params: { src, how: 'pendulum' } }];
    return [];
  }
  if (/(^|\.)timezone\.datetime$/.test(callee)) return []; // airflow.sdk.timezone.datetime: UTC by default
  if (name === 'datetime') {
    const tz = e.kw?.tzinfo ?? e.args?.[7];
    if (!tz || value(tz)?.t === 'none') return [{ code: 'dag.start.naive', at: where, params: { src, how: 'datetime' } }];
    return [];
  }
  return [{ code: 'dag.start.unknown', at: where, params: { src } }];
}

/** `catchup=False`, written out. */
export function catchupFalse(f: DagFacts): Problem[] {
  const d = mainDag(f);
  if (!d) return noDag(f);
  const c = d.kw.catchup;
  if (!c) return [{ code: 'dag.catchup.missing', at: at(f, d.decoratorLine ?? d.line) }];
  const v = value(c);
  if (v?.t === 'bool' && v.v === false) return [];
  return [{ code: 'dag.catchup.notFalse', at: at(f, c.line, c.col), params: { src: source(c) } }];
}

const number = (e: Expr | undefined): number | undefined => {
  const v = value(e);
  return v?.t === 'num' ? Number(v.v) : undefined;
};

/** retries ≥ 2 and a retry_delay, from `default_args` or on every task. */
export function retriesWithDelay(f: DagFacts, min = 2): Problem[] {
  const d = mainDag(f);
  if (!d) return noDag(f);
  const problems: Problem[] = [];
  const dagRetries = dagArg(f, 'retries');
  const dagDelay = dagArg(f, 'retry_delay');
  const targets = f.tasks.length > 0 ? f.tasks : [undefined];
  for (const t of targets) {
    const retries = t?.kw.retries ?? dagRetries?.expr;
    const delay = t?.kw.retry_delay ?? dagDelay?.expr;
    const place = t ? `la tarea \`${t.name}\`` : 'el DAG';
    if (!retries) problems.push({ code: 'dag.retries.missing', at: at(f, t?.line ?? d.decoratorLine ?? d.line), params: { place } });
    else {
      const n = number(retries);
      if (n === undefined) problems.push({ code: 'dag.retries.unknown', at: at(f, retries.line, retries.col), params: { src: source(retries), min } });
      else if (n < min) problems.push({ code: 'dag.retries.few', at: at(f, retries.line, retries.col), params: { n, min, place } });
    }
    if (!delay) problems.push({ code: 'dag.retryDelay.missing', at: at(f, t?.line ?? d.decoratorLine ?? d.line), params: { place } });
    else if (value(delay)?.t === 'none') problems.push({ code: 'dag.retryDelay.missing', at: at(f, delay.line, delay.col), params: { place } });
    else if (zeroDelay(delay)) problems.push({ code: 'dag.retryDelay.zero', at: at(f, delay.line, delay.col), params: { place, src: source(delay) } });
  }
  return problems;
}

/** `tags` includes the given tag. */
export function hasTag(f: DagFacts, tag = 'wikipedia'): Problem[] {
  const d = mainDag(f);
  if (!d) return noDag(f);
  const tags = d.kw.tags;
  if (!tags) return [{ code: 'dag.tags.missing', at: at(f, d.decoratorLine ?? d.line), params: { tag } }];
  const v = value(tags);
  const list = v?.t === 'list' && Array.isArray(v.items) ? v.items.map((e) => text(e)) : [];
  if (list.includes(tag)) return [];
  return [{ code: 'dag.tags.without', at: at(f, tags.line, tags.col), params: { tag, src: source(tags) || list.join(', ') } }];
}

const CONTACT = /[\w.+-]+@[\w-]+(\.[\w-]+)+|https?:\/\/[^\s;)]+/i;
const GENERIC = /^\s*(python-requests|python-urllib|python-httpx|httpx|aiohttp|urllib3|curl|wget|mozilla\/5\.0|axios|okhttp|java|go-http-client|airflow)\b/i;

/** Why a User-Agent is not good enough, or undefined when it is. */
export function userAgentFlaw(ua: string): 'empty' | 'generic' | 'noContact' | 'noProduct' | undefined {
  if (!ua.trim()) return 'empty';
  if (GENERIC.test(ua) && !/^\s*airflow[-\w]*\/[\w.]+\s*\(/i.test(ua)) return 'generic';
  if (!/^\s*[\w.-]+\/[\w.-]+/.test(ua) && !/^\s*[\w.-]{3,}\s*\(/.test(ua)) return 'noProduct';
  if (!CONTACT.test(ua)) return 'noContact';
  return undefined;
}

/** A descriptive User-Agent with a way to contact its owner. */
export function descriptiveUserAgent(f: DagFacts): Problem[] {
  if (f.userAgents.length === 0) return [{ code: 'dag.ua.missing', at: at(f, mainDag(f)?.line ?? 1) }];
  const sent = f.userAgents.filter((u) => u.sent);
  if (sent.length === 0) {
    const u = f.userAgents[0]!;
    return [{ code: 'dag.ua.notSent', at: at(f, u.line, u.col), params: { src: u.src, ua: u.value } }];
  }
  // A header given a parameter cannot be read here: judge the values the file defines instead.
  const candidates = sent.some((u) => u.value !== null) ? sent : f.userAgents;
  const judged = candidates.map((u) => ({ u, flaw: u.value === null ? ('unknown' as const) : userAgentFlaw(u.value) }));
  if (judged.some((j) => j.flaw === undefined)) return [];
  // Report the first one with a known value; a value that cannot be read is reported last.
  const first = judged.find((j) => j.flaw !== 'unknown') ?? judged[0]!;
  const codes = { unknown: 'dag.ua.unknown', empty: 'dag.ua.empty', generic: 'dag.ua.generic', noProduct: 'dag.ua.noProduct', noContact: 'dag.ua.noContact' } as const;
  const code = codes[first.flaw!];
  return [{ code, at: at(f, first.u.line, first.u.col), params: { ua: first.u.value, src: first.u.src } }];
}

const NETWORK = /^(requests|httpx|urllib3|aiohttp|http\.client|socket|urllib\.request|pycurl)(\.|\(|$)/;
const FILES_Q = /^(open|builtins\.open|io\.open|os\.(makedirs|mkdir|remove|unlink|rename|replace|rmdir|open|fdopen|chmod|truncate|symlink|link)|shutil\.\w+|tempfile\.\w+|pathlib\.Path\(\)\.\w+)$/;
const FILES_ATTR = new Set(['write_text', 'write_bytes', 'mkdir', 'touch', 'unlink', 'rmdir', 'rename', 'replace', 'open']);

/** What a call reaches: network, files or Airflow Variables (undefined when none). */
export function callReach(q: string | null, attr: string | null): 'network' | 'file' | 'variable' | undefined {
  if (q && NETWORK.test(q)) return 'network';
  if (q && (q === 'Variable.get' || q === 'Variable.set' || /\.Variable\.(get|set)$/.test(q))) return 'variable';
  if (q && FILES_Q.test(q)) return 'file';
  if (!q && attr && FILES_ATTR.has(attr)) return 'file';
  if (q && /(^|\.)Path\(\)\.(write_text|write_bytes|mkdir|touch|unlink|open|rmdir|rename|replace)$/.test(q)) return 'file';
  return undefined;
}

/** Nothing touches the network, files or Variables when the file is imported. */
export function nothingAtImport(f: DagFacts): Problem[] {
  const problems: Problem[] = [];
  for (const c of f.calls) {
    if (!c.atImport) continue;
    const reach = callReach(c.q, c.attr);
    if (!reach) continue;
    problems.push({ code: `dag.atImport.${reach}`, at: at(f, c.line, c.col), params: { src: c.src, func: c.function } });
  }
  return problems;
}

/** The three Variables, read inside the task (or in `{{ var.value.get(…) }}`), with the curriculum's defaults. */
export function variablesInTask(f: DagFacts, expected: Record<string, string> = VARIABLES): Problem[] {
  const problems: Problem[] = [];
  for (const [key, def] of Object.entries(expected)) {
    const reads = f.variables.filter((v) => v.key === key);
    const templates = f.templates.filter((t) => t.key === key);
    if (reads.length === 0 && templates.length === 0) {
      const similar = f.variables.find((v) => v.key && v.key.toLowerCase().replace(/[^a-z]/g, '') === key.replace(/_/g, ''));
      problems.push({ code: 'dag.var.missing', at: at(f, similar?.line ?? mainDag(f)?.line ?? 1), params: { key, def, found: similar?.key } });
      continue;
    }
    for (const r of reads) {
      if (r.atImport) {
        problems.push({ code: 'dag.var.atImport', at: at(f, r.line, r.col), params: { key, func: r.function } });
        continue;
      }
      const given = r.default ? text(r.default) : undefined;
      if (!r.default) problems.push({ code: 'dag.var.noDefault', at: at(f, r.line, r.col), params: { key, def } });
      else if (given !== def) problems.push({ code: 'dag.var.wrongDefault', at: at(f, r.default.line ?? r.line, r.default.col), params: { key, def, found: given ?? source(r.default) } });
    }
    for (const t of templates) {
      if (!t.hasDefault) problems.push({ code: 'dag.var.templateNoDefault', at: at(f, t.line, t.col), params: { key, def, text: t.text } });
      else if (t.default !== def) problems.push({ code: 'dag.var.wrongDefault', at: at(f, t.line, t.col), params: { key, def, found: t.default } });
    }
  }
  return problems;
}

const INTERVAL_NAMES = new Set(['data_interval_end', 'data_interval_start', 'next_ds', 'next_ds_nodash', 'next_execution_date']);
const REMOVED_NAMES = new Set(['execution_date', 'next_ds', 'next_ds_nodash', 'next_execution_date', 'prev_ds', 'prev_ds_nodash', 'prev_execution_date']);
const LOGICAL_NAMES = new Set(['ds', 'ds_nodash', 'logical_date']);

/** The output path comes from the logical date (`ds`), never from data intervals or `next_ds`. */
export function pathFromLogicalDate(f: DagFacts): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const n of f.names) {
    if (!INTERVAL_NAMES.has(n.name) && !REMOVED_NAMES.has(n.name)) continue;
    const key = `${n.name}:${n.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ code: REMOVED_NAMES.has(n.name) ? 'dag.date.removed' : 'dag.date.interval', at: at(f, n.line, n.col), params: { name: n.name } });
  }
  if (problems.length > 0) return problems;
  const clock = f.clockPaths[0];
  if (clock) return [{ code: 'dag.date.clock', at: at(f, clock.line, clock.col), params: { src: clock.src, path: clock.path } }];
  if (!f.names.some((n) => LOGICAL_NAMES.has(n.name) && !n.atImport)) return [{ code: 'dag.date.noDs', at: at(f, f.tasks[0]?.line ?? mainDag(f)?.line ?? 1) }];
  return [];
}

/**
 * The capture is written atomically: into a temporary file of the destination's folder, then
 * renamed over the final name (os.replace, Path.replace…). Never appended, never written in
 * place, never staged in /tmp (another file system: the rename would copy, or fail).
 */
export function atomicWrite(f: DagFacts): Problem[] {
  const run = <T extends FileOp>(ops: T[]) => ops.filter((o) => !o.atImport && o.inTask);
  const [writes, renames, temps] = [run(f.writes), run(f.renames), run(f.temps)];
  const where = (o?: { line: number; col: number }) => at(f, o?.line ?? f.tasks[0]?.line ?? mainDag(f)?.line ?? 1, o?.col);
  const append = writes.find((w) => w.mode?.includes('a'));
  if (append) return [{ code: 'dag.write.append', at: where(append), params: { src: append.src } }];
  const final = writes.find((w) => w.how !== 'fdopen' && renames.some((r) => r.dest === w.target));
  if (final) return [{ code: 'dag.write.final', at: where(final), params: { src: final.src, target: final.target } }];
  if (renames.length === 0) return [{ code: 'dag.write.notAtomic', at: where(writes[0]), params: { src: writes[0]?.src } }];
  const elsewhere = temps.find((t) => t.dir === null || t.dirTmp) ?? writes.find((w) => w.tmp) ?? renames.find((r) => r.originTmp);
  if (elsewhere) return [{ code: 'dag.write.tempElsewhere', at: where(elsewhere), params: { src: elsewhere.src } }];
  return [];
}
