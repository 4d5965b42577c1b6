// Maintainer script: rewrites the hashes of test/clave.yaml from the reference solution's
// answers (solutions/01-conceptos/respuestas.yaml), keeping the key's comments and explanations.
// It also checks that every wrong option has an explanation. `--check` only verifies.
//   npx tsx exercises/01-conceptos/scripts/clave.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { hashAnswer, normalizeAnswer } from '@taller/grader';

const here = import.meta.dirname;
const keyFile = path.join(here, '../test/clave.yaml');
const solutionFile = path.join(here, '../../../solutions/01-conceptos/respuestas.yaml');
const check = process.argv.includes('--check');

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
process.stdout.write(check ? 'clave.yaml matches the solution\n' : `clave.yaml: ${changed} hash(es) updated\n`);
