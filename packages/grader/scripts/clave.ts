// Maintainer script for a quiz key (exercises 01 and 05): rewrites its hashes from the reference
// solution's answers, keeping the key's comments and explanations, and checks that every wrong
// option has an explanation. `--check` only verifies.
//   npx tsx packages/grader/scripts/clave.ts <key.yaml> <solution answers.yaml> [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, parseDocument } from 'yaml';
import { hashAnswer, normalizeAnswer } from '../src/rules/quiz.ts';

const [keyFile, solutionFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const check = process.argv.includes('--check');
if (!keyFile || !solutionFile) {
  process.stderr.write('usage: npx tsx packages/grader/scripts/clave.ts <key.yaml> <solution answers.yaml> [--check]\n');
  process.exit(2);
}

const answers = parse(readFileSync(solutionFile, 'utf8'), { version: '1.1' }) as Record<string, unknown>;
const doc = parseDocument(readFileSync(keyFile, 'utf8'));
const salt = String(doc.get('sal'));
const questions = doc.toJS().preguntas as Record<string, { opciones: string[]; explicaciones?: Record<string, string>; hash?: string; pares?: Record<string, string> }>;
const errors: string[] = [];
let changed = 0;

function set(pathInKey: string[], expected: string, current: string | undefined): void {
  if (current === expected) return;
  changed++;
  if (check) errors.push(`${pathInKey.join('.')}: hash does not match the solution`);
  else doc.setIn(pathInKey, expected);
}

for (const [id, q] of Object.entries(questions)) {
  const explained = new Set(Object.keys(q.explicaciones ?? {}));
  if (q.pares) {
    const given = (answers[id] ?? {}) as Record<string, unknown>;
    for (const item of Object.keys(q.pares)) {
      const answer = normalizeAnswer(given[item]);
      if (!q.opciones.includes(answer)) errors.push(`${id}/${item}: the solution's answer «${answer}» is not an option`);
      set(['preguntas', id, 'pares', item], hashAnswer(salt, `${id}/${item}`, answer), q.pares[item]);
    }
    // A matching block explains every option (what each field is).
    for (const o of q.opciones) if (!explained.has(o)) errors.push(`${id}: option ${o} has no explanation`);
  } else {
    const answer = normalizeAnswer(answers[id]);
    if (!q.opciones.includes(answer)) errors.push(`${id}: the solution's answer «${answer}» is not an option`);
    set(['preguntas', id, 'hash'], hashAnswer(salt, id, answer), q.hash);
    for (const o of q.opciones) if (o !== answer && !explained.has(o)) errors.push(`${id}: wrong option ${o} has no explanation`);
  }
}
for (const id of Object.keys(answers)) if (!(id in questions)) errors.push(`${id}: in the solution but not in the key`);

if (!check && changed) writeFileSync(keyFile, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
if (errors.length) {
  process.stderr.write(`${errors.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(check ? `${keyFile} matches the solution\n` : `${keyFile}: ${changed} hash(es) updated\n`);
