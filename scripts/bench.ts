// The kit's benchmark: wall time of a static verdict per exercise (its reference solution,
// graded as a learner would with `npm test -w exercise-NN`), beside an empty Mocha spec run the
// same way, so the grader's own cost is visible; with --live, also the live verdict (static and
// live tiers against the cluster or Docker the environment points at, e.g. KUBECONFIG and
// TALLER_CLUSTER=existing); with --wrong, the live verdict of every mutant whose static tier
// passes (a wrong submission only the live tier can catch), once each: how fast a failure is
// known. Usage: npm run bench [-- --runs 7] [--live] [--wrong] [--only 10]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exercisesUnderProof, materialize } from '../packages/grader/src/prove/variants.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const LIVE = process.argv.includes('--live');
const WRONG = process.argv.includes('--wrong');
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1]!.padStart(2, '0') : undefined;

/** Wall time of `npm ARGS`; it must pass, or fail when `fails` (a wrong submission). */
function time(args: string[], env: NodeJS.ProcessEnv, fails = false): number {
  const start = performance.now();
  const r = spawnSync('npm', args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: 'ignore' });
  const ms = performance.now() - start;
  if ((r.status !== 0) !== fails) throw new Error(`npm ${args.join(' ')} exited ${r.status}`);
  return ms;
}

function stats(samples: number[]): { min: number; median: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s.at(-1)! };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'taller-bench-'));
const empty = path.join(tmp, 'empty.spec.ts');
writeFileSync(empty, "describe('vacía', () => { it('nada', () => {}); });\n");
const emptyConfig = path.join(tmp, 'mocharc.cjs');
writeFileSync(
  emptyConfig,
  `module.exports = { ...require(${JSON.stringify(path.join(ROOT, 'mocha.shared.cjs'))}), spec: [${JSON.stringify(empty)}] };\n`,
);

const exercises = readdirSync(path.join(ROOT, 'exercises'))
  .filter((d) => /^\d\d-/.test(d) && (!ONLY || d.startsWith(ONLY)))
  .sort();
console.log(`Static verdicts, ${RUNS} runs each (${os.cpus().length} cores, node ${process.version})`);
console.log('exercise                         median    min       max       empty spec (median)');
try {
  for (const dir of exercises) {
    const ws = `exercise-${dir.slice(0, 2)}`;
    const solution = path.join(ROOT, 'solutions', dir);
    const env = { TALLER_SUBMISSION: solution, TALLER_TIERS: 'static' };
    time(['test', '-w', ws], env); // warm the transpile cache
    const verdict = stats(Array.from({ length: RUNS }, () => time(['test', '-w', ws], env)));
    const baseline = stats(
      Array.from({ length: RUNS }, () => time(['exec', '-w', ws, '--', 'mocha', '--config', emptyConfig], {})),
    );
    console.log(
      `${dir.padEnd(32)} ${fmt(verdict.median).padEnd(9)} ${fmt(verdict.min).padEnd(9)} ${fmt(verdict.max).padEnd(9)} ${fmt(baseline.median)}`,
    );
  }
  if (LIVE) {
    console.log(`\nLive verdicts (static + live tiers), ${RUNS} runs each, warm cluster and images`);
    console.log('exercise                         median    min       max');
    for (const dir of exercises) {
      const env = { TALLER_SUBMISSION: path.join(ROOT, 'solutions', dir), TALLER_TIERS: 'all' };
      const ws = `exercise-${dir.slice(0, 2)}`;
      time(['test', '-w', ws], env); // warm: cluster created, images built and loaded
      const verdict = stats(Array.from({ length: RUNS }, () => time(['test', '-w', ws], env)));
      console.log(`${dir.padEnd(32)} ${fmt(verdict.median).padEnd(9)} ${fmt(verdict.min).padEnd(9)} ${fmt(verdict.max)}`);
    }
  }
  if (WRONG) {
    console.log('\nWrong verdicts (live mutants: static passes, live fails), one run each, warm cluster');
    console.log('exercise                         mutant                                   time');
    for (const ex of exercisesUnderProof().filter((e) => exercises.includes(e.slug))) {
      const ws = `exercise-${ex.slug.slice(0, 2)}`;
      for (const mutant of ex.prove.mutants) {
        const dir = materialize(ex.solutionDir, mutant);
        try {
          const statik = spawnSync('npm', ['test', '-w', ws], { cwd: ROOT, env: { ...process.env, TALLER_SUBMISSION: dir, TALLER_TIERS: 'static' }, stdio: 'ignore' });
          if (statik.status !== 0) continue; // caught by the static tier: no live wait
          const ms = time(['test', '-w', ws], { TALLER_SUBMISSION: dir, TALLER_TIERS: 'all' }, true);
          console.log(`${ex.slug.padEnd(32)} ${mutant.name.padEnd(40)} ${fmt(ms)}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
