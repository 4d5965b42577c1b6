// The chai plugin: one assertion per rule, so specs read as rubrics —
// `expect(deployment).to.have.selectorMatchingTemplate`. Each fails with rendered problems.
import type { Manifests } from '../parse/manifests.ts';
import { renderProblems, type Problem } from '../messages/index.ts';
import { Node } from '../model.ts';
import * as containers from '../rules/containers.ts';
import { scheduleDailyAt, timeZoneValid } from '../rules/cron.ts';
import { fieldEquals, fieldInBounds, hasKeyMatching, labelEquals, type Bound } from '../rules/fields.ts';
import { etlArgsMatchMounts, jobRestartPolicy } from '../rules/jobs.ts';
import { selectorMatchesTemplate, serviceSelects } from '../rules/selectors.ts';
import { servicePortTargets, serviceType } from '../rules/services.ts';

type Rule = (node: never, ...args: never[]) => Problem[];

const METHODS: Record<string, Rule> = {
  field: fieldEquals,
  fields: (node: Node, expected: Record<string, unknown>) =>
    Object.entries(expected).flatMap(([path, value]) => fieldEquals(node, path, value)),
  label: labelEquals,
  image: containers.imageIs,
  args: containers.argsAre,
  subcommand: containers.runsSubcommand,
  keyMatching: hasKeyMatching,
  port: containers.exposesPort,
  env: containers.envIs,
  readinessProbe: (c: Node<containers.Container>, path: string, ports: (string | number)[]) =>
    containers.hasHttpProbe(c, 'readinessProbe', path, ports),
  requests: containers.requests,
  selectPodsOf: serviceSelects,
  serviceType,
  portTargeting: servicePortTargets,
  bounds: (node: Node, bounds: Record<string, Bound>) =>
    Object.entries(bounds).flatMap(([path, bound]) => fieldInBounds(node, path, bound)),
  etlArgsMatchingMounts: etlArgsMatchMounts,
  dailySchedule: (node: Node, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return scheduleDailyAt(node, h!, m!);
  },
};

const PROPERTIES: Record<string, (node: never) => Problem[]> = {
  selectorMatchingTemplate: selectorMatchesTemplate,
  memoryLimitCoveringRequest: containers.memoryLimitCoversRequest,
  jobRestartPolicy,
  validTimeZone: timeZoneValid,
};

function check(assertion: Chai.AssertionStatic, name: string, problems: Problem[]): void {
  assertion.assert(
    problems.length === 0,
    renderProblems(problems),
    `se esperaba que no se cumpliera «${name}», y se cumple`,
  );
}

function subject(assertion: Chai.AssertionStatic, name: string): Node {
  const obj = (assertion as unknown as { _obj: unknown })._obj;
  if (!(obj instanceof Node)) throw new TypeError(`«${name}» needs a grader Node, got ${typeof obj}`);
  return obj;
}

export function tallerPlugin(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  void utils;
  for (const [name, rule] of Object.entries(METHODS)) {
    chai.Assertion.addMethod(name, function (this: Chai.AssertionStatic, ...args: unknown[]) {
      check(this, name, (rule as (...a: unknown[]) => Problem[])(subject(this, name), ...args));
    });
  }
  for (const [name, rule] of Object.entries(PROPERTIES)) {
    chai.Assertion.addProperty(name, function (this: Chai.AssertionStatic) {
      check(this, name, (rule as (n: Node) => Problem[])(subject(this, name)));
    });
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
      field(path: string | readonly (string | number)[], expected?: unknown): Assertion;
      fields(expected: Record<string, unknown>): Assertion;
      label(key: string, value: string): Assertion;
      image(expected: string): Assertion;
      args(expected: readonly string[]): Assertion;
      subcommand(name: string): Assertion;
      keyMatching(path: string, pattern: RegExp, description: string): Assertion;
      port(port: number, name?: string): Assertion;
      env(name: string, value: string): Assertion;
      readinessProbe(path: string, ports: readonly (string | number)[]): Assertion;
      requests(resources: readonly ('cpu' | 'memory')[]): Assertion;
      selectPodsOf(workload: Node): Assertion;
      serviceType(type: string): Assertion;
      portTargeting(port: number, workload: Node): Assertion;
      bounds(bounds: Record<string, Bound>): Assertion;
      etlArgsMatchingMounts(container: Node, configMap: string): Assertion;
      dailySchedule(hhmm: string): Assertion;
      selectorMatchingTemplate: Assertion;
      memoryLimitCoveringRequest: Assertion;
      jobRestartPolicy: Assertion;
      validTimeZone: Assertion;
      valid: Assertion;
    }
  }
}
