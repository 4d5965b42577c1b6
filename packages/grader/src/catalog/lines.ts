// Which rubric line is running, and which failed before it in this run: a line that cannot be
// checked because an earlier one failed is skipped naming that line, not failed again with the
// same cause («depende de «…»»). Root hooks, registered by the first exercise a spec file creates.
import type { Context, Test } from 'mocha';
import { onGradingFailure, onLineFailing } from '../assert/failure.ts';
import type { Problem } from '../messages/problem.ts';
import { reason } from '../messages/index.ts';
import { skipWith } from '../live/skip.ts';

interface Failed {
  title: string;
  problems: Problem[];
}

let current: Test | undefined;
let pending: Failed | undefined;
const failedLines: Failed[] = [];
let registered = false;

/** Called while Mocha loads spec files (its globals exist then); later calls do nothing. */
export function trackRubricLines(): void {
  if (registered || typeof before !== 'function') return;
  registered = true;
  onGradingFailure((problems) => {
    if (current) pending = { title: current.title, problems };
  });
  onLineFailing(skipIfAlreadyReported);
  // Root hooks run again for every run of the same loaded specs (the proof grades many folders).
  before(() => {
    failedLines.length = 0;
  });
  beforeEach(function (this: Context) {
    current = this.currentTest;
    pending = undefined;
  });
  afterEach(function (this: Context) {
    if (pending && this.currentTest?.state === 'failed') failedLines.push(pending);
    current = undefined;
  });
}

/**
 * Skips the running line when an earlier failed line reported one of `causes` (a problem at the
 * same file and code): this line depends on it. Returns when there is no such line.
 */
export function skipIfDependsOnFailed(causes: Problem[]): void {
  if (!current?.ctx || causes.length === 0) return;
  const same = (a: Problem, b: Problem) => a.code === b.code && a.at.file === b.at.file;
  const earlier = failedLines.find((f) => f.title !== current!.title && f.problems.some((p) => causes.some((c) => same(p, c))));
  if (earlier) skipWith(current.ctx, reason('line.dependsOn', { line: earlier.title }));
}

/**
 * Skips the running line when every problem it would report was already reported, word for word
 * (same code, place and parameters), by one earlier failed line: each problem is printed once.
 */
function skipIfAlreadyReported(problems: Problem[]): void {
  if (!current?.ctx || problems.length === 0) return;
  const key = (p: Problem) => JSON.stringify([p.code, p.at.file, p.at.line, p.at.col, p.at.path, p.params]);
  const keys = problems.map(key);
  const earlier = failedLines.find((f) => f.title !== current!.title && keys.every((k) => f.problems.some((p) => key(p) === k)));
  if (earlier) skipWith(current.ctx, reason('line.dependsOn', { line: earlier.title }));
}
