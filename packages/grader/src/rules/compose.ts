// Rules for exercise 03's Compose file (Airflow 3, LocalExecutor, Postgres). Each returns the
// problems it finds, located at the line where the value is written — for a field a service
// inherits from `x-airflow-common`, the anchor's line — with the service's field path.
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from '../parse/location.ts';
import type { ComposeFile } from '../compose/model.ts';
import { interpolate, type Reference } from '../compose/interpolate.ts';
import { anchorOf, mergedAnchors } from '../compose/parse.ts';
import { suggest } from '../schema/suggest.ts';

export const AIRFLOW_INIT = 'airflow-init';
/** The long-running Airflow services and the subcommand each runs. */
export const AIRFLOW_COMMANDS: Record<string, string> = {
  'airflow-apiserver': 'api-server',
  'airflow-scheduler': 'scheduler',
  'airflow-dag-processor': 'dag-processor',
  'airflow-triggerer': 'triggerer',
};
export const RUNNING = Object.keys(AIRFLOW_COMMANDS);
export const AIRFLOW = [AIRFLOW_INIT, ...RUNNING];
export const REQUIRED_SERVICES = ['postgres', ...AIRFLOW];
export const COMMON = 'x-airflow-common';
export const EXECUTION_API_URL = 'http://airflow-apiserver:8080/execution/';
export const FAB_AUTH_MANAGER = 'airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager';
export const PORT_VARIABLE = '${AIRFLOW_PUERTO:-8080}';
export const MOUNTED_FOLDERS = ['dags', 'logs', 'plugins', 'config'];
const MAX_REFRESH_SECONDS = 60;

type Services = Record<string, Record<string, unknown> | null>;

function services(c: ComposeFile): Services {
  const s = c.root.value.services;
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as Services) : {};
}

function service(c: ComposeFile, name: string): Record<string, unknown> | undefined {
  const s = services(c)[name];
  return s && typeof s === 'object' ? s : undefined;
}

const svcPath = (name: string, ...rest: (string | number)[]): FieldPath => ['services', name, ...rest];
const at = (c: ComposeFile, p: FieldPath) => c.at(p);

function missingService(c: ComposeFile, name: string): Problem {
  const names = Object.keys(services(c));
  return { code: 'compose.service.missing', at: at(c, ['services']), params: { service: name, suggestion: suggest(name, names.filter((n) => !REQUIRED_SERVICES.includes(n))), found: names.join(', ') || undefined } };
}

