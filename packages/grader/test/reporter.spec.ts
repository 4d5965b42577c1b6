// End to end through the learner's command, `npm test -w exercise-07`: the reporter's rubric
// view, the failures at the end, the Spanish (or English) texts and the summary line CI reads.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { REPO_ROOT } from '../src/catalog/paths.ts';
import { removeTempDirs, tempDir, writeTree } from './helpers.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm test -w exercise-07` from the repository root, grading `submission`. */
function grade(submission: string, env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TALLER_LANG: 'es', TALLER_TIERS: 'static', TALLER_SUBMISSION: submission, ...env }; // static: counts stay the same with or without a cluster
  delete childEnv.FORCE_COLOR;
  delete childEnv.TALLER_DEBUG;
  return new Promise((resolve) => {
    execFile('npm', ['test', '-w', 'exercise-07'], { cwd: REPO_ROOT, env: childEnv, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('reporter, end to end (npm test -w exercise-07)', function () {
  this.timeout(60_000);
  const runs: Record<string, Run> = {};
  let missing = '';

  before(async function () {
    this.timeout(60_000);
    const noK8s = writeTree({ 'LEEME.md': 'sin manifiestos' });
    missing = path.join(tempDir(), 'no-existe');
    const starter = path.join(REPO_ROOT, 'exercises/07-deployment-service');
    // In parallel: each run is a separate npm + Mocha process.
    const brokenYaml = writeTree({
      'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api-datos\n',
      'k8s/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api-datos\nspec:\n  type: ClusterIP\n  ports: [{port: 80}]\n',
    });
    const [solution, starterEs, starterEn, withoutFolder, nowhere, broken] = await Promise.all([
      grade('solutions/07-deployment-service'),
      grade(starter),
      grade(starter, { TALLER_LANG: 'en' }),
      grade(noK8s),
      grade(missing),
      grade(brokenYaml),
    ]);
    Object.assign(runs, { solution, starterEs, starterEn, withoutFolder, nowhere, broken });
  });

  after(removeTempDirs);

  it('the reference solution: every line passes, exit code 0, summary line last', () => {
    const { code, stdout } = runs.solution!;
    expect(code, stdout).to.equal(0);
    expect(lastLine(stdout)).to.equal('10 passed, 0 failed, 6 skipped');
    expect(stdout).to.include('Resultado: 10 superadas, 0 fallidas, 6 omitidas');
    expect(stdout).to.include('✓ los manifiestos se leen y cumplen el esquema de Kubernetes 1.34');
    expect(stdout).to.not.include('✗');
    expect(stdout).to.not.include('Fallos');
  });

  it('the untouched starter: non-zero exit, failures with file:line, summary line last', () => {
    const { code, stdout } = runs.starterEs!;
    expect(code).to.not.equal(0);
    expect(stdout).to.include('\nFallos\n');
    expect(stdout).to.match(/k8s\/deployment\.yaml:\d+:\d+ · spec/);
    expect(stdout).to.include('Qué hacer:');
    expect(stdout).to.not.include('Error interno');
    expect(lastLine(stdout)).to.match(/^\d+ passed, [1-9]\d* failed, 6 skipped$/);
    // Failures are printed once, numbered, after the rubric view.
    const failed = (stdout.match(/✗ /g) ?? []).length;
    expect(lastLine(stdout)).to.equal(`${10 - failed} passed, ${failed} failed, 6 skipped`);
    expect(stdout.indexOf('Fallos')).to.be.greaterThan(stdout.lastIndexOf('✗ '));
    expect(stdout).to.include(`\n${failed}) 07 · Deployment y Service › Nivel estático › `);
  });

  it('TALLER_LANG=en: English labels and summary', () => {
    const { code, stdout } = runs.starterEn!;
    expect(code).to.not.equal(0);
    expect(stdout).to.include('\nFailures\n');
    expect(stdout).to.include('What to do:');
    expect(stdout).to.not.include('Fallos');
    expect(stdout).to.not.include('Resultado:');
    expect(lastLine(stdout)).to.match(/^\d+ passed, \d+ failed, 6 skipped$/);
  });

  it('a folder without `k8s/`: the Spanish folder.missing message once, the lines that need it skipped', () => {
    const { code, stdout } = runs.withoutFolder!;
    expect(code).to.not.equal(0);
    expect(stdout).to.include('No existe la carpeta `k8s/`');
    expect(stdout).to.include('– el Deployment `api-datos` tiene 3 réplicas (omitida: depende de «los manifiestos se leen y cumplen el esquema de Kubernetes 1.34», que falla: corrige eso primero)');
    expect(stdout).to.not.include('Error interno');
    expect(lastLine(stdout)).to.equal('0 passed, 1 failed, 15 skipped');
  });

  it('a YAML error: reported once, by the first line; lines on the other file still run', () => {
    const { code, stdout } = runs.broken!;
    expect(code).to.not.equal(0);
    expect(stdout.match(/El YAML no se puede leer/g)).to.have.length(1);
    expect(stdout).to.include('✓ el Service `api-datos` es de tipo ClusterIP');
    expect(stdout).to.include('– el contenedor define `APP_ENTORNO=taller` (omitida: depende de «los manifiestos se leen y cumplen el esquema de Kubernetes 1.34»');
    expect(lastLine(stdout)).to.match(/^1 passed, [1-9] failed, \d+ skipped$/);
  });

  it('a TALLER_SUBMISSION that does not exist: the submission.missing message, no internal error', () => {
    const { code, stdout } = runs.nowhere!;
    expect(code).to.not.equal(0);
    expect(stdout).to.include(`La carpeta a corregir no existe: \`${missing}\`.`);
    expect(stdout).to.include('`TALLER_SUBMISSION` debe apuntar a una carpeta');
    expect(stdout).to.not.include('Error interno');
    expect(lastLine(stdout)).to.equal('0 passed, 1 failed, 15 skipped');
  });

  it('NO_COLOR leaves no escape codes', () => {
    for (const run of [runs.solution!, runs.starterEs!, runs.withoutFolder!]) expect(run.stdout).to.not.include('\u001b[');
  });
});
