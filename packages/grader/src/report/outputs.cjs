// The reporter's outputs for CI: a JUnit XML file (TALLER_JUNIT), a Markdown section appended to
// GitHub Actions' step summary (GITHUB_STEP_SUMMARY) and GitHub annotations on stdout
// (TALLER_ANNOTATIONS=github). The reporter records one plain object per rubric line; this module
// groups them per exercise and writes them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { toJUnit } = require('./junit.cjs');
const { toMarkdown } = require('./step-summary.cjs');
const { toAnnotations } = require('./annotations.cjs');

/**
 * @typedef {object} LineRecord
 * @property {'passed' | 'failed' | 'skipped'} state
 * @property {string} exercise   title of the top-level describe
 * @property {string[]} suites   the describe path, top-level first
 * @property {string} title      the `it` title
 * @property {number} [ms]       duration
 * @property {string} [message]  failures: the text the learner reads (no colour codes)
 * @property {boolean} [internal] failures: an error in the kit, not an AssertionError
 * @property {string} [errorType]
 * @property {string} [stack]
 * @property {string} [reason]   skipped: why
 * @property {ProblemRecord[]} [problems] failures: the grader's problems, files relative to the repository
 */

/**
 * @typedef {object} ProblemRecord  see ProblemRecord in assert/failure.ts
 * @property {string} code
 * @property {'error' | 'warning'} severity
 * @property {string} [file]     relative to the repository (GITHUB_WORKSPACE); absent outside it
 * @property {number} [line]
 * @property {number} [col]
 * @property {string} [path]     the field path, kubectl style
 * @property {string} text
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
/** Text without terminal colour codes. */
const plain = (s) => String(s ?? '').replace(ANSI, '');

/**
 * The grader's problem records with files relative to the repository (GitHub wants such paths);
 * a file outside it keeps no path.
 */
function problemsOf(records, env = process.env) {
  if (!Array.isArray(records)) return undefined;
  const root = env.GITHUB_WORKSPACE || env.INIT_CWD || process.cwd();
  return records.map((r) => {
    const rel = r.file ? path.relative(root, r.file) : '';
    const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    return { ...r, file: inside ? rel.split(path.sep).join('/') : undefined, text: plain(r.text) };
  });
}

/** Records grouped by exercise, in first-seen order, with counts and points. */
function groupByExercise(records) {
  const groups = new Map();
  for (const r of records) {
    let g = groups.get(r.exercise);
    if (!g) groups.set(r.exercise, (g = { exercise: r.exercise, lines: [], passed: 0, failed: 0, errors: 0, skipped: 0, ms: 0 }));
    g.lines.push(r);
    g.ms += r.ms || 0;
    if (r.state === 'passed') g.passed++;
    else if (r.state === 'skipped') g.skipped++;
    else if (r.internal) g.errors++;
    else g.failed++;
  }
  // Points: passed / (passed + failed); skipped lines count neither way.
  for (const g of groups.values()) g.max = g.passed + g.failed + g.errors;
  return [...groups.values()];
}

/**
 * A path from the environment, relative to where the command was typed (npm's INIT_CWD; with
 * `npm test -w exercise-07` Mocha itself runs in the exercise's folder). A value ending in `/`,
 * or naming an existing folder, gets `<package>.xml` appended, so that parallel runs
 * (`npm run grade`) do not overwrite one another.
 */
function resolveOutput(value, env = process.env) {
  const base = env.INIT_CWD || process.cwd();
  let file = path.resolve(base, value);
  let isDir = /[\\/]$/.test(value);
  try {
    isDir ||= fs.statSync(file).isDirectory();
  } catch {
    /* does not exist yet */
  }
  if (isDir) file = path.join(file, `${(env.npm_package_name || 'taller').replace(/[^\w.-]+/g, '_')}.xml`);
  return file;
}

/** Writes through a temporary file in the same folder and a rename: readers never see half a file. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * The outputs this run writes, read once when the reporter starts. They are then removed from
 * process.env: graders that a test starts as child processes (the kit's own end-to-end tests)
 * must not write into this run's files.
 */
function claimOutputs(env = process.env) {
  const claimed = {
    junit: env.TALLER_JUNIT || undefined,
    summary: env.GITHUB_STEP_SUMMARY || undefined,
    annotations: env.TALLER_ANNOTATIONS === 'github',
  };
  delete env.TALLER_JUNIT;
  delete env.GITHUB_STEP_SUMMARY;
  delete env.TALLER_ANNOTATIONS;
  return claimed;
}

/**
 * Writes the claimed outputs for `records`. A file that cannot be written is reported on stderr
 * and does not change the result.
 * @param {LineRecord[]} records
 * @param {{ junit?: string, summary?: string, annotations?: boolean }} outputs
 * @param {{ name: string, lang: 'es' | 'en' }} meta
 * @param {(line: string) => void} out  stdout, where GitHub reads workflow commands
 */
function writeOutputs(records, outputs, meta, out = (s) => process.stdout.write(`${s}\n`)) {
  if (outputs.annotations) for (const a of toAnnotations(records, meta)) out(a);
  if (!outputs.junit && !outputs.summary) return;
  const groups = groupByExercise(records);
  if (outputs.junit) {
    try {
      writeAtomic(resolveOutput(outputs.junit), toJUnit(groups, meta));
    } catch (err) {
      process.stderr.write(`taller: no se pudo escribir TALLER_JUNIT (${outputs.junit}): ${err.message}\n`);
    }
  }
  if (outputs.summary) {
    try {
      const file = path.resolve(process.env.INIT_CWD || process.cwd(), outputs.summary);
      // One write with O_APPEND: sections of runs in parallel do not interleave.
      fs.appendFileSync(file, toMarkdown(groups, meta));
    } catch (err) {
      process.stderr.write(`taller: no se pudo escribir GITHUB_STEP_SUMMARY (${outputs.summary}): ${err.message}\n`);
    }
  }
}

module.exports = { plain, problemsOf, groupByExercise, resolveOutput, writeAtomic, claimOutputs, writeOutputs };