/** Problems that share a line (an anchor inherited by several services) are said once. */
function once(problems: Problem[]): Problem[] {
  const seen = new Map<string, Problem>();
  for (const p of problems) {
    const key = `${p.code}|${p.at.line}|${p.at.col}|${JSON.stringify({ ...p.params, service: undefined })}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { ...p, params: { ...p.params, services: p.params?.service !== undefined ? [p.params.service] : undefined } });
    } else if (p.params?.service !== undefined) {
      (first.params!.services as string[]).push(String(p.params.service));
    }
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------- environment

export interface EnvEntry {
  key: string;
  /** The value as written: a string, number, boolean or null (list form: the text after `=`). */
  raw: unknown;
  path: FieldPath;
}

/** A service's `environment`, as a map or as a list of `KEY=value`. */
export function environment(c: ComposeFile, name: string): EnvEntry[] {
  const env = service(c, name)?.environment;
  if (Array.isArray(env)) {
    return env.flatMap((item, i) => {
      if (typeof item !== 'string') return [];
      const eq = item.indexOf('=');
      return [{ key: eq < 0 ? item : item.slice(0, eq), raw: eq < 0 ? null : item.slice(eq + 1), path: svcPath(name, 'environment', i) }];
    });
  }
  if (env && typeof env === 'object') {
    return Object.entries(env as Record<string, unknown>).map(([key, raw]) => ({ key, raw, path: svcPath(name, 'environment', key) }));
  }
  return [];
}

export function envEntry(c: ComposeFile, name: string, key: string): EnvEntry | undefined {
  return environment(c, name).find((e) => e.key === key);
}

const text = (raw: unknown): string => (raw === null || raw === undefined ? '' : String(raw));

function resolve(c: ComposeFile, raw: unknown) {
  return interpolate(text(raw), c.env);
}

const envFileLabel = (c: ComposeFile) => c.envFile ?? '.env.example';

/**
 * Checks `key` in each of `names`: missing, then `check(resolvedValue, entry)`; a variable that
 * `.env.example` does not define is reported too.
 */
function eachEnv(
  c: ComposeFile,
  names: readonly string[],
  key: string,
  check: (value: string, entry: EnvEntry, name: string) => Problem | undefined,
  missing: Record<string, unknown> = {},
): Problem[] {
  const out: Problem[] = [];
  for (const name of names) {
    if (!service(c, name)) {
      out.push(missingService(c, name));
      continue;
    }
    const entry = envEntry(c, name, key);
    if (!entry || entry.raw === null || entry.raw === undefined) {
      out.push({ code: 'compose.env.missing', at: at(c, svcPath(name, 'environment')), params: { key, service: name, ...missing } });
      continue;
    }
    const r = resolve(c, entry.raw);
    if (r.unresolved.length) {
      out.push({ code: 'compose.env.unresolved', at: at(c, entry.path), params: { key, service: name, variables: r.unresolved, envFile: envFileLabel(c) } });
      continue;
    }
    const p = check(r.value, entry, name);
    if (p) out.push(p);
  }
  return once(out);
}

const TRUE = /^(true|t|1)$/i;
const FALSE = /^(false|f|0)$/i;

// ---------------------------------------------------------------- services and anchor

/** The six services exist; the long-running ones run their Airflow 3 subcommand. */
export function requiredServices(c: ComposeFile): Problem[] {
  const out: Problem[] = [];
  const all = services(c);
  for (const name of REQUIRED_SERVICES) if (!service(c, name)) out.push(missingService(c, name));
  for (const old of ['airflow-webserver', 'airflow-worker', 'redis']) {
    if (all[old] !== undefined) out.push({ code: old === 'airflow-webserver' ? 'compose.service.airflow2' : 'compose.service.celery', at: at(c, svcPath(old)), params: { service: old } });
  }
  for (const [name, sub] of Object.entries(AIRFLOW_COMMANDS)) {
    const svc = service(c, name);
    if (!svc) continue;
    const cmd = svc.command;
    const words = Array.isArray(cmd) ? cmd.map(String) : typeof cmd === 'string' ? cmd.trim().split(/\s+/) : [];
    const first = words[0] === 'airflow' ? words[1] : words[0];
    if (first === sub) continue;
    const where = at(c, svcPath(name, 'command'));
    if (!words.length) out.push({ code: 'compose.command.missing', at: where, params: { service: name, expected: sub } });
    else out.push({ code: first === 'webserver' ? 'compose.command.webserver' : 'compose.command.wrong', at: where, params: { service: name, expected: sub, actual: words.join(' ') } });
  }
  return out;
}

/** `x-airflow-common` carries an anchor that every Airflow service merges with `<<:`. */
export function sharedAnchor(c: ComposeFile): Problem[] {
  const common = c.root.value[COMMON];
  if (common === undefined) {
    const similar = suggest(COMMON, Object.keys(c.root.value).filter((k) => k.startsWith('x-')));
    return [{ code: 'compose.anchor.missing', at: { file: c.file, line: 1 }, params: { suggestion: similar } }];
  }
  if (!common || typeof common !== 'object' || Array.isArray(common)) return [{ code: 'compose.anchor.notMap', at: at(c, [COMMON]) }];
  const anchor = anchorOf(c.ast, [COMMON]);
  if (!anchor) return [{ code: 'compose.anchor.noAnchor', at: at(c, [COMMON]) }];
  const out: Problem[] = [];
  for (const name of AIRFLOW) {
    if (!service(c, name)) {
      out.push(missingService(c, name));
      continue;
    }
    const merged = mergedAnchors(c.ast, svcPath(name));
    if (!merged.includes(anchor)) out.push({ code: 'compose.anchor.notMerged', at: at(c, svcPath(name)), params: { service: name, anchor, merged: merged.join(', ') || undefined } });
  }
  return out;
}

// ---------------------------------------------------------------- image

const IMAGE = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?([a-z0-9._/-]+?)(?::([\w][\w.-]*))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Every Airflow service runs `apache/airflow` at an exact 3.x.y tag (variables resolved). */
export function pinnedAirflowImage(c: ComposeFile): Problem[] {
  const out: Problem[] = [];
  for (const name of AIRFLOW) {
    const svc = service(c, name);
    if (!svc) {
      out.push(missingService(c, name));
      continue;
    }
    const where = at(c, svcPath(name, 'image'));
    if (svc.image === undefined || svc.image === null) {
      out.push({ code: 'compose.image.missing', at: at(c, svcPath(name)), params: { service: name } });
      continue;
    }
    const r = resolve(c, svc.image);
    if (r.unresolved.length) {
      out.push({ code: 'compose.env.unresolved', at: where, params: { key: 'image', service: name, variables: r.unresolved, envFile: envFileLabel(c) } });
      continue;
    }
    const image = r.value.trim();
    const m = IMAGE.exec(image);
    const params = { service: name, image, written: text(svc.image) !== image ? text(svc.image) : undefined };
    if (!m || !/^(library\/)?apache\/airflow$/.test(m[1]!)) {
      out.push({ code: 'compose.image.notAirflow', at: where, params });
      continue;
    }
    const tag = m[2];
    if (tag === undefined) out.push({ code: 'compose.image.untagged', at: where, params });
    else if (/^latest/i.test(tag)) out.push({ code: 'compose.image.latest', at: where, params });
    else if (/^(slim-)?2\./.test(tag)) out.push({ code: 'compose.image.airflow2', at: where, params });
    else if (!/^(slim-)?3\.\d+\.\d+(-python3\.\d+)?$/.test(tag)) out.push({ code: 'compose.image.notExact', at: where, params: { ...params, tag } });
  }
  return once(out);
}

// ---------------------------------------------------------------- configuration

export function localExecutor(c: ComposeFile): Problem[] {
  return eachEnv(c, AIRFLOW, 'AIRFLOW__CORE__EXECUTOR', (value, e, name) => {
    if (/^(airflow\.executors\.local_executor\.)?LocalExecutor$/.test(value.trim())) return undefined;
    const code = /celery/i.test(value) ? 'compose.executor.celery' : /sequential/i.test(value) ? 'compose.executor.sequential' : 'compose.executor.other';
    return { code, at: at(c, e.path), params: { service: name, value } };
  });
}

const SECRET_KEY = /(PASSWORD|PASSWD|_PASS$|SECRET|TOKEN|FERNET_KEY|API_KEY)/i;
const PLACEHOLDER = '\u0001';
const VAR_RE = /\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;
const masked = (s: string) => s.replace(/\$\$/g, '').replace(VAR_RE, PLACEHOLDER);

function secretDefaults(refs: Reference[]): Reference[] {
  return refs.filter((r) => (r.op === ':-' || r.op === '-') && r.arg && SECRET_KEY.test(r.name));
}

/** Passwords, secrets and tokens in any service's environment, written in the file itself. */
export function literalSecrets(c: ComposeFile): Problem[] {
  const out: Problem[] = [];
  for (const name of Object.keys(services(c))) {
    for (const e of environment(c, name)) {
      const raw = text(e.raw);
      if (!raw) continue;
      const r = interpolate(raw, c.env);
      const where = at(c, e.path);
      if (SECRET_KEY.test(e.key) && !/(_CMD|_FILE)$/.test(e.key)) {
        if (masked(raw).replace(/\s/g, '') && !masked(raw).includes(PLACEHOLDER)) {
          out.push({ code: 'compose.secret.literal', at: where, params: { key: e.key, service: name } });
          continue;
        }
      }
      // A URL with a password: `postgresql://user:secret@host/db`.
      const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/]*)@/i.exec(masked(raw))?.[1];
      const password = userinfo && userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : undefined;
      if (password && !password.includes(PLACEHOLDER)) {
        out.push({ code: 'compose.secret.inUrl', at: where, params: { key: e.key, service: name } });
        continue;
      }
      for (const ref of secretDefaults(r.references)) {
        out.push({ code: 'compose.secret.default', at: where, params: { key: e.key, service: name, variable: ref.name, value: ref.arg } });
      }
    }
  }
  return once(out);
}

