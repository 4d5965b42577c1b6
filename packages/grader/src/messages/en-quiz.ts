// English messages for plain documents and quizzes (exercise 01): the answers a learner writes
// in a YAML file, checked against a key.
import type { Catalogue } from './types.ts';
import { code } from './format.ts';

const options = (v: unknown) => ((v as string[] | undefined) ?? []).map(code).join(', ');

export const enQuiz: Catalogue = {
  'file.missing': {
    what: (p) => `The file ${code(p.file)} does not exist.`,
    fix: () => 'Restore it from the exercise (`git checkout -- <file>`) and write your answers in it.',
  },
  'quiz.notMap': {
    what: (p) => `The answers must be a \`question: answer\` map, as in the starter file; right now the file is ${p.type}.`,
    fix: () => 'Keep each key (`p01`, `p02`…) at the start of its line, without indentation, followed by `:` and your answer.',
  },
  'quiz.unknownQuestion': {
    what: (p) => `${code(p.id)} is not a question in the quiz.${p.suggestion ? ` Did you mean ${code(p.suggestion)}?` : ''}`,
    fix: () => 'Do not change the key names: write your answer as the value, between the quotes.',
  },
  'quiz.unansweredAll': {
    what: (p) => `${p.count} answer${p.count === 1 ? ' is' : 's are'} missing:\n${((p.list as string[] | undefined) ?? []).map((l) => `    - ${l}`).join('\n')}`,
    fix: () => 'Write the letter of the option you choose between the quotes, for example `p07: "c"`.',
  },
  'quiz.unanswered': {
    what: (p) => `${p.label} has no answer.`,
    fix: (p) => `Write the letter of an option between the quotes: ${options(p.options)}.`,
  },
  'quiz.unansweredItems': {
    what: (p) => `In ${code(p.id)}, answers are missing for: ${((p.items as string[] | undefined) ?? []).join(', ')}.`,
    fix: (p) => `Next to each one, write the letter of its field: ${options(p.options)}.`,
  },
  'quiz.invalidOption': {
    what: (p) => `"${p.answer}" is not an option of ${p.label}. Valid options: ${options(p.options)}.`,
    fix: () => 'Write only the letter of the option you choose (for example `"b"`), with no other text.',
  },
  'quiz.wrong': {
    what: (p) => `Your answer: "${p.answer}" — ${p.explanation ?? 'that is not the right option.'}`,
    fix: (p) => `Review ${code(p.doc)} and try again.`,
  },
  'quiz.matchingNotMap': {
    what: (p) => `${code(p.id)} must have one key for each \`docker run\` option (${options(p.items)}), each with a letter.`,
    fix: () => 'Restore the block from the starter file and write only the letters.',
  },
};
