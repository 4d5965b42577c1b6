// The Markdown section a run appends to GitHub Actions' step summary (GITHUB_STEP_SUMMARY): a table
// with counts and points per exercise, the skipped lines with their reasons (they do not count
// against the learner), then each failure in a collapsible <details> block.
'use strict';

const TEXTS = {
  es: {
    heading: 'Corrección',
    exercise: 'Ejercicio',
    passed: 'Superadas',
    failed: 'Fallidas',
    skipped: 'Omitidas',
    points: 'Puntos',
    total: 'Total',
    skippedNote: 'Líneas omitidas, por motivo (no cuentan en los puntos):',
    noReason: 'sin motivo indicado',
    failures: 'Fallos',
    internal: 'error interno del corrector',
    more: (n) => `…y ${n} fallo${n === 1 ? '' : 's'} más (la salida completa está en el registro del paso).`,
    truncated: '[…recortado]',
    percent: (p) => `${p} %`,
  },
  en: {
    heading: 'Grading',
    exercise: 'Exercise',
    passed: 'Passed',
    failed: 'Failed',
    skipped: 'Skipped',
    points: 'Points',
    total: 'Total',
    skippedNote: 'Skipped lines, by reason (they do not count in the points):',
    noReason: 'no reason given',
    failures: 'Failures',
    internal: 'internal grader error',
    more: (n) => `…and ${n} more failure${n === 1 ? '' : 's'} (the step's log has the full output).`,
    truncated: '[…truncated]',
    percent: (p) => `${p}%`,
  },
};

// GitHub accepts up to 1 MiB of summary per step; several exercises share one step.
const MAX_DETAILS = 50;
const MAX_MESSAGE = 6000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const clean = (s) => String(s ?? '').replace(CONTROL, '');
const html = (s) => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Inline Markdown text: one line, no raw HTML, no table breaks. */
const inline = (s) => html(String(s).replace(/\s*[\r\n]+\s*/g, ' ')).replace(/\|/g, '\\|');
/** A title inside <summary>, where Markdown is not rendered: `code` spans become <code>. */
const summaryText = (s) =>
  String(s)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${html(part.slice(1, -1))}</code>` : html(part)))
    .join('');

/** A fenced block that the message's own backticks cannot close. */
function fenced(body, lang = 'text') {
  const longest = Math.max(0, ...(body.match(/`+/g) || []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.replace(/\s+$/, '')}\n${fence}`;
}

function points(passed, max, t) {
  if (!max) return '—';
  return `**${passed} / ${max}** (${t.percent(Math.round((100 * passed) / max))})`;
}

/**
 * @param {ReturnType<typeof import('./outputs.cjs').groupByExercise>} groups
 * @param {{ name: string, lang: 'es' | 'en' }} meta
 */
function toMarkdown(groups, meta) {
  const t = TEXTS[meta.lang] || TEXTS.es;
  const out = [];
  out.push(`## ${t.heading}${meta.name ? ` · ${inline(meta.name)}` : ''}`, '');
  out.push(`| ${t.exercise} | ${t.passed} | ${t.failed} | ${t.skipped} | ${t.points} |`);
  out.push('| --- | ---: | ---: | ---: | ---: |');
  const sum = { passed: 0, failed: 0, skipped: 0, max: 0 };
  for (const g of groups) {
    const failed = g.failed + g.errors;
    out.push(`| ${inline(g.exercise)} | ${g.passed} | ${failed} | ${g.skipped} | ${points(g.passed, g.max, t)} |`);
    sum.passed += g.passed;
    sum.failed += failed;
    sum.skipped += g.skipped;
    sum.max += g.max;
  }
  if (groups.length > 1) {
    out.push(`| **${t.total}** | ${sum.passed} | ${sum.failed} | ${sum.skipped} | ${points(sum.passed, sum.max, t)} |`);
  }

  const lines = groups.flatMap((g) => g.lines);
  const where = (line) => [...line.suites.slice(groups.length > 1 ? 0 : 1), line.title].join(' › ');
  const skipped = lines.filter((l) => l.state === 'skipped');
  if (skipped.length) {
    // Live lines usually share one reason (no cluster): each reason once, its lines under it.
    const byReason = new Map();
    for (const l of skipped) {
      const reason = l.reason || t.noReason;
      byReason.set(reason, [...(byReason.get(reason) || []), l]);
    }
    out.push('', t.skippedNote, '');
    for (const [reason, ls] of byReason) {
      out.push(`- ${inline(reason)}`);
      for (const l of ls) out.push(`  - ${inline(where(l))}`);
    }
  }

  const failures = lines.filter((l) => l.state === 'failed');
  if (failures.length) {
    out.push('', `### ${t.failures}`);
    failures.slice(0, MAX_DETAILS).forEach((l, i) => {
      let message = clean(l.message);
      if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}\n${t.truncated}`;
      const label = `${i + 1}) ${[...l.suites, l.title].join(' › ')}${l.internal ? ` (${t.internal})` : ''}`;
      out.push('', '<details>', `<summary>${summaryText(label)}</summary>`, '', fenced(message), '', '</details>');
    });
    if (failures.length > MAX_DETAILS) out.push('', t.more(failures.length - MAX_DETAILS));
  }
  return `\n${out.join('\n')}\n`;
}

module.exports = { toMarkdown };