/** The metadata database is the `postgres` service, reached with credentials from `.env`. */
export function postgresFromEnv(c: ComposeFile): Problem[] {
  const out = eachEnv(c, AIRFLOW, 'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN', (value, e, name) => {
    const url = /^([a-z][a-z0-9+]*):\/\/(?:[^@/]*@)?([^/:?]+)/i.exec(value.trim());
    if (!url || !/^postgres(ql)?(\+\w+)?$/i.test(url[1]!)) return { code: 'compose.db.notPostgres', at: at(c, e.path), params: { service: name, value } };
    if (url[2] !== 'postgres') return { code: 'compose.db.host', at: at(c, e.path), params: { service: name, host: url[2] } };
    const written = masked(text(e.raw));
    if (!written.includes(PLACEHOLDER)) return { code: 'compose.db.notInterpolated', at: at(c, e.path), params: { service: name } };
    // User and password from `.env` (a literal password is reported by literalSecrets). A URL
    // that is itself one variable comes whole from `.env`: nothing to split here.
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/(?:([^@/]*)@)?/i.exec(written.trim());
    if (!userinfo) return undefined;
    const [user, password] = (userinfo[1] ?? '').split(/:(.*)/s);
    if (!user?.includes(PLACEHOLDER)) return { code: 'compose.db.userNotFromEnv', at: at(c, e.path), params: { service: name, user: user || undefined } };
    if (!password) return { code: 'compose.db.noPassword', at: at(c, e.path), params: { service: name } };
    return undefined;
  });
  const pg = service(c, 'postgres');
  if (pg) {
    const pw = envEntry(c, 'postgres', 'POSTGRES_PASSWORD');
    if (!pw) out.push({ code: 'compose.env.missing', at: at(c, svcPath('postgres', 'environment')), params: { key: 'POSTGRES_PASSWORD', service: 'postgres' } });
  }
  return [...out, ...literalSecrets(c)];
}

