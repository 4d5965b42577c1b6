// The reporter's CI outputs, through the learner's command (`npm test -w exercise-07`): the JUnit
// file (TALLER_JUNIT) and the GitHub Actions step summary (GITHUB_STEP_SUMMARY), checked against the
// summary line on stdout. The XML is read with a few regexes: no XML parser among the dependencies.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

const { toAnnotations } = createRequire(import.meta.url)('../src/report/annotations.cjs') as {
  toAnnotations: (records: unknown[], meta: { lang: string }) => string[];
};

interface Run {
  code: number;
  stdout: string;
  junit: string;
  summary: string;
  /** Files in the JUnit file's folder: the atomic write leaves no temporary file behind. */
  reportFiles: string[];
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const EARLIER = '## An earlier step\n\nIts text stays.\n';

/** `npm test -w exercise-07` from the repository root, with both CI outputs in a temporary folder. */
function grade(name: string, submission: string | undefined): Promise<Run> {
  const dir = tempDir();
  const junitFile = path.join(dir, 'reports', `${name}.xml`); // `reports/` does not exist yet
  const summaryFile = path.join(dir, 'summary.md');
  writeFileSync(summaryFile, EARLIER); // GitHub's file may already hold other steps' sections
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TALLER_LANG: 'es', TALLER_TIERS: 'static', TALLER_JUNIT: junitFile, GITHUB_STEP_SUMMARY: summaryFile, TALLER_ANNOTATIONS: 'github' };
  delete env.GITHUB_WORKSPACE; // paths are then relative to where npm was typed: the repository
  delete env.FORCE_COLOR;
  delete env.TALLER_DEBUG;
  delete env.TALLER_SUBMISSION;
  if (submission) env.TALLER_SUBMISSION = submission;
  return new Promise((resolve) => {
    execFile('npm', ['test', '-w', 'exercise-07'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 }, (err, stdout) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      const read = (f: string) => {
        try {
          return readFileSync(f, 'utf8');
        } catch {
          return '';
        }
      };
      let reportFiles: string[] = [];
      try {
        reportFiles = readdirSync(path.dirname(junitFile));
      } catch {
        /* not created */
      }
      resolve({ code, stdout, junit: read(junitFile), summary: read(summaryFile), reportFiles });
    });
  });
}

/** The counts of the last stdout line, `N passed, N failed[, N skipped]`. */
function countsOf(stdout: string): Counts {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(last);
  if (!m) throw new Error(`the last line is not the summary line: ${last}`);
  return { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
}

const unescape = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w.:-]+)="([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  return out;
}

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; body: string };
  error?: string;
  skipped?: string;
}

function parseJUnit(xml: string) {
  const suites = [...xml.matchAll(/<testsuite\s[^>]*>/g)].map((m) => attrsOf(m[0]));
  const root = attrsOf(/<testsuites\s[^>]*>/.exec(xml)?.[0] ?? '');
  const cases: Case[] = [...xml.matchAll(/<testcase\s([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const a = attrsOf(m[1]!);
    const body = m[2] ?? '';
    const failure = /<failure\s([^>]*)>([\s\S]*?)<\/failure>/.exec(body);
    const error = /<error\s([^>]*)>/.exec(body);
    const skipped = /<skipped\s([^>]*)\/>/.exec(body);
    return {
      name: a.name ?? '',
      classname: a.classname ?? '',
      failure: failure ? { message: attrsOf(failure[1]!).message ?? '', body: unescape(failure[2]!) } : undefined,
      error: error ? attrsOf(error[1]!).message : undefined,
      skipped: skipped ? (attrsOf(skipped[1]!).message ?? '') : undefined,
    };
  });
  const points = Object.fromEntries([...xml.matchAll(/<property\s[^>]*\/>/g)].map((m) => attrsOf(m[0])).map((p) => [p.name, Number(p.value)]));
  return { root, suites, cases, points };
}

/** The table row of exercise 07 in the Markdown: the cells after the title. */
function tableRow(md: string): string[] {
  const row = md.split('\n').find((l) => l.startsWith('| 07 · Deployment y Service |'));
  if (!row) throw new Error(`no table row for exercise 07 in:\n${md}`);
  return row.split('|').slice(2, -1).map((c) => c.trim());
}

/** The reason stdout shows for a skipped line: `– <title> (omitida: <reason>)`. */
function stdoutReason(stdout: string, title: string): string | undefined {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(`– ${title} (omitida`));
  return line ? /\(omitida: (.*)\)$/.exec(line)?.[1] : undefined;
}

describe('GitHub annotations (annotations.cjs)', () => {
  const problem = (text: string, file?: string) => ({ code: 'x', severity: 'error', file, line: file ? 3 : undefined, col: file ? 5 : undefined, text });
  const failed = (title: string, problems: unknown[]) => ({ state: 'failed', exercise: 'e', suites: ['e'], title, problems });

  it('escapes data and properties the way GitHub reads them', () => {
    const [a] = toAnnotations([failed('a: b, c', [problem('50 % de\nCPU', 'k8s/x.yaml')])], { lang: 'es' });
    expect(a).to.equal('::error file=k8s/x.yaml,line=3,col=5,title=a%3A b%2C c::50 %25 de%0ACPU');
  });

  it('a problem outside the repository: no file; an internal error: its message', () => {
    const out = toAnnotations([failed('t', [problem('sin archivo')]), { state: 'failed', exercise: 'e', suites: [], title: 'u', message: 'boom' }], { lang: 'es' });
    expect(out).to.deep.equal(['::error title=t::sin archivo', '::error title=u::boom']);
  });

  it('the first ten errors, then one notice for the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => problem(`p${i}`, 'f.yaml'));
    const out = toAnnotations([failed('t', many), { state: 'passed', exercise: 'e', suites: [], title: 'ok' }], { lang: 'es' });
    expect(out).to.have.length(11);
    expect(out.at(-1)).to.equal('::notice::…y 3 problemas más: están en el resumen del paso y en su registro.');
  });
});

