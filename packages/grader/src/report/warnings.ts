// Warnings do not fail a rubric line; they are collected here and the reporter prints them
// once at the end. Kept on globalThis because the reporter is loaded by Mocha as CommonJS.
import { renderProblem, type Problem } from '../messages/index.ts';

const KEY = Symbol.for('taller.warnings');

export function warningStore(): Set<string> {
  const g = globalThis as unknown as Record<symbol, Set<string>>;
  g[KEY] ??= new Set();
  return g[KEY];
}

export function noteWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings) warningStore().add(renderProblem(w));
}
