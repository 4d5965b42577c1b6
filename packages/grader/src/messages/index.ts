// Picks the learner's language (TALLER_LANG=en, Spanish by default) and renders problems.
import { formatLocation } from '../parse/location.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import type { Problem } from './problem.ts';
import type { Catalogue, Message } from './types.ts';

export type { Problem } from './problem.ts';

export interface Labels {
  fix: string;
  hint: string;
  more: (n: number) => string;
}

const LABELS: Record<'es' | 'en', Labels> = {
  es: { fix: 'Qué hacer', hint: 'Pista', more: (n) => `… y ${n} problema${n === 1 ? '' : 's'} más.` },
  en: { fix: 'What to do', hint: 'Hint', more: (n) => `… and ${n} more problem${n === 1 ? '' : 's'}.` },
};

export function language(): 'es' | 'en' {
  return process.env.TALLER_LANG?.toLowerCase().startsWith('en') ? 'en' : 'es';
}

function message(codeKey: string): Message {
  const primary: Catalogue = language() === 'en' ? en : es;
  const entry = primary[codeKey] ?? es[codeKey];
  if (!entry) throw new Error(`message catalogue has no entry "${codeKey}"`);
  return entry;
}

export function hasMessage(codeKey: string): boolean {
  return codeKey in es;
}

/** One problem as the learner reads it: where, what, what to do, hint. */
export function renderProblem(problem: Problem, opts: { hints?: boolean } = {}): string {
  const entry = message(problem.code);
  const params = problem.params ?? {};
  const labels = LABELS[language()];
  const lines = [formatLocation(problem.at), `  ${entry.what(params)}`];
  const fix = entry.fix?.(params);
  if (fix) lines.push(`  ${labels.fix}: ${fix}`);
  if (entry.hint && opts.hints !== false) lines.push(`  ${labels.hint}: ${entry.hint}`);
  return lines.join('\n');
}

const MAX_SHOWN = 8;

export function renderProblems(problems: readonly Problem[]): string {
  const shown = problems.slice(0, MAX_SHOWN).map((p) => renderProblem(p, { hints: problems.length === 1 }));
  if (problems.length > MAX_SHOWN) shown.push(LABELS[language()].more(problems.length - MAX_SHOWN));
  return shown.join('\n\n');
}

/** The plain "what" sentence, for tests and short listings. */
/** A skip reason (or any one-line text) from its catalogue code. */
export function reason(code: string, params: Record<string, unknown> = {}): string {
  return what({ code, at: { file: '' }, params });
}

export function what(problem: Problem): string {
  return message(problem.code).what(problem.params ?? {});
}
