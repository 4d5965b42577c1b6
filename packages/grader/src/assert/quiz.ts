// Assertions on quiz answers (the subject is the Node of the learner's answers document):
// `expect(ex.document('respuestas.yaml')).to.have.answerCorrect('p01', key)`.
import { answerCorrect, answeredAll, answerSheet, type QuizKey } from '../rules/quiz.ts';
import type { AssertionTable } from './table.ts';

export const quizAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    answerSheet,
    answeredAll,
    answerCorrect,
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      answerSheet(key: QuizKey): Assertion;
      answeredAll(key: QuizKey): Assertion;
      answerCorrect(id: string, key: QuizKey): Assertion;
    }
  }
}
