// The variants that prove an exercise's grader: its reference solution, its starter, and its
// mutants (wrong copies of the solution), described in `solutions/<NN-slug>.prove.yaml`.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../catalog/paths.ts';

export type Edit =
  | { replace: string; with: string; all?: boolean }
  | { write: string }
  | { delete: true };

export interface Mutant {
  name: string;
  /** The rubric line (the `it` title) that must fail. */
  line: string;
  /** A fragment of the failure message the learner must see. */
  expect: string;
  edit: Record<string, Edit[]>;
}

/** A rubric line no mutant can break on its own, with the reason: reported as skipped, never proven. */
export interface Unproven {
  line: string;
  why: string;
}

export interface ProveFile {
  /** `fails`: static lines the starter leaves undone; `failsLive`: lines it fails on a cluster. */
  starter: { fails: string[]; failsLive: string[] };
  mutants: Mutant[];
  unproven: Unproven[];
}

export interface ExerciseUnderProof {
  slug: string; // "07-deployment-service"
  exerciseDir: string;
  solutionDir: string;
  prove: ProveFile;
}

export function exercisesUnderProof(): ExerciseUnderProof[] {
  const solutions = path.join(REPO_ROOT, 'solutions');
  if (!existsSync(solutions)) return [];
  return readdirSortedProveFiles(solutions).map((file) => {
    const slug = path.basename(file, '.prove.yaml');
    const prove = parse(readFileSync(file, 'utf8')) as ProveFile;
    return {
      slug,
      exerciseDir: path.join(REPO_ROOT, 'exercises', slug),
      solutionDir: path.join(solutions, slug),
      prove: {
        starter: { fails: prove.starter?.fails ?? [], failsLive: prove.starter?.failsLive ?? [] },
        mutants: prove.mutants ?? [],
        unproven: prove.unproven ?? [],
      },
    };
  });
}

function readdirSortedProveFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.prove.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** A temporary copy of the solution with the mutant's edits applied. Throws on a stale edit. */
export function materialize(solutionDir: string, mutant: Mutant): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `taller-mutant-${mutant.name}-`));
  cpSync(solutionDir, dir, { recursive: true });
  for (const [file, edits] of Object.entries(mutant.edit)) {
    const target = path.join(dir, file);
    for (const edit of edits) {
      if ('delete' in edit) rmSync(target);
      else if ('write' in edit) writeFileSync(target, edit.write);
      else {
        const text = readFileSync(target, 'utf8');
        const count = text.split(edit.replace).length - 1;
        if (count === 0 || (count > 1 && !edit.all)) {
          rmSync(dir, { recursive: true, force: true });
          throw new Error(
            `mutant "${mutant.name}": ${file} contains ${JSON.stringify(edit.replace)} ${count} times (expected exactly once${edit.all ? ' or more' : ''})`,
          );
        }
        writeFileSync(target, text.split(edit.replace).join(edit.with));
      }
    }
  }
  return dir;
}