export function examplesOff(c: ComposeFile): Problem[] {
  return eachEnv(c, AIRFLOW, 'AIRFLOW__CORE__LOAD_EXAMPLES', (value, e, name) => {
    if (FALSE.test(value.trim())) return undefined;
    if (/^(no|off|n)$/i.test(value.trim())) return { code: 'compose.bool.yaml11', at: at(c, e.path), params: { key: e.key, service: name, value } };
    return { code: 'compose.examples.on', at: at(c, e.path), params: { service: name, value } };
  });
}

export function executionApiUrl(c: ComposeFile): Problem[] {
  return eachEnv(c, RUNNING, 'AIRFLOW__CORE__EXECUTION_API_SERVER_URL', (value, e, name) => {
    const v = value.trim().replace(/\/?$/, '/');
    if (v === EXECUTION_API_URL) return undefined;
    return { code: /localhost|127\.0\.0\.1/.test(v) ? 'compose.executionApi.localhost' : 'compose.executionApi.wrong', at: at(c, e.path), params: { service: name, value } };
  }, { hint: 'executionApi' });
}

/** One JWT secret, from `.env`, for every long-running Airflow service (E17). */
export function sharedJwtSecret(c: ComposeFile): Problem[] {
  const key = 'AIRFLOW__API_AUTH__JWT_SECRET';
  const out: Problem[] = [];
  const seen: { name: string; raw: string; value: string; line?: number }[] = [];
  out.push(...eachEnv(c, RUNNING, key, (value, e, name) => {
    const raw = text(e.raw);
    const where = at(c, e.path);
    if (!masked(raw).includes(PLACEHOLDER)) return { code: 'compose.secret.literal', at: where, params: { key, service: name } };
    const refs = interpolate(raw, c.env).references;
    const def = secretDefaults(refs)[0];
    if (def) return { code: 'compose.secret.default', at: where, params: { key, service: name, variable: def.name, value: def.arg } };
    if (!value.trim()) return { code: 'compose.jwt.empty', at: where, params: { service: name, variables: refs.map((r) => r.name), envFile: envFileLabel(c) } };
    seen.push({ name, raw, value, line: where.line });
    return undefined;
  }, { hint: 'jwt' }));
  const distinct = new Set(seen.map((s) => `${s.raw}\u0000${s.value}`));
  if (distinct.size > 1) {
    out.push({
      code: 'compose.jwt.different',
      at: at(c, svcPath(seen[1]!.name, 'environment', key)),
      params: { values: seen.map((s) => `${s.name}: \`${s.raw}\` (línea ${s.line})`) },
    });
  }
  return out;
}

