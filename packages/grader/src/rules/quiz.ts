// Quiz rules: a learner's answers (a plain YAML map, one key per question) checked against a key
// that stores salted hashes, so the answers are not readable in clear text in the repository.
// The explanations of wrong options may give the answer away; that is accepted (and useful).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Problem } from '../messages/problem.ts';
import type { Node } from '../model.ts';
import { suggest } from '../schema/suggest.ts';

export interface QuizQuestion {
  id: string;
  /** Docs page to review, shown with a wrong answer. */
  doc: string;
  options: string[];
  /** Why each wrong option is wrong (Spanish). For a matching block: what each option is. */
  explanations: Record<string, string>;
  /** Multiple choice: the hash of the right option. */
  hash?: string;
  /** Matching block: item (e.g. a `docker run` flag) → hash of its option. */
  pairs?: Record<string, string>;
}

export interface QuizKey {
  salt: string;
  questions: QuizQuestion[];
}

/** `clave.yaml` → QuizKey. The file is the maintainer's, so errors are thrown, not graded. */
export function loadQuizKey(file: string): QuizKey {
  const raw = parse(readFileSync(file, 'utf8')) as {
    sal: string;
    preguntas: Record<string, { doc: string; opciones: string[]; explicaciones?: Record<string, string>; hash?: string; pares?: Record<string, string> }>;
  };
  if (!raw?.sal || !raw.preguntas) throw new Error(`${file}: needs "sal" and "preguntas"`);
  const questions = Object.entries(raw.preguntas).map(([id, q]) => ({
    id,
    doc: q.doc,
    options: q.opciones.map(String),
    explanations: q.explicaciones ?? {},
    hash: q.hash,
    pairs: q.pares,
  }));
  return { salt: raw.sal, questions };
}

/** Hash of one answer; `id` is the question id, or `block/item` for a matching item. */
export function hashAnswer(salt: string, id: string, answer: string): string {
  return createHash('sha256').update(`${salt}:${id}:${answer}`).digest('hex');
}

/** `" B) "` → `"b"`: case, spaces and a trailing `)` or `.` do not matter. */
export function normalizeAnswer(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim().toLowerCase().replace(/[).]$/, '').trim();
}

function question(key: QuizKey, id: string): QuizQuestion {
  const q = key.questions.find((x) => x.id === id);
  if (!q) throw new Error(`quiz key has no question "${id}"`);
  return q;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => normalizeAnswer(v) === '' && (v === null || v === undefined || typeof v === 'string');

/** The answers are a map whose keys are the key's questions (a renamed key gets a suggestion). */
export function answerSheet(sheet: Node, key: QuizKey): Problem[] {
  if (!isMap(sheet.value)) {
    return [{ code: 'quiz.notMap', at: sheet.location(), params: { type: Array.isArray(sheet.value) ? 'una lista' : 'un valor suelto' } }];
  }
  const ids = key.questions.map((q) => q.id);
  return Object.keys(sheet.value)
    .filter((k) => !ids.includes(k))
    .map((k) => ({ code: 'quiz.unknownQuestion', at: sheet.location([k]), params: { id: k, suggestion: suggest(k, ids) } }));
}

/** Every question (and every item of a matching block) has an answer: one problem listing the rest. */
export function answeredAll(sheet: Node, key: QuizKey): Problem[] {
  if (!isMap(sheet.value)) return answerSheet(sheet, key);
  const missing: string[] = [];
  for (const q of key.questions) {
    const at = sheet.location([q.id]);
    const where = `${at.file}:${at.line} · ${q.id}`;
    const value = sheet.value[q.id];
    if (q.pairs) {
      const items = Object.keys(q.pairs).filter((item) => !isMap(value) || blank(value[item]));
      for (const item of items) {
        const pos = sheet.location([q.id, item]);
        missing.push(`${pos.file}:${pos.line} · ${q.id} · \`${item}\``);
      }
    } else if (blank(value)) {
      missing.push(where);
    }
  }
  return missing.length ? [{ code: 'quiz.unansweredAll', at: { file: sheet.object.file }, params: { list: missing, count: missing.length } }] : [];
}

/** The answer to question `id` is right; otherwise why the chosen option is wrong. */
export function answerCorrect(sheet: Node, id: string, key: QuizKey): Problem[] {
  const q = question(key, id);
  if (!isMap(sheet.value)) return answerSheet(sheet, key);
  if (!q.pairs) return checkOne(sheet, [id], id, q, q.hash!, key.salt);
  const block = sheet.value[id];
  if (!isMap(block)) {
    return [{ code: 'quiz.matchingNotMap', at: sheet.location([id]), params: { id, items: Object.keys(q.pairs) } }];
  }
  const problems = Object.entries(q.pairs).flatMap(([item, hash]) => checkOne(sheet, [id, item], `${id}/${item}`, q, hash, key.salt, item));
  // Several blanks read better as one line than as one problem each.
  const blanks = problems.filter((p) => p.code === 'quiz.unanswered');
  if (blanks.length < 2) return problems;
  const items = blanks.map((p) => p.params!.label);
  return [{ code: 'quiz.unansweredItems', at: sheet.location([id]), params: { id, items, options: q.options } }, ...problems.filter((p) => p.code !== 'quiz.unanswered')];
}

function checkOne(sheet: Node, path: string[], hashId: string, q: QuizQuestion, hash: string, salt: string, item?: string): Problem[] {
  const raw = sheet.at(path).value;
  const at = sheet.location(path);
  const label = item ? `\`${item}\`` : `\`${q.id}\``;
  if (blank(raw)) return [{ code: 'quiz.unanswered', at, params: { label, options: q.options } }];
  const answer = normalizeAnswer(raw);
  if (!q.options.includes(answer) || typeof raw === 'object') {
    return [{ code: 'quiz.invalidOption', at, params: { label, answer: typeof raw === 'object' ? JSON.stringify(raw) : String(raw), options: q.options } }];
  }
  if (hashAnswer(salt, hashId, answer) === hash) return [];
  return [{ code: 'quiz.wrong', at, params: { answer, explanation: q.explanations[answer], doc: q.doc, item } }];
}
