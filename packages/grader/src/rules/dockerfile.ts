// Rules for a Dockerfile and its .dockerignore (exercise 02). Each returns the problems it finds,
// located at the Dockerfile line of the instruction concerned.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { BaseImage, DockerIgnore, Dockerfile, Instruction, Stage } from '../parse/dockerfile.ts';
import { outsideSubmission } from '../parse/source.ts';
import { suggest } from '../schema/suggest.ts';

const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];

const at = (df: Dockerfile, line?: number) => ({ file: df.file, line });
const lastLine = (df: Dockerfile) => df.instructions.at(-1)?.line;

/** What `docker build` itself would stop at: a missing FROM, unknown instructions. */
export function dockerfileProblems(df: Dockerfile): Problem[] {
  const out = [...df.problems];
  if (df.stages.length === 0) out.push({ code: 'dockerfile.noFrom', at: at(df, df.instructions[0]?.line) });
  for (const ins of df.instructions) {
    if (!KEYWORDS.includes(ins.keyword)) {
      out.push({ code: 'dockerfile.unknownInstruction', at: at(df, ins.line), params: { keyword: ins.keyword, suggestion: suggest(ins.keyword, KEYWORDS) } });
    }
  }
  return out;
}

/** The stage that becomes the image: the last one. */
function finalStage(df: Dockerfile): Stage | undefined {
  return df.stages.at(-1);
}

function noStage(df: Dockerfile): Problem[] {
  return [{ code: 'dockerfile.noFrom', at: at(df, df.instructions[0]?.line) }];
}

/** The image a stage finally rests on, following `FROM <earlier stage>`. */
function externalBase(df: Dockerfile, stage: Stage): { base: BaseImage; from: Instruction } {
  let s = stage;
  while (s.base.stageRef !== undefined && df.stages[s.base.stageRef]) s = df.stages[s.base.stageRef]!;
  return { base: s.base, from: s.from };
}

// ---------------------------------------------------------------- base image

/** Every external base image names a tag other than `latest`, or a digest. */
export function pinnedBase(df: Dockerfile): Problem[] {
  if (!df.stages.length) return noStage(df);
  const out: Problem[] = [];
  for (const stage of df.stages) {
    const { base } = stage;
    if (base.stageRef !== undefined || base.scratch) continue;
    const where = at(df, stage.from.line);
    if (base.unresolved.length) {
      out.push({ code: 'dockerfile.base.unresolved', at: where, params: { image: base.ref, variables: base.unresolved.join(', ') } });
    } else if (base.digest) {
      continue; // a digest pins the exact image, tag or not
    } else if (base.tag === undefined) {
      out.push({ code: 'dockerfile.base.untagged', at: where, params: { image: base.ref } });
    } else if (base.tag.toLowerCase() === 'latest') {
      out.push({ code: 'dockerfile.base.latest', at: where, params: { image: base.ref } });
    } else if (floatingTag(base)) {
      out.push({ code: 'dockerfile.base.floating', at: where, params: { image: base.ref, tag: base.tag, python: isPythonImage(base), major: /^\d+(?=$|-)/.exec(base.tag)?.[0] } });
    }
  }
  return out;
}

// Tags that name a variant, never a version: `python:slim`, `alpine:edge`, `node:lts-slim`.
const VARIANT_WORD = /^(latest|slim|alpine|stable|current|lts|edge|mainline|rolling|nonroot|debug|dev|minimal|micro|full)$/i;
const isPythonImage = (base: BaseImage) => /(^|\/)(python|pypy)$/.test(base.name);

/**
 * A tag that moves to another version by itself: only variant words (`slim`, `lts-alpine`) on an
 * image whose name carries no version, or, for Python, anything without major and minor
 * (`3-slim` goes from 3.12 to 3.13 unannounced).
 */
export function floatingTag(base: BaseImage): boolean {
  if (!base.tag) return false;
  if (isPythonImage(base)) return !/^\d+\.\d+/.test(base.tag);
  // `…/python3-debian12:nonroot`: the version is in the name.
  return !/\d/.test(base.name.split('/').pop()!) && base.tag.split(/[-._]/).every((part) => VARIANT_WORD.test(part));
}

// What counts as a slim base: Debian `-slim` tags, Alpine, distroless, Chainguard, UBI minimal/micro.
const SLIM_TAG = /(^|[-.])(slim|alpine|minimal|micro)([-.\d]|$)/i;
const SLIM_NAME = /(^|\/)(alpine|busybox)$|distroless|chainguard|cgr\.dev|(^|[-/])ubi\d*-(minimal|micro)$/i;