/** The FAB auth manager, and the user `airflow-init` creates taken from `.env`. */
export function fabAuthFromEnv(c: ComposeFile): Problem[] {
  const out = eachEnv(c, AIRFLOW, 'AIRFLOW__CORE__AUTH_MANAGER', (value, e, name) =>
    value.trim() === FAB_AUTH_MANAGER ? undefined : { code: 'compose.auth.notFab', at: at(c, e.path), params: { service: name, value } },
  );
  if (!service(c, AIRFLOW_INIT)) return out;
  for (const key of ['_AIRFLOW_WWW_USER_USERNAME', '_AIRFLOW_WWW_USER_PASSWORD']) {
    out.push(...eachEnv(c, [AIRFLOW_INIT], key, (value, e, name) => {
      const raw = text(e.raw);
      const where = at(c, e.path);
      if (!masked(raw).includes(PLACEHOLDER)) return { code: key.endsWith('PASSWORD') ? 'compose.secret.literal' : 'compose.user.literal', at: where, params: { key, service: name } };
      const def = secretDefaults(interpolate(raw, c.env).references)[0];
      if (def) return { code: 'compose.secret.default', at: where, params: { key, service: name, variable: def.name, value: def.arg } };
      if (!value.trim()) return { code: 'compose.user.empty', at: where, params: { key, envFile: envFileLabel(c) } };
      return undefined;
    }));
  }
  out.push(...eachEnv(c, [AIRFLOW_INIT], '_AIRFLOW_WWW_USER_CREATE', (value, e, name) =>
    TRUE.test(value.trim()) ? undefined : { code: 'compose.user.create', at: at(c, e.path), params: { service: name, value } },
  ));
  return out;
}

export function schedulerHealthCheckEnabled(c: ComposeFile): Problem[] {
  return eachEnv(c, ['airflow-scheduler'], 'AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK', (value, e, name) => {
    if (TRUE.test(value.trim())) return undefined;
    if (/^(yes|on|y)$/i.test(value.trim())) return { code: 'compose.bool.yaml11', at: at(c, e.path), params: { key: e.key, service: name, value } };
    return { code: 'compose.scheduler.healthOff', at: at(c, e.path), params: { service: name, value } };
  });
}

export function shortDagRefresh(c: ComposeFile): Problem[] {
  return eachEnv(c, ['airflow-dag-processor'], 'AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL', (value, e, name) => {
    const v = value.trim();
    if (!/^\d+$/.test(v)) return { code: 'compose.refresh.notNumber', at: at(c, e.path), params: { service: name, value } };
    const n = Number(v);
    if (n < 1 || n > MAX_REFRESH_SECONDS) return { code: 'compose.refresh.tooLong', at: at(c, e.path), params: { service: name, value: n, max: MAX_REFRESH_SECONDS } };
    return undefined;
  }, { hint: 'refresh' });
}

// ---------------------------------------------------------------- ports

