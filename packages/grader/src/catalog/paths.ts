// Where things are: the repository, an exercise, and the submission being graded.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

export function packageRoot(from: string): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * The folder to grade: the exercise itself, or `TALLER_SUBMISSION`. A relative value is taken
 * from where the learner typed the command (npm's INIT_CWD), then from the repository root.
 */
export function submissionDir(exerciseRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = env.TALLER_SUBMISSION;
  if (!given) return exerciseRoot;
  if (path.isAbsolute(given)) return given;
  const bases = [env.INIT_CWD, REPO_ROOT, process.cwd()].filter((b): b is string => Boolean(b));
  const candidates = bases.map((b) => path.resolve(b, given));
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

export function relativeToRepo(p: string): string {
  const rel = path.relative(REPO_ROOT, p);
  return rel.startsWith('..') ? p : rel || '.';
}
