// The chai plugin: one assertion per rule, so specs read as rubrics —
// `expect(deployment).to.have.selectorMatchingTemplate`. Each fails with rendered problems.
import type { Manifests } from '../parse/manifests.ts';
import { renderProblems, type Problem } from '../messages/index.ts';
import { failLine } from './failure.ts';
import { Node } from '../model.ts';
import { composeAssertions } from './compose.ts';
import { configAssertions } from './config.ts';
import { dagAssertions } from './dag.ts';
import { dockerfileAssertions } from './dockerfile.ts';
import { guestbookAssertions } from './guestbook.ts';
import { kindAssertions } from './kind.ts';
import { kubernetesAssertions } from './kubernetes.ts';
import { observabilityAssertions } from './observability.ts';
import { pipelineAssertions } from './pipeline.ts';
import { quizAssertions } from './quiz.ts';
import { scalingAssertions } from './scaling.ts';
import { securityAssertions } from './security.ts';
import type { AssertionTable } from './table.ts';

// Each domain (Kubernetes objects, quizzes, Dockerfiles …) brings its own table.
const TABLES: AssertionTable[] = [kubernetesAssertions, quizAssertions, dockerfileAssertions, composeAssertions, dagAssertions, observabilityAssertions, guestbookAssertions, scalingAssertions, kindAssertions, pipelineAssertions, securityAssertions, configAssertions];

function check(assertion: Chai.AssertionStatic, name: string, problems: Problem[]): void {
  // A failure keeps its problems as data (GradingFailure) for CI's annotations and JUnit.
  if (!(assertion as unknown as { __flags: { negate?: boolean } }).__flags.negate && problems.length > 0) failLine(problems);
  assertion.assert(
    problems.length === 0,
    renderProblems(problems),
    `se esperaba que no se cumpliera «${name}», y se cumple`,
  );
}

function subject(assertion: Chai.AssertionStatic, name: string, table: AssertionTable): unknown {
  const obj = (assertion as unknown as { _obj: unknown })._obj;
  if (table.subject === 'Node' && !(obj instanceof Node)) {
    throw new TypeError(`«${name}» needs a grader Node, got ${typeof obj}`);
  }
  return obj;
}

export function tallerPlugin(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  void utils;
  for (const table of TABLES) {
    for (const [name, rule] of Object.entries(table.methods ?? {})) {
      chai.Assertion.addMethod(name, function (this: Chai.AssertionStatic, ...args: unknown[]) {
        check(this, name, (rule as (...a: unknown[]) => Problem[])(subject(this, name, table), ...args));
      });
    }
    for (const [name, rule] of Object.entries(table.properties ?? {})) {
      chai.Assertion.addProperty(name, function (this: Chai.AssertionStatic) {
        check(this, name, (rule as (s: unknown) => Problem[])(subject(this, name, table)));
      });
    }
  }
  // `expect(manifests).to.be.valid`: every file reads, every object matches the schema.
  chai.Assertion.addProperty('valid', function (this: Chai.AssertionStatic) {
    const manifests = (this as unknown as { _obj: Manifests })._obj;
    check(this, 'valid', manifests.problems);
  });
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      valid: Assertion;
    }
  }
}
