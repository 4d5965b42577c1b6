// Reads a learner's Dockerfile and .dockerignore. Parsing is dockerfile-ast's (the parser behind
// the VS Code Docker extension); this file only turns its result into plain data with 1-based
// line numbers, build stages and exec-form detection, so the rules never touch the library.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Dockerfile as AstDockerfile, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { Problem } from '../messages/problem.ts';
import { isProblem, readSource } from './source.ts';

export interface Instruction {
  /** Upper case: `FROM`, `COPY`… (what the learner wrote, upper-cased). */
  keyword: string;
  /** 1-based line of the keyword. */
  line: number;
  /** The arguments as Docker sees them, line continuations joined, flags removed. */
  args: string[];
  /** The arguments as one string (continuations joined), flags included. */
  text: string;
  /** `--from=build` → { from: 'build' }. */
  flags: Record<string, string | null>;
  /** Exec form (a JSON array of strings), for RUN, CMD, ENTRYPOINT, SHELL. */
  json?: string[];
  /** Starts with `[` but is not a JSON array of strings: Docker runs it as shell form. */
  jsonMalformed?: boolean;
  /** ENV, ARG and LABEL: name and value (unquoted); value null for `ARG NAME`. */
  properties?: { name: string; value: string | null }[];
  /** Index of the build stage (-1 for ARGs before the first FROM). */
  stage: number;
}

export interface BaseImage {
  /** As written after FROM, with build arguments expanded where they have a default. */
  ref: string;
  name: string;
  tag?: string;
  digest?: string;
  /** Variables without a value, e.g. `${VERSION}` when `ARG VERSION` has no default. */
  unresolved: string[];
  /** `FROM build` where `build` is an earlier stage: the index of that stage. */
  stageRef?: number;
  scratch: boolean;
}

export interface Stage {
  index: number;
  name?: string;
  from: Instruction;
  base: BaseImage;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** Path relative to the submission, for messages: `Dockerfile`. */
  file: string;
  /** The build context: the folder that holds the Dockerfile. */
  contextDir: string;
  instructions: Instruction[];
  stages: Stage[];
  /** Problems found while reading (see rules/dockerfile.ts for the rest). */
  problems: Problem[];
}

export interface IgnoreRule {
  pattern: string;
  negated: boolean;
  line: number;
}

export interface DockerIgnore {
  file: string;
  /** The build context the patterns apply to. */
  contextDir?: string;
  rules: IgnoreRule[];
}

/** The Dockerfile `file` of the submission `dir`, or the problem that stops it being read. */
export function loadDockerfile(dir: string, file: string): Dockerfile | Problem {
  const absPath = path.join(dir, file);
  if (!existsSync(absPath) || !statSync(absPath).isFile()) {
    return { code: 'dockerfile.missing', at: { file }, params: { file, dir: path.dirname(absPath) } };
  }
  const source = readSource(dir, file);
  if (isProblem(source)) return textFileProblem(source);
  const df = parseDockerfile(source.text, file, path.dirname(absPath));
  if (df.instructions.length === 0) return { code: 'dockerfile.empty', at: { file } };
  return df;
}

/** Size and encoding problems worded for a Dockerfile, not a manifest; links and permissions read the same everywhere. */
function textFileProblem(p: Problem): Problem {
  return /^file\.(tooLarge|binary|notUtf8)$/.test(p.code) ? { ...p, code: `textfile.${p.code.split('.')[1]}` } : p;
}

export function parseDockerfile(text: string, file: string, contextDir: string): Dockerfile {
  const ast = DockerfileParser.parse(text);
  const problems: Problem[] = [];
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  let stage = -1;
  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    const line = node.getRange().start.line + 1;
    if (keyword === 'FROM') stage++;
    else if (stage === -1 && keyword !== 'ARG') {
      // Only ARG may come before the first FROM; docker build stops here.
      problems.push({ code: 'dockerfile.beforeFrom', at: { file, line }, params: { keyword } });
    }
    const ins = toInstruction(node, keyword, line, stage);
    instructions.push(ins);
    if (keyword === 'FROM') {
      const name = ins.args[1]?.toUpperCase() === 'AS' ? ins.args[2] : undefined;
      stages.push({ index: stage, name, from: ins, base: baseImage(ast, node, ins, stages), instructions: [] });
    }
    if (stage >= 0) stages[stage]!.instructions.push(ins);
  }
  return { file, contextDir, instructions, stages, problems };
}

