// Assertions of exercise 10: a rolling update that keeps every replica, spreading over nodes,
// the HorizontalPodAutoscaler's target and CPU goal, and the PodDisruptionBudget.
import type { Node } from '../model.ts';
import type { Manifests } from '../parse/manifests.ts';
import * as rules from '../rules/scaling.ts';
import type { AssertionTable } from './table.ts';

export const scalingAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    // `expect(deployment).to.have.rollingUpdateKeepingReplicas(ex.manifests())`: the manifests
    // give the HPA's range, against which percentages are resolved.
    rollingUpdateKeepingReplicas: rules.rollingUpdateKeepsReplicas,
    replicasLeftToAutoscaler: rules.replicasLeftToAutoscaler,
    scaleTarget: rules.scalesTarget,
    cpuUtilizationTarget: rules.cpuUtilizationTarget,
    budgetSelectingPodsOf: rules.budgetSelects,
    budgetAllowingDisruptionOf: rules.budgetAllowsDisruption,
  },
  properties: {
    spreadOverNodes: rules.spreadsOverNodes,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      rollingUpdateKeepingReplicas(manifests: Manifests): Assertion;
      replicasLeftToAutoscaler(manifests: Manifests): Assertion;
      scaleTarget(workload: Node): Assertion;
      cpuUtilizationTarget(percent: number, container?: string): Assertion;
      budgetSelectingPodsOf(workload: Node): Assertion;
      budgetAllowingDisruptionOf(workload: Node, manifests: Manifests): Assertion;
      spreadOverNodes: Assertion;
    }
  }
}
