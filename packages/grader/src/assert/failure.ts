// A rubric line that fails: a chai AssertionError whose message is the rendered problems, so
// Mocha counts it as a failure (not a crash) and the reporter prints it as the learner reads it.
// The problems also travel as plain data (`records`), so CI outputs can point at files and lines.
import path from 'node:path';
import { AssertionError } from 'chai';
import { renderProblem, renderProblems, type Problem } from '../messages/index.ts';
import { formatPath } from '../parse/location.ts';

/** A problem as data for the reporter (a CommonJS module): where, and its text without colours. */
export interface ProblemRecord {
  code: string;
  severity: 'error' | 'warning';
  /** Absolute path of the learner's file, when the problem is in one. */
  file?: string;
  line?: number;
  col?: number;
  path?: string;
  /** What is wrong and what to do, as the learner reads it (without the location line). */
  text: string;
}

// The folder being graded, noted by the exercise each time it resolves it: problems locate
// their files relative to it.
let submission: string | undefined;
export function noteSubmission(dir: string): void {
  submission = dir;
}

function record(problem: Problem): ProblemRecord {
  const { file, line, col } = problem.at;
  const text = renderProblem(problem, { hints: false }).split('\n').slice(1).map((l) => l.trim()).join('\n');
  return {
    code: problem.code,
    severity: problem.severity ?? 'error',
    file: file && submission ? path.resolve(submission, file) : undefined,
    line,
    col,
    path: formatPath(problem.at.path) || undefined,
    text,
  };
}

// Told of every failure as it is thrown (catalog/lines.ts keeps the running line's).
let listener: ((problems: Problem[]) => void) | undefined;
export function onGradingFailure(fn: (problems: Problem[]) => void): void {
  listener = fn;
}

export class GradingFailure extends AssertionError<unknown> {
  readonly records: ProblemRecord[];
  constructor(readonly problems: Problem[]) {
    super(renderProblems(problems));
    this.records = problems.map(record);
    listener?.(problems);
  }
}

export function failWith(...problems: Problem[]): never {
  throw new GradingFailure(problems);
}

// Asked before a rubric line fails through an assertion: it may skip the line instead, when an
// earlier line already reported the same problems (catalog/lines.ts).
let beforeLineFails: ((problems: Problem[]) => void) | undefined;
export function onLineFailing(fn: (problems: Problem[]) => void): void {
  beforeLineFails = fn;
}

/** An assertion's problems fail the running line (unless they were already reported). */
export function failLine(problems: Problem[]): never {
  beforeLineFails?.(problems);
  throw new GradingFailure(problems);
}