export function isSlimImage(base: BaseImage): boolean {
  return base.scratch || SLIM_NAME.test(base.name) || (base.tag !== undefined && SLIM_TAG.test(base.tag));
}

/** The image's final stage rests on a small base image. */
export function slimBase(df: Dockerfile): Problem[] {
  const stage = finalStage(df);
  if (!stage) return noStage(df);
  const { base, from } = externalBase(df, stage);
  if (isSlimImage(base)) return [];
  return [{ code: 'dockerfile.base.notSlim', at: at(df, from.line), params: { image: base.ref, name: base.name, digestOnly: Boolean(base.digest && !base.tag) } }];
}

// ---------------------------------------------------------------- layout

/** The final stage sets a working directory. */
export function workdirSet(df: Dockerfile): Problem[] {
  const stage = finalStage(df);
  if (!stage) return noStage(df);
  if (stage.instructions.some((i) => i.keyword === 'WORKDIR' && i.args.length > 0)) return [];
  return [{ code: 'dockerfile.workdir.missing', at: at(df, stage.from.line) }];
}

const PIP_INSTALL = /\b(pip3?|uv\s+pip)\s+install\b|\bpython[\d.]*\s+-m\s+pip\s+install\b/;
const DEPENDENCY_FILE = /(^|\/)(requirements[^/]*\.txt|constraints[^/]*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|setup\.cfg)$/i;

function copiesFromContext(ins: Instruction): boolean {
  return (ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.flags.from === undefined && ins.args.length >= 2;
}

/** Dependency manifests are copied and installed before the code, so code edits keep pip's layer cached. */
export function depsBeforeCode(df: Dockerfile): Problem[] {
  if (!df.stages.length) return noStage(df);
  const out: Problem[] = [];
  let installs = 0;
  for (const stage of df.stages) {
    const install = stage.instructions.filter((i) => i.keyword === 'RUN' && PIP_INSTALL.test(i.text)).at(-1);
    if (!install) continue;
    installs++;
    const codeCopy = stage.instructions.find(
      (i) => i.line < install.line && copiesFromContext(i) && !i.args.slice(0, -1).every((src) => DEPENDENCY_FILE.test(src)),
    );
    if (codeCopy) {
      out.push({ code: 'dockerfile.deps.afterCode', at: at(df, codeCopy.line), params: { copy: codeCopy.text, installLine: install.line } });
    }
  }
  if (installs === 0) {
    // Nothing installed: fine when the context really lists no dependencies.
    const manifest = declaredRequirements(df.contextDir);
    if (manifest) {
      const code = finalStage(df)!.instructions.find(copiesFromContext);
      out.push({ code: 'dockerfile.deps.notInstalled', at: at(df, code?.line ?? lastLine(df)), params: { manifest } });
    }
  }
  return out;
}

/** A requirements.txt in the context (top level or one folder down) that lists a package. */
function declaredRequirements(contextDir: string): string | undefined {
  if (!existsSync(contextDir) || !statSync(contextDir).isDirectory()) return undefined;
  const folders = readdirSync(contextDir).filter((n) => !n.startsWith('.') && n !== 'node_modules' && statSync(path.join(contextDir, n)).isDirectory());
  for (const rel of ['requirements.txt', ...folders.map((f) => `${f}/requirements.txt`)]) {
    const file = path.join(contextDir, rel);
    if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size > 1024 * 1024 || outsideSubmission(contextDir, rel)) continue;
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim());
    if (lines.some(Boolean)) return rel;
  }
  return undefined;
}

// ---------------------------------------------------------------- user

/** Expands `$VAR`/`${VAR}` from ARG and ENV defaults earlier in the stage (and global ARGs). */
function expand(df: Dockerfile, stage: Stage, upTo: number, text: string): { value: string; unresolved: string[] } {
  const known = new Map<string, string>();
  for (const ins of df.instructions) {
    if (ins.line >= upTo) break;
    if (ins.stage !== -1 && ins.stage !== stage.index) continue;
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
      for (const p of ins.properties ?? []) if (p.value !== null) known.set(p.name, p.value);
    }
  }
  const unresolved: string[] = [];
  const value = text.replace(/\$(?:\{(\w+)(?::-([^}]*))?\}|(\w+))/g, (whole, a: string | undefined, def: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = known.get(name) ?? def;
    if (v === undefined) unresolved.push(name);
    return v ?? whole;
  });
  return { value, unresolved };
}

