// Assertions of exercise 05. On the kind configuration (the subject is the Node of the document):
// `expect(ex.document('kind-config.yaml')).to.have.kindRoles(esperado)`. Its `minikube.yaml` is a
// quiz (assert/quiz.ts).
import { kindConfigValid, kindPortMapping, kindRoles, kindWorkerLabels, type KindExpectations } from '../rules/kind.ts';
import type { AssertionTable } from './table.ts';

export const kindAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    kindRoles,
    kindWorkerLabels,
    kindPortMapping,
  },
  properties: {
    validKindConfig: kindConfigValid,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      validKindConfig: Assertion;
      kindRoles(expected: KindExpectations): Assertion;
      kindWorkerLabels(expected: KindExpectations): Assertion;
      kindPortMapping(expected: KindExpectations): Assertion;
    }
  }
}
