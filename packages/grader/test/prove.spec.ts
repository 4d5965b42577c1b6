// The proof that every exercise's grader is right: its reference solution passes every rubric
// line, its starter fails exactly the lines it leaves undone, and every mutant fails on its
// line with the message a learner must read. Nothing may crash the grader.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { RESULT_PREFIX, type LineResult } from '../src/prove/protocol.ts';
import { checklistDisagreements, readmeChecklist, CHECKLIST_HEADING } from '../src/prove/checklist.ts';
import { exercisesUnderProof, materialize, type ExerciseUnderProof } from '../src/prove/variants.ts';
import { requiredNeeds, skipWith } from '../src/live/skip.ts';

const RUNNER = path.join(import.meta.dirname, '../src/prove/run.ts');

function runVariants(exerciseDir: string, folders: string[], env: NodeJS.ProcessEnv = {}): Promise<Map<string, LineResult[]>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--no-experimental-require-module', RUNNER, exerciseDir, ...folders],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, TALLER_LANG: 'es', ...env },
        timeout: 1_200_000,
        killSignal: 'SIGKILL',
      },
      (err, out, errOut) => {
        if (err) return reject(new Error(`${err.message}\n${errOut.slice(-4000)}`));
        const results = new Map<string, LineResult[]>();
        for (const line of out.split('\n')) {
          if (!line.startsWith(RESULT_PREFIX)) continue;
          const { folder, lines } = JSON.parse(line.slice(RESULT_PREFIX.length)) as { folder: string; lines: LineResult[] };
          results.set(folder, lines);
        }
        resolve(results);
      },
    );
  });
}

// TALLER_PROVE_PARALLEL=N (set by .ci/run for the whole kit) runs N proofs side by side: most of a
// live proof is waiting (for Pods, a compose stack, Airflow), and each grader run has its own
// namespace, project name and ports. Unset, each suite proves only its own exercise, so
// `-g 07-deployment-service` runs that proof alone.
const PARALLEL = Math.max(1, Number(process.env.TALLER_PROVE_PARALLEL) || 1);
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Proof {
  mutantDirs: Map<string, string>;
  results: Map<string, LineResult[]>;
  /** Lines the static pass could not run for the solution: live lines. */
  liveLines: Set<string>;
}

/** Static first, for every variant (fast); then the live tiers only where they prove something:
 * the solution, the starter, and the mutants whose line is a live one. */
async function prove(ex: ExerciseUnderProof): Promise<Proof> {
  const mutantDirs = new Map<string, string>();
  for (const m of ex.prove.mutants) mutantDirs.set(m.name, materialize(ex.solutionDir, m));
  const results = await runVariants(ex.exerciseDir, [ex.solutionDir, ex.exerciseDir, ...mutantDirs.values()], { TALLER_TIERS: 'static' });
  const liveLines = new Set(results.get(ex.solutionDir)!.filter((l) => l.state === 'pending').map((l) => l.title));
  const liveMutants = ex.prove.mutants.filter((m) => liveLines.has(m.line)).map((m) => `${mutantDirs.get(m.name)!}\n${m.line}`);
  for (const [folder, lines] of await runVariants(ex.exerciseDir, [ex.solutionDir, ex.exerciseDir, ...liveMutants], { TALLER_TIERS: 'all' })) {
    // A live mutant ran only its own line: keep its static results for the others.
    const staticLines = results.get(folder) ?? [];
    results.set(folder, [...staticLines.filter((l) => !lines.some((n) => n.title === l.title)), ...lines]);
  }
  return { mutantDirs, results, liveLines };
}

const EXERCISES = exercisesUnderProof();
const proofs = new Map<string, Promise<Proof>>();
function startProofs(own: ExerciseUnderProof): void {
  for (const ex of PARALLEL > 1 ? EXERCISES : [own]) {
    if (proofs.has(ex.slug)) continue;
    const proof = inTurn(() => prove(ex));
    proof.catch(() => undefined); // awaited (and reported) by its own suite
    proofs.set(ex.slug, proof);
  }
}

const crashes = (lines: LineResult[]) => lines.filter((l) => l.crash).map((l) => `${l.title}: ${l.message}`);