/** The final stage switches to a user given by a numeric uid other than 0. */
export function numericNonRootUser(df: Dockerfile): Problem[] {
  const stage = finalStage(df);
  if (!stage) return noStage(df);
  const user = stage.instructions.filter((i) => i.keyword === 'USER').at(-1);
  if (!user) {
    const command = stage.instructions.find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
    return [{ code: 'dockerfile.user.missing', at: at(df, command?.line ?? lastLine(df)) }];
  }
  const { value, unresolved } = expand(df, stage, user.line, user.args[0] ?? '');
  const where = at(df, user.line);
  if (unresolved.length) return [{ code: 'dockerfile.user.unresolved', at: where, params: { user: user.text, variables: unresolved.join(', ') } }];
  const uid = value.split(':')[0]!;
  if (uid === 'root' || /^0+$/.test(uid)) return [{ code: 'dockerfile.user.root', at: where, params: { user: value } }];
  if (!/^\d+$/.test(uid)) return [{ code: 'dockerfile.user.name', at: where, params: { user: value, name: uid } }];
  return [];
}

// ---------------------------------------------------------------- command

/**
 * The default command (ENTRYPOINT + CMD of the final stage) is in exec form and runs `expected`:
 * `['etl', '--entrada', '/datos', …]`. The program may be given as `etl`, `etl.py` (any folder),
 * `python etl.py` (python, python3 or python3.X, optionally with -u/-B/-O…) or `python -m etl`;
 * the options may come in any order, as `--opt value` or `--opt=value`, with or without a
 * trailing `/` on folders. Nothing else may be added.
 */
export function execFormCommand(df: Dockerfile, expected: readonly string[], source?: string): Problem[] {
  const stage = finalStage(df);
  if (!stage) return noStage(df);
  const entrypoint = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
  const cmd = stage.instructions.filter((i) => i.keyword === 'CMD').at(-1);
  const wanted = expected.join(' ');
  if (!entrypoint && !cmd) return [{ code: 'dockerfile.cmd.missing', at: at(df, lastLine(df)), params: { expected: wanted } }];
  const out: Problem[] = [];
  for (const ins of [entrypoint, cmd]) {
    if (!ins || ins.json) continue;
    out.push({
      code: ins.jsonMalformed ? 'dockerfile.cmd.badJson' : 'dockerfile.cmd.shellForm',
      at: at(df, ins.line),
      params: { keyword: ins.keyword, text: ins.text, suggestion: JSON.stringify(ins.jsonMalformed ? listItems(ins.text) : shellWords(ins.text)).replaceAll('","', '", "') },
    });
  }
  if (out.length) return out;
  // With an ENTRYPOINT, CMD only supplies its default arguments.
  const argv = [...(entrypoint?.json ?? []), ...(cmd?.json ?? [])];
  const mismatch = commandMismatch(argv, expected);
  if (mismatch) {
    out.push({ code: 'dockerfile.cmd.argv', at: at(df, (cmd ?? entrypoint)!.line), params: { actual: argv.join(' '), argv: JSON.stringify(argv), expected: wanted, reason: mismatch } });
  } else if (source) {
    out.push(...programCopied(df, stage, argv, expected[0]!, source).map((p) => ({ ...p, at: at(df, (entrypoint ?? cmd)!.line) })));
  }
  return out;
}

/**
 * The command runs the program the Dockerfile copied from `source` (`procesador/etl.py`): a
 * script path resolved from the final WORKDIR, or `python -m` finding it in WORKDIR (or
 * PYTHONPATH). Says nothing when the Dockerfile alone cannot tell (see `landings`).
 */
function programCopied(df: Dockerfile, stage: Stage, argv: readonly string[], program: string, source: string): Omit<Problem, 'at'>[] {
  let i = 0;
  let module = false;
  let script: string | undefined;
  if (/^python(\d+(\.\d+)?)?$/.test(path.posix.basename(argv[0]!))) {
    i = 1;
    while (i < argv.length && /^-[uBOsEIS]+$/.test(argv[i]!)) i++;
    if (argv[i] === '-m') module = true;
    else script = argv[i];
  } else if (argv[0]!.includes('/')) script = argv[0];
  else return []; // a bare name is looked up in PATH
  const found = landings(df, stage, source);
  if (!found) return [];
  const { paths, workdir, pythonPath } = found;
  const params = { copied: [...paths].join('`, `'), workdir, source, program };
  if (module) {
    const dirs = [workdir, ...pythonPath.map((d) => path.posix.resolve(workdir, d))];
    if (dirs.some((d) => paths.has(path.posix.join(d, `${program}.py`)))) return [];
    return [{ code: 'dockerfile.cmd.notCopied', params: { ...params, module: true, runs: path.posix.join(workdir, `${program}.py`) } }];
  }
  const runs = path.posix.resolve(workdir, script!);
  if (paths.has(runs)) return [];
  return [{ code: 'dockerfile.cmd.notCopied', params: { ...params, module: false, runs, relative: !script!.startsWith('/') } }];
}

