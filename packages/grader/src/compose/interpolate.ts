// Compose's variable interpolation (`${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
// `$VAR`, `$$`) and the `.env` files it reads, as Docker Compose v2 does for the project's `.env`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isProblem, readSource } from '../parse/source.ts';

export type DotEnv = Map<string, string>;

export interface Reference {
  name: string;
  /** The operator: '' (`$VAR`, `${VAR}`), ':-', '-', ':?', '?', ':+', '+'. */
  op: string;
  /** The text after the operator (a default or an error message). */
  arg?: string;
}

export interface Interpolated {
  value: string;
  references: Reference[];
  /** Variables neither the `.env` file nor a default gives a value. */
  unresolved: string[];
}

const VAR = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Interpolates `text` against `env`, recording every variable it refers to. */
export function interpolate(text: string, env: DotEnv): Interpolated {
  const references: Reference[] = [];
  const unresolved: string[] = [];
  const value = text.replace(VAR, (whole, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const ref: Reference = { name, op: op ?? '' };
    if (arg !== undefined) ref.arg = arg;
    references.push(ref);
    const set = env.get(name);
    switch (op) {
      case ':-':
        return set ? set : interpolate(arg ?? '', env).value;
      case '-':
        return set !== undefined ? set : interpolate(arg ?? '', env).value;
      case ':+':
        return set ? interpolate(arg ?? '', env).value : '';
      case '+':
        return set !== undefined ? interpolate(arg ?? '', env).value : '';
      default:
        if (set === undefined) unresolved.push(name);
        return set ?? '';
    }
  });
  return { value, references, unresolved };
}

/** `KEY=value` lines as Docker Compose reads a `.env` file (comments, `export`, quotes). */
export function parseDotEnv(text: string): DotEnv {
  const env: DotEnv = new Map();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : quoted[2]!;
    else value = value.replace(/\s+#.*$/, '').trim();
    env.set(m[1]!, value);
  }
  return env;
}

/** `name` in `dir`, read like any learner file (bounded, never through a link out of `dir`); undefined when it cannot be used. */
export function readDotEnv(dir: string, name: string): DotEnv | undefined {
  if (!existsSync(path.join(dir, name))) return undefined;
  const source = readSource(dir, name);
  return isProblem(source) ? undefined : parseDotEnv(source.text);
}