for (const ex of EXERCISES) {
  describe(`proof of the ${ex.slug} grader`, () => {
    let mutantDirs = new Map<string, string>();
    let results = new Map<string, LineResult[]>();
    let liveLines = new Set<string>();

    before(async function () {
      this.timeout(60 * 60_000); // it may wait for the proofs before it
      startProofs(ex);
      ({ mutantDirs, results, liveLines } = await proofs.get(ex.slug)!);
    });

    after(() => {
      for (const dir of mutantDirs.values()) rmSync(dir, { recursive: true, force: true });
    });

    it('the reference solution passes every rubric line', () => {
      const lines = results.get(ex.solutionDir)!;
      expect(lines, 'no results for the solution').to.have.length.greaterThan(0);
      const failed = lines.filter((l) => l.state === 'failed').map((l) => `${l.title}\n${l.message}`);
      // The whole messages in the report: chai would shorten the list to `[ Array(1) ]`.
      expect(failed, `failed lines:\n${failed.join('\n\n')}\n`).to.deep.equal([]);
    });

    it('every line of the solution ran here (none skipped for lack of Docker, a cluster or real nodes)', function () {
      const skipped = results.get(ex.solutionDir)!.filter((l) => l.state === 'pending');
      if (requiredNeeds().size > 0) {
        // Under TALLER_REQUIRE a line skipped for a required need has already failed; what may
        // still skip is a line whose missing need it does not name. Any other skip of the
        // solution (no need recorded) means a line that should have run did not.
        const unexplained = skipped.filter((l) => !l.needs).map((l) => `${l.title}: ${l.reason ?? 'sin motivo'}`);
        expect(unexplained, `TALLER_REQUIRE=${[...requiredNeeds()].join(',')}, and these lines did not run:\n${unexplained.join('\n')}\n`).to.deep.equal([]);
      }
      if (skipped.length > 0) {
        const reasons = [...new Set(skipped.map((l) => l.reason ?? 'sin motivo'))];
        skipWith(this, `${skipped.length} línea(s) en vivo no se ejecutaron aquí: ${reasons.join(' | ')}`);
      }
    });

    it('the starter fails exactly the lines it leaves undone, without crashing', () => {
      const lines = results.get(ex.exerciseDir)!;
      expect(crashes(lines)).to.deep.equal([]);
      const { fails, failsLive } = ex.prove.starter;
      // A live line the starter fails is skipped where no cluster runs it; it never passes.
      const liveRan = lines.filter((l) => failsLive.includes(l.title) && l.state !== 'pending').map((l) => l.title);
      const failed = lines.filter((l) => l.state === 'failed');
      const unexpected = failed.filter((l) => !fails.includes(l.title) && !liveRan.includes(l.title)).map((l) => `${l.title}\n${l.message}`);
      expect(unexpected, `the starter also fails:\n${unexpected.join('\n\n')}\n`).to.deep.equal([]);
      expect(failed.map((l) => l.title)).to.have.members([...fails, ...liveRan]);
      expect(lines.filter((l) => failsLive.includes(l.title) && l.state === 'passed').map((l) => l.title)).to.deep.equal([]);
    });

    it('every rubric line, static or live, has a mutant or an `unproven` entry', () => {
      // Live lines are listed even where they cannot run: they come back skipped.
      const lines = results.get(ex.solutionDir)!.map((l) => l.title);
      const covered = new Set([...ex.prove.mutants.map((m) => m.line), ...ex.prove.unproven.map((u) => u.line)]);
      expect(lines.filter((t) => !covered.has(t)), 'lines without a mutant').to.deep.equal([]);
    });

    it(`every item of the README's «${CHECKLIST_HEADING}» is broken by a mutant, or is marked as advice`, () => {
      const readme = path.join(ex.exerciseDir, 'README.md');
      const mutants = ex.prove.mutants.map((m) => m.name);
      const problems = checklistDisagreements(path.relative(REPO_ROOT, readme), readmeChecklist(readme), ex.prove.checklist, mutants);
      expect(problems, `the README and the prove file's checklist disagree:\n${problems.join('\n')}\n`).to.deep.equal([]);
    });

    it('every mutant of a static line names the problem code it must cause (`code:`)', () => {
      // A code survives rewording a message; live lines may cite cluster evidence instead.
      const unnamed = ex.prove.mutants.filter((m) => !liveLines.has(m.line) && !m.code).map((m) => m.name);
      expect(unnamed, 'mutants without code:').to.deep.equal([]);
    });

    for (const { line, why } of ex.prove.unproven) {
      it(`«${line}» has a mutant`, function () {
        skipWith(this, `sin mutante: ${why}`);
      });
    }

    for (const mutant of ex.prove.mutants) {
      it(`mutant "${mutant.name}" fails «${mutant.line}»`, function () {
        const lines = results.get(mutantDirs.get(mutant.name)!)!;
        expect(crashes(lines)).to.deep.equal([]);
        const line = lines.find((l) => l.title === mutant.line);
        expect(line, `no rubric line titled «${mutant.line}»`).to.not.equal(undefined);
        // A live line that could not run here proves nothing: skip, never pass (under
        // TALLER_REQUIRE, a line skipped for a required need comes back failed instead).
        if (line!.state === 'pending') {
          // Skipped where the solution's line ran: the mutant stops the grader before its line
          // (a static error blocks the build or the apply), so it proves nothing anywhere.
          // Where the solution's line was skipped too, the machine lacks the tier; the mutant may
          // also break a static line (rule failures do not stop the cluster tier), and wherever
          // the tier runs it is judged on its own line.
          const ran = results.get(ex.solutionDir)!.find((l) => l.title === mutant.line)?.state !== 'pending';
          if (ran) {
            const others = lines.filter((l) => l.state === 'failed').map((l) => `${l.title}\n${l.message}`);
            expect.fail(`«${mutant.line}» ran for the solution but was skipped for the mutant (${line!.reason}); these lines failed:\n${others.join('\n\n')}\n`);
          }
          skipWith(this, `«${mutant.line}» no se ejecutó aquí: ${line!.reason ?? 'nivel en vivo no disponible'}`);
        }
        expect(line!.state, `«${mutant.line}» should fail`).to.equal('failed');
        // The whole message: chai shortens it, and under TALLER_REQUIRE it may say the line could not run.
        expect(line!.message, `«${mutant.line}» failed with:\n${line!.message}\n`).to.include(mutant.expect);
        if (mutant.code) expect(line!.codes ?? [], `«${mutant.line}» failed with:\n${line!.message}\n`).to.include(mutant.code);
      });
    }
  });
}