function toInstruction(node: AstInstruction, keyword: string, line: number, stage: number): Instruction {
  const text = node.getArgumentsContent() ?? '';
  const ins: Instruction = { keyword, line, args: node.getArguments().map((a) => a.getValue()), text, flags: {}, stage };
  const withFlags = node as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  for (const flag of withFlags.getFlags?.() ?? []) ins.flags[flag.getName().toLowerCase()] = flag.getValue();
  if (['RUN', 'CMD', 'ENTRYPOINT', 'SHELL'].includes(keyword)) {
    // Docker's own rule: the arguments are exec form when they parse as a JSON array of strings.
    const body = stripFlags(text).trim();
    if (body.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) ins.json = parsed;
        else ins.jsonMalformed = true;
      } catch {
        ins.jsonMalformed = true;
      }
    }
  }
  const withProps = node as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[] };
  if (withProps.getProperties) {
    ins.properties = withProps.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
  }
  return ins;
}

// RUN --mount=… [ "a" ]: the flags come before the JSON array.
function stripFlags(text: string): string {
  return text.replace(/^(\s*--\S+)+\s*/, '');
}

function baseImage(ast: AstDockerfile, node: AstInstruction, ins: Instruction, earlier: Stage[]): BaseImage {
  const raw = ins.args[0] ?? '';
  const unresolved: string[] = [];
  // Build arguments declared before FROM may give the image; expand those with a default.
  const ref = raw.replace(/\$(?:\{(\w+)(?::?[-+][^}]*)?\}|(\w+))/g, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const value = ast.resolveVariable(name, node.getRange().start.line);
    if (typeof value === 'string') return value;
    const fallback = /:?-([^}]*)\}$/.exec(whole)?.[1];
    if (fallback !== undefined) return fallback;
    unresolved.push(name);
    return whole;
  });
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const nameTag = at >= 0 ? ref.slice(0, at) : ref;
  // A colon after the last slash separates the tag; one before it is a registry port.
  const colon = nameTag.lastIndexOf(':');
  const tag = colon > nameTag.lastIndexOf('/') ? nameTag.slice(colon + 1) : undefined;
  const name = tag === undefined ? nameTag : nameTag.slice(0, colon);
  const stageRef = earlier.find((s) => s.name !== undefined && s.name.toLowerCase() === ref.toLowerCase())?.index;
  return { ref, name, tag, digest, unresolved, stageRef, scratch: ref.toLowerCase() === 'scratch' };
}

/** The .dockerignore `file` of the folder `dir`, or the problem that stops it being read. */
export function loadDockerignore(dir: string, file: string): DockerIgnore | Problem {
  const absPath = path.join(dir, file);
  if (!existsSync(absPath) || !statSync(absPath).isFile()) {
    return { code: 'dockerignore.missing', at: { file }, params: { file } };
  }
  const source = readSource(dir, file);
  if (isProblem(source)) return textFileProblem(source);
  return { ...parseDockerignore(source.text, file), contextDir: path.dirname(absPath) };
}

/** Docker's reading: one pattern a line, `#` comments, `!` exceptions, blanks trimmed. */
export function parseDockerignore(text: string, file: string): DockerIgnore {
  const rules: IgnoreRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const negated = trimmed.startsWith('!');
    let pattern = (negated ? trimmed.slice(1) : trimmed).trim();
    // Docker cleans each pattern like a path: no leading `/` or `./`, no trailing `/`.
    pattern = path.posix.normalize(pattern).replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern === '.' || pattern === '') return;
    rules.push({ pattern, negated, line: i + 1 });
  });
  return { file, rules };
}