const GLOB = /[*?[]/;

/**
 * Where the final stage's COPY/ADD instructions put `source` (a file of the context), the WORKDIR
 * the command runs in, and PYTHONPATH. Undefined when the Dockerfile alone cannot tell: a
 * variable without a value, `COPY --from`, a RUN that may move or fetch files, or a relative
 * path before any WORKDIR (the base image may set its own).
 */
function landings(df: Dockerfile, stage: Stage, source: string): { paths: Set<string>; workdir: string; pythonPath: string[] } | undefined {
  let workdir: string | undefined;
  const paths = new Set<string>();
  const pythonPath: string[] = [];
  const resolve = (ins: Instruction, p: string): string | undefined => {
    const { value, unresolved } = expand(df, stage, ins.line, p);
    if (unresolved.length || (!value.startsWith('/') && workdir === undefined)) return undefined;
    return path.posix.resolve(workdir ?? '/', value);
  };
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      workdir = resolve(ins, ins.args.join(' '));
      if (workdir === undefined) return undefined;
    } else if (ins.keyword === 'ENV') {
      for (const p of ins.properties ?? []) if (p.name === 'PYTHONPATH' && p.value) pythonPath.push(...p.value.split(':').filter(Boolean));
    } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      if ('from' in ins.flags || ins.args.length < 2 || ins.args[0]!.startsWith('[')) return undefined;
      const written = ins.args.at(-1)!;
      const dest = resolve(ins, written);
      if (dest === undefined) return undefined;
      const sources = ins.args.slice(0, -1).map((src) => src.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.');
      const intoDir = written.endsWith('/') || written === '.' || sources.length > 1 || sources.some((src) => GLOB.test(src));
      const name = path.posix.basename(source);
      for (const src of sources) {
        // A single file to a path without `/`: a file of that name, or into that folder if it exists.
        if (src === source) for (const p of intoDir ? [path.posix.join(dest, name)] : [dest, path.posix.join(dest, name)]) paths.add(p);
        else if (src === '.' || source.startsWith(`${src}/`)) paths.add(path.posix.join(dest, src === '.' ? source : source.slice(src.length + 1)));
        else if (GLOB.test(src) && ignorePatternRegex(src).test(source)) paths.add(path.posix.join(dest, name));
      }
    } else if (ins.keyword === 'RUN' && /\b(mv|cp|ln|rsync|install|curl|wget|git|unzip|tar)\s/.test(ins.text.replace(/\bpip3?\s+install\b|-m\s+pip\s+install\b/g, ''))) {
      return undefined; // the program may be moved or fetched: the live tier sees where it ends up
    }
  }
  return workdir === undefined ? undefined : { paths, workdir, pythonPath };
}

