// Assertions of exercise 05. On the kind configuration (the subject is the Node of the document):
// `expect(ex.document('kind-config.yaml')).to.have.kindRoles(esperado)`. On a Markdown answer sheet
// (the subject is a MarkdownDocument): `expect(respuestas).to.have.answerIdeas('1', clave)`.
import { answerHasIdeas, type KeywordKey } from '../rules/keywords.ts';
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

export const answerAssertions: AssertionTable = {
  methods: {
    answerIdeas: answerHasIdeas,
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
      answerIdeas(id: string, key: KeywordKey): Assertion;
    }
  }
}