/** `a:b:c` split on colons that are outside `${…}`. */
function splitColons(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '$' && s[i + 1] === '{') depth++;
    if (ch === '}' && depth > 0) depth--;
    if (ch === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function apiPort(c: ComposeFile): Problem[] {
  const name = 'airflow-apiserver';
  const svc = service(c, name);
  if (!svc) return [missingService(c, name)];
  const ports = svc.ports;
  if (!Array.isArray(ports) || ports.length === 0) return [{ code: 'compose.port.missing', at: at(c, svcPath(name)), params: { service: name } }];
  const found: string[] = [];
  for (const [i, p] of ports.entries()) {
    let host: string | undefined;
    let target: string | undefined;
    if (p && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      target = text(o.target);
      host = o.published === undefined ? undefined : text(o.published);
    } else {
      const parts = splitColons(text(p).replace(/\/(tcp|udp)$/, ''));
      target = parts.at(-1);
      host = parts.length >= 2 ? parts.at(-2) : undefined;
    }
    found.push(typeof p === 'object' ? JSON.stringify(p) : text(p));
    if (target !== '8080') continue;
    if (host === PORT_VARIABLE) return [];
    return [{ code: host === undefined || host === '' ? 'compose.port.random' : 'compose.port.literal', at: at(c, svcPath(name, 'ports', i)), params: { service: name, host, written: found.at(-1) } }];
  }
  return [{ code: 'compose.port.noTarget', at: at(c, svcPath(name, 'ports')), params: { service: name, found: found.join(', ') } }];
}

// ---------------------------------------------------------------- health checks

function healthTest(svc: Record<string, unknown>): { text: string; disabled: boolean } | undefined {
  const hc = svc.healthcheck as Record<string, unknown> | undefined;
  if (!hc || typeof hc !== 'object') return undefined;
  const test = hc.test;
  const words = Array.isArray(test) ? test.map(String) : typeof test === 'string' ? [test] : [];
  const disabled = hc.disable === true || words[0] === 'NONE';
  return { text: words.join(' '), disabled };
}

export function healthChecks(c: ComposeFile): Problem[] {
  const wanted: { name: string; ok: (t: string) => boolean; expected: string; v1?: boolean }[] = [
    { name: 'postgres', ok: (t) => /\bpg_isready\b/.test(t), expected: '["CMD", "pg_isready", "-U", "${POSTGRES_USER}"]' },
    { name: 'airflow-apiserver', ok: (t) => /:8080\/api\/v2\/(version|monitor\/health)\b/.test(t), expected: '["CMD", "curl", "--fail", "http://localhost:8080/api/v2/version"]', v1: true },
    { name: 'airflow-scheduler', ok: (t) => /:8974\b/.test(t), expected: '["CMD", "curl", "--fail", "http://localhost:8974/health"]' },
  ];
  const out: Problem[] = [];
  for (const w of wanted) {
    const svc = service(c, w.name);
    if (!svc) {
      out.push(missingService(c, w.name));
      continue;
    }
    const hc = healthTest(svc);
    if (!hc || !hc.text) {
      out.push({ code: 'compose.health.missing', at: at(c, svcPath(w.name)), params: { service: w.name, expected: w.expected } });
    } else if (hc.disabled) {
      out.push({ code: 'compose.health.disabled', at: at(c, svcPath(w.name, 'healthcheck')), params: { service: w.name, expected: w.expected } });
    } else if (!w.ok(hc.text)) {
      const code = w.v1 && /\/api\/v1\//.test(hc.text) ? 'compose.health.apiV1' : 'compose.health.wrong';
      out.push({ code, at: at(c, svcPath(w.name, 'healthcheck', 'test')), params: { service: w.name, expected: w.expected, actual: hc.text } });
    }
  }
  return out;
}

// ---------------------------------------------------------------- depends_on

export function dependsOnConditions(c: ComposeFile): Problem[] {
  const edges: [string, string, string][] = [
    [AIRFLOW_INIT, 'postgres', 'service_healthy'],
    ...RUNNING.map((n): [string, string, string] => [n, AIRFLOW_INIT, 'service_completed_successfully']),
  ];
  const out: Problem[] = [];
  for (const [from, to, condition] of edges) {
    const svc = service(c, from);
    if (!svc) {
      out.push(missingService(c, from));
      continue;
    }
    const deps = svc.depends_on;
    if (Array.isArray(deps)) {
      out.push({ code: 'compose.dependsOn.list', at: at(c, svcPath(from, 'depends_on')), params: { service: from, target: to, condition } });
      continue;
    }
    const dep = deps && typeof deps === 'object' ? (deps as Record<string, unknown>)[to] : undefined;
    if (dep === undefined) {
      out.push({ code: 'compose.dependsOn.missing', at: at(c, deps ? svcPath(from, 'depends_on') : svcPath(from)), params: { service: from, target: to, condition } });
      continue;
    }
    const actual = dep && typeof dep === 'object' ? (dep as Record<string, unknown>).condition : undefined;
    if (actual !== condition) {
      out.push({ code: 'compose.dependsOn.condition', at: at(c, svcPath(from, 'depends_on', to)), params: { service: from, target: to, condition, actual: actual ?? 'service_started' } });
    }
  }
  return once(out);
}

// ---------------------------------------------------------------- volumes and user

interface Mount {
  source: string;
  target: string;
  index: number;
}

function mounts(c: ComposeFile, name: string): Mount[] {
  const vols = service(c, name)?.volumes;
  if (!Array.isArray(vols)) return [];
  return vols.flatMap((v, index) => {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return [{ source: resolve(c, o.source).value, target: resolve(c, o.target).value, index }];
    }
    const parts = splitColons(text(v));
    if (parts.length < 2) return [];
    return [{ source: resolve(c, parts[0]).value, target: resolve(c, parts[1]).value, index }];
  });
}

