// The variants that prove an exercise's grader: its reference solution, its starter, and its
// mutants (wrong copies of the solution), described in `solutions/<NN-slug>.prove.yaml`.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../catalog/paths.ts';
import { processAlive } from '../system/process.ts';

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
  /** The catalogue code of the problem the line must report (survives rewording a message). */
  code?: string;
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
  /** Each README item's id (`<!-- id: … -->`) → the mutants that break it (see checklist.ts). */
  checklist: Record<string, string[]>;
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
        checklist: prove.checklist ?? {},
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

const PREFIX = 'taller-mutant-';
const DAY_MS = 24 * 60 * 60 * 1000;
/** This process's mutant copies not yet removed: removed on exit and on Ctrl-C / SIGTERM too. */
const mine = new Set<string>();
let hooked = false;

function removeMine(): void {
  for (const dir of mine) rmSync(dir, { recursive: true, force: true });
  mine.clear();
}

function hookCleanup(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removeMine);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      removeMine();
      // Alone, keep the signal's usual effect; otherwise whoever else listens (Mocha, the live tier) decides.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/**
 * Removes mutant copies left by earlier runs that were killed before their cleanup ran: those whose
 * process (its pid is in the name) is gone, and any older than a day. Another run's copies stay.
 */
export function removeStaleMutantDirs(tmp = os.tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    try {
      const pid = Number(/^taller-mutant-(\d+)-/.exec(name)?.[1]);
      // A copy without a pid (an older kit's) has no known owner: only its age tells.
      const stale = now - statSync(dir).mtimeMs > DAY_MS || (pid > 0 && !processAlive(pid));
      if (!stale || mine.has(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Another user's, or already gone: not ours to worry about.
    }
  }
  return removed;
}

let sweptStale = false;

/** A temporary copy of the solution with the mutant's edits applied. Throws on a stale edit. */
export function materialize(solutionDir: string, mutant: Mutant): string {
  if (!sweptStale) {
    sweptStale = true;
    removeStaleMutantDirs();
  }
  hookCleanup();
  // The pid in the name tells a later run whether this copy's owner is still alive.
  const dir = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-${mutant.name}-`));
  mine.add(dir);
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
          mine.delete(dir);
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
