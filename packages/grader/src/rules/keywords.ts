// Open answers graded by ideas (exercise 05's `minikube.md`). A key lists, per question, the ideas
// an answer must contain — each a few patterns, matched without regard to case or accents — with
// the hint a learner reads when one is missing, and mistakes worth a warning (`delete --all`).
// Like the quiz key of exercise 01 the key is the maintainer's file: its errors are thrown.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Problem } from '../messages/problem.ts';
import type { MarkdownDocument, MarkdownLine } from '../parse/markdown.ts';

export interface Idea {
  /** What the answer must say, in a few words (Spanish). */
  idea: string;
  /** Any of them present means the idea is there. */
  patterns: RegExp[];
  hint: string;
}

export interface Mistake {
  pattern: RegExp;
  hint: string;
}

export interface KeywordQuestion {
  id: string;
  topic: string;
  ideas: Idea[];
  mistakes: Mistake[];
}

export interface KeywordKey {
  /** Docs page to review, named in every hint. */
  doc: string;
  /** The starter's text in each blank answer; it is not an answer. */
  placeholder: string;
  questions: KeywordQuestion[];
}

/** Lowercase and without accents (`Través` → `traves`), so patterns are written that way once. */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface RawKey {
  doc: string;
  marcador?: string;
  preguntas: Record<string, { tema: string; ideas: { idea: string; patrones: string[]; pista: string }[]; errores?: { patron: string; pista: string }[] }>;
}

/** `clave-*.yaml` → KeywordKey; patterns are compiled here, so a broken one fails at load. */
export function loadKeywordKey(file: string): KeywordKey {
  const raw = parse(readFileSync(file, 'utf8')) as RawKey;
  if (!raw?.doc || !raw.preguntas) throw new Error(`${file}: needs "doc" and "preguntas"`);
  const rx = (p: string) => new RegExp(p, 'm');
  const questions = Object.entries(raw.preguntas).map(([id, q]) => ({
    id,
    topic: q.tema,
    ideas: q.ideas.map((i) => ({ idea: i.idea, patterns: i.patrones.map(rx), hint: i.pista })),
    mistakes: (q.errores ?? []).map((m) => ({ pattern: rx(m.patron), hint: m.pista })),
  }));
  return { doc: raw.doc, placeholder: raw.marcador ?? '', questions };
}

/** The learner's own lines of a section: no quoted question (`>`), no HTML comment, no placeholder. */
function answerLines(body: MarkdownLine[], placeholder: string): MarkdownLine[] {
  let inComment = false;
  const out: MarkdownLine[] = [];
  for (const { line, text } of body) {
    let kept = '';
    let rest = text;
    while (rest) {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) break;
        inComment = false;
        rest = rest.slice(end + 3);
      } else {
        const start = rest.indexOf('<!--');
        kept += start < 0 ? rest : rest.slice(0, start);
        if (start < 0) break;
        inComment = true;
        rest = rest.slice(start + 4);
      }
    }
    if (/^ {0,3}>/.test(kept)) continue;
    if (placeholder) kept = kept.split(placeholder).join('');
    out.push({ line, text: normalizeText(kept) });
  }
  return out;
}

/** The answer to question `id` has every idea of the key, and none of its known mistakes. */
export function answerHasIdeas(doc: MarkdownDocument, id: string, key: KeywordKey): Problem[] {
  const q = key.questions.find((x) => x.id === id);
  if (!q) throw new Error(`keyword key has no question "${id}"`);
  if (doc.problem) return [doc.problem];
  const section = doc.sections.find((s) => s.id === id);
  if (!section) {
    const numbered = doc.sections.filter((s) => s.id).map((s) => `## ${s.title}`);
    return [{ code: 'answers.noSection', at: { file: doc.file }, params: { id, topic: q.topic, found: numbered } }];
  }
  const lines = answerLines(section.body, key.placeholder);
  const text = lines.map((l) => l.text).join('\n');
  const first = lines.find((l) => l.text.trim())?.line;
  if (first === undefined) return [{ code: 'answers.empty', at: { file: doc.file, line: section.line }, params: { id, topic: q.topic } }];
  const problems: Problem[] = q.ideas
    .filter((i) => !i.patterns.some((p) => p.test(text)))
    .map((i) => ({ code: 'answers.ideaMissing', at: { file: doc.file, line: first }, params: { id, idea: i.idea, hint: i.hint, doc: key.doc } }));
  for (const m of q.mistakes) {
    const hit = lines.find((l) => m.pattern.test(l.text));
    if (hit) problems.push({ code: 'answers.mistake', at: { file: doc.file, line: hit.line }, params: { id, hint: m.hint } });
  }
  return problems;
}
