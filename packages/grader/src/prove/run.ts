// Runs one exercise's spec against several folders in one process: the spec files are loaded
// once, then Mocha runs them again for each folder. Prints one JSON line per folder.
// Usage: node --import tsx run.ts <exerciseDir> <folder>[\n<only this rubric line>]...
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import type { GradingFailure } from '../assert/failure.ts';
import { clearSubmissionCache } from '../catalog/exercise.ts';
import { skipOf } from '../live/skip.ts';
import { RESULT_PREFIX, type LineResult } from './protocol.ts';

async function main(): Promise<void> {
  const [exerciseDir, ...folders] = process.argv.slice(2);
  if (!exerciseDir) throw new Error('usage: run.ts <exerciseDir> <folder>...');
  const mocha = new Mocha({ reporter: class {} as unknown as string, timeout: 60_000 });
  mocha.cleanReferencesAfterRun(false);
  const testDir = path.join(exerciseDir, 'test');
  for (const f of readdirSync(testDir).filter((f) => f.endsWith('.spec.ts')).sort()) {
    mocha.addFile(path.join(testDir, f));
  }
  await mocha.loadFilesAsync();
  for (const arg of folders) {
    // A live mutant runs only its own line: the others would only repeat slow waits.
    const [folder, only] = arg.split('\n') as [string, string | undefined];
    mocha.grep(only ? new RegExp(only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : '');
    process.env.TALLER_SUBMISSION = folder;
    clearSubmissionCache();
    const lines: LineResult[] = [];
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => lines.push({ title: t.title, state: 'passed' }));
      runner.on('pending', (t) => {
        const { reason, needs } = skipOf(t);
        lines.push({ title: t.title, state: 'pending', reason, needs });
      });
      runner.on('fail', (t, err: Error) => {
        // By shape: the spec's grader module may be another instance than this file's import.
        const records = (err as Partial<GradingFailure>).records;
        const codes = Array.isArray(records) ? records.map((r) => r.code) : undefined;
        lines.push({ title: t.title, state: 'failed', message: err.message, codes, crash: err.name !== 'AssertionError' });
      });
    });
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ folder, lines })}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
