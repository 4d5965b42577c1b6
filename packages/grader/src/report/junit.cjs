// JUnit XML for CI (TALLER_JUNIT): a <testsuite> per exercise, a <testcase> per rubric line with
// classname = the describe path, and file/line of the first problem that has them (test reporters
// link there). Failures carry the grader's message as the learner reads it;
// errors in the kit itself are <error>; skipped lines carry their reason. Points (passed over
// passed + failed) go in each suite's <properties>.
'use strict';

// Characters XML 1.0 cannot carry at all (C0 controls except tab, LF, CR; lone surrogates;
// U+FFFE and U+FFFF): dropped, since no escape makes them valid.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: `&`, `<`, `>` escaped (`>` too, so `]]>` can never appear). */
function text(s) {
  return String(s ?? '')
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also quotes, and tab/LF/CR as references so they survive. */
function attr(s) {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const seconds = (ms) => ((ms || 0) / 1000).toFixed(3);

function attrs(pairs) {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
}

function testcase(line) {
  const at = (line.problems || []).find((p) => p.file);
  const open = `    <testcase${attrs({ name: line.title, classname: line.suites.join(' › '), time: seconds(line.ms), file: at && at.file, line: at && at.line })}`;
  if (line.state === 'passed') return `${open}/>`;
  let body;
  if (line.state === 'skipped') body = `      <skipped${attrs({ message: line.reason || '' })}/>`;
  else if (line.internal) {
    body = `      <error${attrs({ message: line.message, type: line.errorType || 'Error' })}>${text(line.stack || line.message)}</error>`;
  } else body = `      <failure${attrs({ message: line.message, type: line.errorType || 'AssertionError' })}>${text(line.message)}</failure>`;
  return `${open}>\n${body}\n    </testcase>`;
}

/**
 * @param {ReturnType<typeof import('./outputs.cjs').groupByExercise>} groups
 * @param {{ name: string }} meta
 */
function toJUnit(groups, meta) {
  const timestamp = new Date().toISOString().replace(/\.\d+Z$/, '');
  const total = (key) => groups.reduce((n, g) => n + g[key], 0);
  const tests = groups.reduce((n, g) => n + g.lines.length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({ name: meta.name, tests, failures: total('failed'), errors: total('errors'), skipped: total('skipped'), time: seconds(total('ms')) })}>`,
  );
  for (const g of groups) {
    out.push(
      `  <testsuite${attrs({ name: g.exercise, tests: g.lines.length, failures: g.failed, errors: g.errors, skipped: g.skipped, time: seconds(g.ms), timestamp })}>`,
    );
    out.push('    <properties>');
    out.push(`      <property name="points" value="${g.passed}"/>`);
    out.push(`      <property name="points.max" value="${g.max}"/>`);
    out.push('    </properties>');
    for (const line of g.lines) out.push(testcase(line));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

module.exports = { toJUnit, escapeText: text, escapeAttr: attr };