function shellWords(text: string): string[] {
  return (text.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
}

/**
 * The items a learner meant in a list that is not valid JSON (`['python', 'etl.py']`,
 * `[python, etl.py]`, a missing comma or `]`, typographic quotes): quoted strings, or runs
 * without spaces or commas.
 */
export function listItems(text: string): string[] {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  const words = body.match(/"(?:[^"\\]|\\.)*"|'[^']*'|“[^”]*”|[^\s,"'“”]+/g) ?? [];
  return words.map((w) => (/^["'“]/.test(w) ? w.slice(1, -1) : w));
}

const normalizePath = (p: string) => (p.length > 1 ? p.replace(/\/+/g, '/').replace(/\/$/, '') : p);

/** Why `argv` does not run `expected`, in Spanish, or undefined when it does. */
export function commandMismatch(argv: readonly string[], expected: readonly string[]): string | undefined {
  const [program, ...wantedArgs] = expected;
  if (!argv.length) return 'la orden está vacía';
  let i = 0;
  const first = path.posix.basename(argv[0]!);
  if (/^python(\d+(\.\d+)?)?$/.test(first)) {
    i = 1;
    while (i < argv.length && /^-[uBOsEIS]+$/.test(argv[i]!)) i++;
    if (argv[i] === '-m') {
      if (argv[i + 1] !== program) return `\`python -m\` ejecuta \`${argv[i + 1] ?? ''}\`, no \`${program}\``;
      i += 2;
    } else {
      const script = argv[i];
      if (!script || path.posix.basename(script) !== `${program}.py`) return `python no ejecuta el programa \`${program}.py\``;
      i++;
    }
  } else if (first === program || first === `${program}.py`) {
    i = 1;
  } else {
    return `el programa es \`${argv[0]}\`, no \`${program}\` (ni \`python ${program}.py\`)`;
  }
  const actual = parseOptions(argv.slice(i));
  const want = parseOptions(wantedArgs);
  if (!actual || !want) return 'sobran argumentos que no son opciones (`--nombre valor`)';
  for (const [name, value] of want) {
    const got = actual.get(name);
    if (got === undefined) return `falta \`${name} ${value}\``;
    if (normalizePath(got) !== normalizePath(value)) return `\`${name}\` vale \`${got}\`; se espera \`${value}\``;
  }
  const extra = [...actual.keys()].filter((k) => !want.has(k));
  if (extra.length) return `sobra ${extra.map((e) => `\`${e}\``).join(', ')}`;
  return undefined;
}

function parseOptions(args: readonly string[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) return undefined;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(0, eq), a.slice(eq + 1));
    else out.set(a, args[++i] ?? '');
  }
  return out;
}

// ---------------------------------------------------------------- ADD and secrets

const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** No `ADD` downloads from a URL or a Git remote. */
export function noRemoteAdd(df: Dockerfile): Problem[] {
  return df.instructions
    .filter((i) => i.keyword === 'ADD')
    .flatMap((i) => i.args.slice(0, -1).filter((src) => REMOTE.test(src)).map((url) => ({ code: 'dockerfile.add.remote', at: at(df, i.line), params: { url } })));
}

// Whole words for the short ones (KEY, PASS, PWD), anywhere for the unmistakable ones.
const SECRET_ANYWHERE = /PASSWORD|PASSWD|SECRET|TOKEN|CLAVE|CONTRASE(Ñ|N)A|CREDENTIAL|CREDENCIAL|APIKEY|PRIVATEKEY/i;
const SECRET_WORD = /(^|_)(KEY|PASS|PWD|AUTH)(_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET_ANYWHERE.test(name) || SECRET_WORD.test(name);
}

/** No ENV or ARG with a secret-looking name is given a value: it would stay in the image. */
export function noSecrets(df: Dockerfile): Problem[] {
  return df.instructions
    .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
    .flatMap((i) =>
      (i.properties ?? [])
        .filter((p) => looksSecret(p.name) && p.value !== null && p.value !== '')
        .map((p) => ({ code: 'dockerfile.secret', at: at(df, i.line), params: { keyword: i.keyword, name: p.name } })),
    );
}

// ---------------------------------------------------------------- .dockerignore

/** Docker's pattern syntax (moby/patternmatcher) as a regular expression. */
export function ignorePatternRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        re += '(?:.*/)?'; // `**/` also matches no folder at all
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether Docker leaves `file` (relative to the context) out: a pattern matches it or a parent folder; the last match wins. */
export function isIgnored(ignore: DockerIgnore, file: string): boolean {
  const parts = file.split('/').filter(Boolean);
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of ignore.rules) {
    const re = ignorePatternRegex(rule.pattern);
    if (prefixes.some((p) => re.test(p))) ignored = !rule.negated;
  }
  return ignored;
}

/** Up to 50 real files under `dir` of the context, so `!datos/*.csv` re-including them is seen. */
function filesUnder(contextDir: string | undefined, dir: string): string[] {
  if (!contextDir) return [];
  const abs = path.join(contextDir, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .slice(0, 50)
    .map((rel) => `${dir}${rel.split(path.sep).join('/')}`);
}

/**
 * Each of `paths` is left out of the build context. A path ending in `/` is a folder: it counts
 * as left out when the files inside it are (Docker sends `datos/*` as an empty folder, which is fine).
 */
export function dockerignoreExcludes(ignore: DockerIgnore, paths: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const p of paths) {
    const probes = p.endsWith('/') ? [`${p}archivo`, ...filesUnder(ignore.contextDir, p)] : [p];
    if (probes.every((probe) => isIgnored(ignore, probe))) continue;
    // A bare `__pycache__` only matches at the top of the context: say so.
    const base = path.posix.basename(p.replace(/\/$/, ''));
    const rootOnly = ignore.rules.find((r) => !r.negated && r.pattern === base && p.replace(/\/$/, '').includes('/'));
    out.push({ code: 'dockerignore.notExcluded', at: { file: ignore.file, line: rootOnly?.line }, params: { path: p, name: base, rootOnly: Boolean(rootOnly), suggestion: p.replace(/\/$/, '').includes('/') ? `**/${base}` : p } });
  }
  return out;
}