const normalizeTarget = (t: string) => path.posix.normalize(t).replace(/\/$/, '');

export function airflowMounts(c: ComposeFile): Problem[] {
  const out: Problem[] = [];
  for (const name of RUNNING) {
    if (!service(c, name)) {
      out.push(missingService(c, name));
      continue;
    }
    const list = mounts(c, name);
    for (const folder of MOUNTED_FOLDERS) {
      const target = `/opt/airflow/${folder}`;
      const m = list.find((x) => normalizeTarget(x.target) === target);
      if (!m) {
        out.push({ code: 'compose.mount.missing', at: at(c, service(c, name)!.volumes ? svcPath(name, 'volumes') : svcPath(name)), params: { service: name, folder, target } });
        continue;
      }
      const src = m.source;
      if (!/^(\.{1,2}\/|\/|~\/|[A-Za-z]:[\\/])/.test(src) && src !== '.') {
        out.push({ code: 'compose.mount.namedVolume', at: at(c, svcPath(name, 'volumes', m.index)), params: { service: name, folder, source: src, target } });
      } else if (path.posix.normalize(src).replace(/\/$/, '') !== folder) {
        out.push({ code: 'compose.mount.wrongSource', at: at(c, svcPath(name, 'volumes', m.index)), params: { service: name, folder, source: src, target } });
      }
    }
  }
  return once(out);
}

export function airflowUidFromEnv(c: ComposeFile): Problem[] {
  const out: Problem[] = [];
  for (const name of RUNNING) {
    const svc = service(c, name);
    if (!svc) {
      out.push(missingService(c, name));
      continue;
    }
    if (svc.user === undefined || svc.user === null) {
      out.push({ code: 'compose.uid.missing', at: at(c, svcPath(name)), params: { service: name } });
      continue;
    }
    const raw = text(svc.user);
    const uid = splitColons(raw)[0]!.trim();
    if (!/^\$\{AIRFLOW_UID(:?-[0-9]*)?\}$|^\$AIRFLOW_UID$/.test(uid)) {
      out.push({ code: 'compose.uid.notVariable', at: at(c, svcPath(name, 'user')), params: { service: name, user: raw } });
    }
  }
  if (!c.env.has('AIRFLOW_UID')) out.push({ code: 'compose.uid.notInEnv', at: { file: envFileLabel(c) }, params: { envFile: envFileLabel(c) } });
  return once(out);
}
