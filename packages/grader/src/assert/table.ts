import type { Problem } from '../messages/problem.ts';

type Rule = (subject: never, ...args: never[]) => Problem[];

/** The assertions one domain adds to chai: each returns the problems it finds. */
export interface AssertionTable {
  /** `Node` when the subject must be a grader Node (a place in a learner's YAML). */
  subject?: 'Node';
  methods?: Record<string, Rule>;
  properties?: Record<string, (subject: never) => Problem[]>;
}
