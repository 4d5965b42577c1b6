// The static tier of a DAG file: `python/analiza_dag.py` reads it with Python's own parser
// (python3, standard library, no Airflow) and prints its facts as JSON, once per submission.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { DagFacts } from '../rules/dag.ts';
import { outsideSubmission, unreadable } from '../parse/source.ts';
import { lastLines, run } from '../system/process.ts';

export const ANALYSIS_SCRIPT = path.resolve(import.meta.dirname, '../../python/analiza_dag.py');
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 1024 * 1024;

/** `python3`, else `python` when it is Python 3 (Windows installs only the latter). */
const PYTHONS = process.platform === 'win32' ? ['python3', 'python', 'py'] : ['python3', 'python'];

const cache = new Map<string, Promise<DagFacts | Problem>>();

/** The facts of `file` (relative to the submission), or the problem that prevents reading it. */
export function analyseDag(submission: string, file: string): Promise<DagFacts | Problem> {
  const abs = path.join(submission, file);
  if (!existsSync(abs) || !statSync(abs).isFile()) return Promise.resolve({ code: 'dag.file.missing', at: { file }, params: { file } });
  // Python would print a linked secrets file in its syntax errors: never read out of the submission.
  const outside = outsideSubmission(submission, file);
  if (outside) return Promise.resolve(outside);
  try {
    accessSync(abs, constants.R_OK);
  } catch (err) {
    return Promise.resolve(unreadable(submission, file, err));
  }
  const st = statSync(abs);
  if (st.size > MAX_BYTES) return Promise.resolve({ code: 'dag.file.tooLarge', at: { file }, params: { size: st.size, max: MAX_BYTES } });
  const key = `${abs}\0${st.mtimeMs}\0${st.size}`;
  let found = cache.get(key);
  if (!found) {
    found = analyseNow(abs, file);
    cache.set(key, found);
  }
  return found;
}

async function analyseNow(abs: string, file: string): Promise<DagFacts | Problem> {
  for (const python of PYTHONS) {
    const r = await run(python, [ANALYSIS_SCRIPT, abs], { timeoutMs: TIMEOUT_MS, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' } });
    if (r.spawnError?.code === 'ENOENT') continue;
    const detail = r.spawnError?.message ?? (r.timedOut ? `no terminó en ${TIMEOUT_MS / 1000} s` : r.code !== 0 ? lastLines(r.stderr, 1)[0] ?? `código ${r.code}` : undefined);
    if (detail) {
      // `python` may be Python 2, which cannot even read the script: try the next one.
      if (python !== 'python3' && /SyntaxError|invalid syntax/.test(r.stderr)) continue;
      return { code: 'dag.python.failed', at: { file }, params: { python, detail } };
    }
    let out: Record<string, unknown>;
    try {
      out = JSON.parse(r.stdout) as Record<string, unknown>;
    } catch {
      return { code: 'dag.python.failed', at: { file }, params: { python, detail: `salida inesperada: ${r.stdout.slice(0, 200)}` } };
    }
    if (out.decodeError) return { code: 'dag.file.notUtf8', at: { file } };
    const syntax = out.syntaxError as { line: number | null; col: number | null; msg: string; text: string } | undefined;
    if (syntax) return { code: 'dag.syntax', at: { file, line: syntax.line ?? undefined, col: syntax.col ?? undefined }, params: { msg: syntax.msg, text: syntax.text } };
    return { ...(out as unknown as DagFacts), file };
  }
  return { code: 'dag.python.missing', at: { file } };
}

/** Forget what was analysed (tests that rewrite a file within the same millisecond). */
export function clearDagCache(): void {
  cache.clear();
}
