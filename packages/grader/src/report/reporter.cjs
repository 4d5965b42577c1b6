// The kit's Mocha reporter: a rubric view while tests run, every failure once at the end
// (with the grader's message as the learner reads it), skip reasons, warnings, and a last line
// `N passed, N failed, N skipped` that CI recognises. CommonJS because Mocha require()s it.
// For CI it also writes a JUnit file (TALLER_JUNIT=<path>) and a section of GitHub Actions' step
// summary (GITHUB_STEP_SUMMARY); see outputs.cjs. NO_COLOR turns colours off.
'use strict';
const path = require('node:path');
const Mocha = require('mocha');
const { claimOutputs, plain, problemsOf, writeOutputs } = require('./outputs.cjs');

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;
const SKIP = Symbol.for('taller.skipReason');
const WARNINGS = Symbol.for('taller.warnings');

const en = () => (process.env.TALLER_LANG || '').toLowerCase().startsWith('en');
const forced = () => Boolean(process.env.FORCE_COLOR) && !['0', 'false'].includes(process.env.FORCE_COLOR);
const color = () => !process.env.NO_COLOR && (forced() || process.stdout.isTTY);
const paint = (code, s) => (color() ? `\u001b[${code}m${s}\u001b[0m` : s);
const green = (s) => paint(32, s);
const red = (s) => paint(31, s);
const grey = (s) => paint(90, s);
const bold = (s) => paint(1, s);
const indent = (text, n) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');

function isAssertion(err) {
  return err && (err.name === 'AssertionError' || err.constructor?.name === 'AssertionError');
}

const internalLabel = () =>
  en()
    ? 'Internal grader error (this is a bug in the kit, not in your work; please report it):'
    : 'Error interno del corrector (es un fallo del kit, no de tu trabajo; avísanos):';

/** What the CI outputs say about a failure: the same text the learner reads at the end. */
function failed(err) {
  if (isAssertion(err)) return { state: 'failed', message: plain(err.message), errorType: 'AssertionError', problems: problemsOf(err.records) };
  return {
    state: 'failed',
    internal: true,
    message: plain(`${internalLabel()}\n${err && err.message}`),
    errorType: (err && err.name) || 'Error',
    stack: err && err.stack ? plain(err.stack) : undefined,
  };
}

class TallerReporter extends Mocha.reporters.Base {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    const skipped = [];
    let passed = 0;
    const outputs = claimOutputs();
    /** @type {import('./outputs.cjs').LineRecord[]} */
    const records = [];
    const record = (test, fields) => {
      const titles = test.titlePath();
      const suites = titles.slice(0, -1);
      const exercise = suites[0] ?? (test.file ? path.basename(test.file) : test.title);
      records.push({ exercise, suites, title: test.title, ms: test.duration, ...fields });
    };
    const depth = (suite) => {
      let d = 0;
      for (let s = suite; s.parent && !s.parent.root; s = s.parent) d++;
      return d;
    };
    const out = (s) => process.stdout.write(`${s}\n`);

    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.root) return;
      out(`${suite.parent?.root ? '\n' : ''}${'  '.repeat(depth(suite))}${bold(suite.title)}`);
    });
    runner.on(EVENT_TEST_PASS, (test) => {
      passed++;
      record(test, { state: 'passed' });
      out(`${'  '.repeat(depth(test.parent) + 1)}${green('✓')} ${test.title}`);
    });
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failures.push({ test, err });
      record(test, failed(err));
      out(`${'  '.repeat(depth(test.parent) + 1)}${red(`✗ ${test.title}`)} ${grey(`(${failures.length})`)}`);
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      const reason = test[SKIP];
      skipped.push({ test, reason });
      record(test, { state: 'skipped', reason: reason ? plain(reason) : undefined });
      const label = en() ? 'skipped' : 'omitida';
      out(`${'  '.repeat(depth(test.parent) + 1)}${grey(`– ${test.title} (${label}${reason ? `: ${reason}` : ''})`)}`);
    });

    runner.once(EVENT_RUN_END, () => {
      if (failures.length) {
        out(`\n${bold(en() ? 'Failures' : 'Fallos')}`);
        failures.forEach(({ test, err }, i) => {
          out(`\n${red(`${i + 1}) ${test.titlePath().join(' › ')}`)}`);
          if (isAssertion(err)) out(indent(String(err.message), 3));
          else {
            out(indent(`${internalLabel()}\n${err && err.message}`, 3));
            if (process.env.TALLER_DEBUG) out(indent(String(err && err.stack), 3));
          }
        });
      }
      const warnings = globalThis[WARNINGS];
      if (warnings && warnings.size) {
        out(`\n${bold(en() ? 'Warnings' : 'Avisos')}`);
        for (const w of warnings) out(indent(w, 2));
      }
      // Before the summary line, which must stay last (CI reads it); annotations go to stdout.
      writeOutputs(records, outputs, { name: process.env.npm_package_name || '', lang: en() ? 'en' : 'es' }, out);
      const f = failures.length;
      const s = skipped.length;
      out('');
      if (!en()) {
        out(`Resultado: ${passed} superada${passed === 1 ? '' : 's'}, ${f} fallida${f === 1 ? '' : 's'}, ${s} omitida${s === 1 ? '' : 's'}`);
      }
      out(`${passed} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
    });
  }
}

module.exports = TallerReporter;
