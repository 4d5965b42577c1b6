// A rubric line that fails: a chai AssertionError whose message is the rendered problems, so
// Mocha counts it as a failure (not a crash) and the reporter prints it as the learner reads it.
import { AssertionError } from 'chai';
import { renderProblems, type Problem } from '../messages/index.ts';

export class GradingFailure extends AssertionError<unknown> {
  constructor(readonly problems: Problem[]) {
    super(renderProblems(problems));
  }
}

export function failWith(...problems: Problem[]): never {
  throw new GradingFailure(problems);
}
