// GitHub Actions annotations (TALLER_ANNOTATIONS=github, set by grade.yml): each problem of a
// failed rubric line becomes an `::error file=…,line=…,col=…::` workflow command, so a learner sees
// it on the line of their pull request. GitHub shows at most 10 error annotations per step: the
// first ten are annotated, the rest summarised in one notice.
'use strict';

const MAX_ERRORS = 10;

const TEXTS = {
  es: { more: (n) => `…y ${n} problema${n === 1 ? '' : 's'} más: están en el resumen del paso y en su registro.` },
  en: { more: (n) => `…and ${n} more problem${n === 1 ? '' : 's'}: see the step summary and its log.` },
};

/** Message data: GitHub's escapes for `%`, CR and LF. */
const data = (s) => String(s ?? '').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property value: also `:` and `,`, which separate properties. */
const property = (s) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(kind, props, message) {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${property(v)}`)
    .join(',');
  return `::${kind}${list ? ` ${list}` : ''}::${data(message)}`;
}

/**
 * The workflow commands for the failed lines of `records` (see outputs.cjs), problems first in
 * the order the learner reads them; a line without problem data (an internal error) is one error.
 * @param {import('./outputs.cjs').LineRecord[]} records
 * @param {{ lang: 'es' | 'en' }} meta
 */
function toAnnotations(records, meta) {
  const t = TEXTS[meta.lang] || TEXTS.es;
  const annotations = [];
  for (const r of records) {
    if (r.state !== 'failed') continue;
    const problems = r.problems && r.problems.length ? r.problems : [{ text: r.message }];
    for (const p of problems) {
      const kind = p.severity === 'warning' ? 'warning' : 'error';
      annotations.push({ kind, props: { file: p.file, line: p.file ? p.line : undefined, col: p.file && p.line ? p.col : undefined, title: r.title }, message: p.path ? `${p.path}: ${p.text}` : p.text });
    }
  }
  const errors = annotations.filter((a) => a.kind === 'error');
  const shown = [...errors.slice(0, MAX_ERRORS), ...annotations.filter((a) => a.kind !== 'error').slice(0, MAX_ERRORS)];
  const out = shown.map((a) => command(a.kind, a.props, a.message));
  if (errors.length > MAX_ERRORS) out.push(command('notice', {}, t.more(errors.length - MAX_ERRORS)));
  return out;
}

module.exports = { toAnnotations, MAX_ERRORS };
