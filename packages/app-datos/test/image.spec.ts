import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, PACKAGE_DIR, PYTHON, SRC_DIR, tempDir } from './support.ts';

const dockerfile = fs.readFileSync(path.join(PACKAGE_DIR, 'Dockerfile'), 'utf8');
// Instructions only: comments dropped, "\" continuations joined.
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

function python(args: string[], env: Record<string, string> = {}) {
  return spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 15000, env: { PATH: process.env.PATH, ...env } });
}

describe('app-datos: sources and image', function () {
  this.timeout(20000);
  afterEach(cleanup);

  it('compiles every module (compileall, as the image build does)', () => {
    // The prefix keeps __pycache__ out of the source tree.
    const result = python(['-m', 'compileall', '-q', '-f', SRC_DIR], { PYTHONPYCACHEPREFIX: tempDir() });
    expect(result.status, result.stdout + result.stderr).to.equal(0);
  });

  it('imports only the standard library and its own package', () => {
    const script = `
import ast, pathlib, sys
bad = []
for file in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top != "app_datos" and top not in sys.stdlib_module_names:
                bad.append(f"{file.name}: {name}")
print("\\n".join(bad))
`;
    const result = python(['-c', script, SRC_DIR]);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout.trim()).to.equal('');
  });

  it('keeps the Dockerfile contract', () => {
    expect(dockerfile).to.match(
      /^# .*docker build --provenance=false --sbom=false -t taller\/app-datos:1\.0 packages\/app-datos/m,
    );
    expect(instructions[0]).to.equal('FROM python:3.12-slim');
    const env = instructions.filter((line) => line.startsWith('ENV ')).join(' ');
    expect(env).to.include('PYTHONUNBUFFERED=1').and.include('PYTHONDONTWRITEBYTECODE=1');
    expect(instructions.some((line) => /^RUN .*python -m compileall/.test(line))).to.equal(true);
    expect(instructions).to.include('USER 10001:10001');
    expect(instructions).to.include('EXPOSE 8080');

    const execForm = (keyword: string): unknown => {
      const line = instructions.find((candidate) => candidate.startsWith(`${keyword} `));
      expect(line, `${keyword} missing`).to.be.a('string');
      return JSON.parse(line!.slice(keyword.length + 1));
    };
    expect(execForm('ENTRYPOINT')).to.deep.equal(['python', '-m', 'app_datos']);
    expect(execForm('CMD')).to.deep.equal(['etl', '--entrada', '/datos', '--salida', '/salida']);
    // USER must come after every RUN so the build steps can still write as root.
    const lastRun = instructions.reduce((last, line, index) => (line.startsWith('RUN ') ? index : last), -1);
    expect(instructions.indexOf('USER 10001:10001')).to.be.greaterThan(lastRun);
  });

  it('keeps tests and bytecode out of the build context', () => {
    const ignored = fs
      .readFileSync(path.join(PACKAGE_DIR, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).to.include.members(['test/', '**/__pycache__/', '**/*.pyc']);
  });
});
