// A learner's Compose file as the rules see it: the merged document with positions, its YAML tree
// (for anchors), the variables of the `.env` file it is interpolated against, and its schema
// problems (`expect(compose).to.be.valid`).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import type { FieldPath, Location } from '../parse/location.ts';
import { readDotEnv, type DotEnv } from './interpolate.ts';
import { readComposeFile } from './parse.ts';
import { composeSchemaProblems } from './schema.ts';

export interface ComposeFile {
  readonly file: string;
  readonly root: Node<Record<string, unknown>>;
  readonly ast: Document.Parsed;
  /** Variables Compose would read from `.env`: here, the kit's `.env.example`. */
  readonly env: DotEnv;
  /** Which file gave them (for messages), relative to the submission, or undefined. */
  readonly envFile?: string;
  /** Schema problems; empty when the file matches the Compose specification. */
  readonly problems: Problem[];
  at(path: FieldPath): Location;
}

export interface LoadComposeOptions {
  /** Folders searched in order for the env file (the submission first, then the exercise). */
  envDirs: { dir: string; label: string }[];
  envFileName?: string;
}

/** The Compose file, or the problems that stop it being read (YAML, anchors, merges). */
export function loadCompose(dir: string, file: string, opts: LoadComposeOptions): ComposeFile | Problem[] {
  const abs = path.join(dir, file);
  if (!existsSync(abs)) return [{ code: 'compose.missing', at: { file }, params: { file } }];
  if (!statSync(abs).isFile()) return [{ code: 'file.notRegular', at: { file } }];
  const parsed = readComposeFile(dir, file);
  if (parsed.problems.length || !parsed.document || !parsed.ast) return parsed.problems;
  const document = parsed.document;
  const envName = opts.envFileName ?? '.env.example';
  let env: DotEnv = new Map();
  let envFile: string | undefined;
  for (const { dir: d, label } of opts.envDirs) {
    const found = readDotEnv(d, envName);
    if (found) {
      env = found;
      envFile = label;
      break;
    }
  }
  const root = Node.ofDocument<Record<string, unknown>>(file, document);
  return {
    file,
    root,
    ast: parsed.ast,
    env,
    envFile,
    problems: composeSchemaProblems(document, file),
    at: (p: FieldPath) => root.location(p),
  };
}
