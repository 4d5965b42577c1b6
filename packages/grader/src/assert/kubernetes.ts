// Assertions on Kubernetes objects (the subject is a grader Node).
import type { Problem } from '../messages/index.ts';
import type { Node } from '../model.ts';
import type { AssertionTable } from './table.ts';
import * as containers from '../rules/containers.ts';
import { scheduleDailyAt, timeZoneValid } from '../rules/cron.ts';
import { fieldEquals, fieldInBounds, hasKeyMatching, labelEquals, type Bound } from '../rules/fields.ts';
import { etlArgsMatchMounts, jobRestartPolicy } from '../rules/jobs.ts';
import { selectorMatchesTemplate, serviceSelects } from '../rules/selectors.ts';
import { servicePortTargets, serviceType } from '../rules/services.ts';

export const kubernetesAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
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
    limits: containers.limitsCoverRequests,
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
  },
  properties: {
    selectorMatchingTemplate: selectorMatchesTemplate,
    memoryLimitCoveringRequest: containers.memoryLimitCoversRequest,
    jobRestartPolicy,
    validTimeZone: timeZoneValid,
  },
};

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
      limits(resources: readonly ('cpu' | 'memory')[]): Assertion;
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
    }
  }
}