describe('reporter CI outputs: TALLER_JUNIT, GITHUB_STEP_SUMMARY and TALLER_ANNOTATIONS (npm test -w exercise-07)', function () {
  this.timeout(60_000);
  let solution: Run;
  let starter: Run;

  before(async function () {
    this.timeout(60_000);
    [solution, starter] = await Promise.all([grade('solution', 'solutions/07-deployment-service'), grade('starter', undefined)]);
  });

  after(removeTempDirs);

  it('stdout keeps the summary line last; files written whole, without colour codes', () => {
    expect(countsOf(solution.stdout).failed, solution.stdout).to.equal(0);
    expect(solution.code).to.equal(0);
    expect(countsOf(starter.stdout).failed).to.be.greaterThan(0);
    expect(starter.code).to.not.equal(0);
    expect(solution.reportFiles).to.deep.equal(['solution.xml']);
    expect(starter.reportFiles).to.deep.equal(['starter.xml']);
    for (const run of [solution, starter]) {
      expect(run.junit).to.not.include('\u001b');
      expect(run.summary).to.not.include('\u001b');
    }
  });

  it('JUnit, the reference solution: one suite for the exercise, counts as on stdout, no failures', () => {
    const { root, suites, cases, points } = parseJUnit(solution.junit);
    const c = countsOf(solution.stdout);
    expect(solution.junit).to.match(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(suites.map((s) => s.name)).to.deep.equal(['07 · Deployment y Service']);
    expect(suites[0]).to.include({ tests: String(c.passed + c.skipped), failures: '0', errors: '0', skipped: String(c.skipped) });
    expect(root).to.include({ name: 'exercise-07', tests: String(c.passed + c.skipped), failures: '0' });
    expect(cases).to.have.length(c.passed + c.skipped);
    expect(cases.filter((k) => k.failure || k.error)).to.deep.equal([]);
    expect(points).to.deep.equal({ points: c.passed, 'points.max': c.passed });
    // classname is the describe path; name is the rubric line.
    expect(cases[0]).to.include({
      classname: '07 · Deployment y Service › Nivel estático',
      name: 'los manifiestos se leen y cumplen el esquema de Kubernetes 1.34',
    });
  });

  it('JUnit, the starter: <failure> with the grader message (file:line), counts as on stdout', () => {
    const { suites, cases, points } = parseJUnit(starter.junit);
    const c = countsOf(starter.stdout);
    expect(suites[0]).to.include({ tests: String(c.passed + c.failed + c.skipped), failures: String(c.failed), errors: '0', skipped: String(c.skipped) });
    const failures = cases.filter((k) => k.failure);
    expect(failures).to.have.length(c.failed);
    const replicas = failures.find((k) => k.name === 'el Deployment `api-datos` tiene 3 réplicas');
    expect(replicas?.failure?.message).to.match(/^k8s\/deployment\.yaml:\d+:\d+ · spec\.replicas\n/);
    expect(replicas?.failure?.message).to.include('Qué hacer:');
    // The attribute keeps the newlines; the body holds the same text.
    expect(replicas?.failure?.body).to.equal(replicas?.failure?.message);
    expect(starter.stdout).to.include(replicas!.failure!.message.split('\n')[0]!);
    expect(points).to.deep.equal({ points: c.passed, 'points.max': c.passed + c.failed });
  });

  it('GitHub annotations: one `::error` per problem on its file, line and column; none for the solution', () => {
    expect(solution.stdout).to.not.match(/^::/m);
    const replicas = starter.stdout.split('\n').find((l) => l.includes('title=el Deployment `api-datos` tiene 3 réplicas::'));
    expect(replicas).to.match(/^::error file=exercises\/07-deployment-service\/k8s\/deployment\.yaml,line=\d+,col=\d+,title=/);
    expect(replicas).to.include('::spec.replicas: Falta `spec.replicas` (se espera `3`).%0AQué hacer: ');
    const errors = starter.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).to.be.within(countsOf(starter.stdout).failed, 10);
    // JUnit points at the same place.
    const [, line] = /,line=(\d+),/.exec(replicas!)!;
    expect(starter.junit).to.match(new RegExp(`<testcase name="el Deployment \`api-datos\` tiene 3 réplicas"[^>]* file="exercises/07-deployment-service/k8s/deployment.yaml" line="${line}">`));
  });

  it('JUnit: every skipped line carries the reason stdout shows', () => {
    for (const run of [solution, starter]) {
      const skipped = parseJUnit(run.junit).cases.filter((k) => k.skipped !== undefined);
      expect(skipped).to.have.length(countsOf(run.stdout).skipped);
      for (const k of skipped) {
        expect(k.skipped, k.name).to.not.equal('');
        expect(k.skipped, k.name).to.equal(stdoutReason(run.stdout, k.name));
      }
    }
  });

  it('step summary, the reference solution: appended section, table with counts and full points', () => {
    const c = countsOf(solution.stdout);
    expect(solution.summary.startsWith(EARLIER)).to.equal(true);
    expect(solution.summary).to.include('\n## Corrección · exercise-07\n');
    expect(solution.summary).to.include('| Ejercicio | Superadas | Fallidas | Omitidas | Puntos |\n| --- | ---: | ---: | ---: | ---: |\n');
    expect(tableRow(solution.summary)).to.deep.equal([String(c.passed), '0', String(c.skipped), `**${c.passed} / ${c.passed}** (100 %)`]);
    expect(solution.summary).to.not.include('<details>');
  });

  it('step summary, the starter: points leave skipped lines out, each failure in <details> with its message', () => {
    const c = countsOf(starter.stdout);
    const max = c.passed + c.failed;
    expect(tableRow(starter.summary)).to.deep.equal([
      String(c.passed),
      String(c.failed),
      String(c.skipped),
      `**${c.passed} / ${max}** (${Math.round((100 * c.passed) / max)} %)`,
    ]);
    const details = [...starter.summary.matchAll(/<details>\n<summary>(.*)<\/summary>\n\n```text\n([\s\S]*?)\n```\n\n<\/details>/g)];
    expect(details).to.have.length(c.failed);
    const replicas = details.find((d) => d[1]!.endsWith('› Nivel estático › el Deployment <code>api-datos</code> tiene 3 réplicas'));
    expect(replicas, 'the replicas line in the summary').to.not.equal(undefined);
    expect(replicas![1]).to.match(/^\d+\) 07 · Deployment y Service › /);
    expect(replicas![2]).to.match(/^k8s\/deployment\.yaml:\d+:\d+ · spec\.replicas\n/);
  });

  it('step summary: skipped lines are listed under their reasons', () => {
    for (const run of [solution, starter]) {
      const skipped = parseJUnit(run.junit).cases.filter((k) => k.skipped);
      if (skipped.length) expect(run.summary).to.include('Líneas omitidas, por motivo (no cuentan en los puntos):');
      for (const k of skipped) {
        expect(run.summary).to.include(`\n- ${k.skipped}\n`);
        expect(run.summary).to.include(`  - ${k.classname.split(' › ').slice(1).join(' › ')} › ${k.name}\n`);
      }
    }
  });

  it('XML escaping: markup, quotes, newlines and characters XML cannot carry', () => {
    const require = createRequire(import.meta.url);
    const { escapeAttr, escapeText } = require('../src/report/junit.cjs') as Record<string, (s: string) => string>;
    expect(escapeText('a < b && c > d ]]>')).to.equal('a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    expect(escapeAttr('"x"\n\'y\'\t')).to.equal('&quot;x&quot;&#10;&apos;y&apos;&#9;');
    expect(escapeText('bell\u0007 esc\u001b nul\u0000 ok\u00e9')).to.equal('bell esc nul oké');
    expect(escapeText('lone \ud800 pair \ud83d\ude00')).to.equal('lone  pair \ud83d\ude00');
  });
});
