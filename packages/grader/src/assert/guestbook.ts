// Assertions of the guest book (exercise 13): `expect(follower).to.have.replicaOf('redis-lider', 6379)`.
import type { Node } from '../model.ts';
import { exposedOutside, redisHosts, replicaOf, selectorOwnPodsOnly, serviceSelectsOnly, singleReplica } from '../rules/guestbook.ts';
import type { AssertionTable } from './table.ts';

export const guestbookAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    replicaOf,
    selectPodsOnlyOf: serviceSelectsOnly,
    selectingOnlyOwnPods: selectorOwnPodsOnly,
    exposedOutside,
    redisHosts,
  },
  properties: {
    singleReplica,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      replicaOf(host: string, port: number): Assertion;
      selectPodsOnlyOf(workload: Node, others: readonly Node[]): Assertion;
      selectingOnlyOwnPods(others: readonly Node[]): Assertion;
      exposedOutside(nodePort: number): Assertion;
      redisHosts(leader: string, followers: string): Assertion;
      singleReplica: Assertion;
    }
  }
}
