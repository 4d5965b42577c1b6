// The Docker live tier's decisions that need no Docker engine: reading a failed build's log
// (legacy builder and BuildKit), pointing at the Dockerfile line, comparing outputs by value,
// recognising causes, the probe's reasons, and the cross-process lock. (With an engine, the live
// lines of exercise 02 are proven by prove.spec.ts: `.ci/docker/setup.sh` starts one.)
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { contextHash, failingStep, instructionOfStep, usefulTail } from '../src/docker/build.ts';
import { likelyCause } from '../src/docker/causes.ts';
import { compareByValue } from '../src/docker/checks.ts';
import { withDockerLock } from '../src/system/lock.ts';
import { dockerProbe } from '../src/docker/probe.ts';
import { parseDockerfile } from '../src/parse/dockerfile.ts';
import { removeTempDirs, tempDir, withLang, writeTree } from './helpers.ts';

const DOCKERFILE = `FROM python:3.12-slim
WORKDIR /app
COPY procesador/requirements.txt .
RUN pip install --no-cache-dir \\
    -r requisitos.txt
COPY procesador/etl.py .
USER 10001:10001
CMD ["python", "etl.py"]
`;

const LEGACY_LOG = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
Sending build context to Docker daemon  14.85kB
Step 1/6 : FROM python:3.12-slim
 ---> be26fe7702df
Step 2/6 : WORKDIR /app
 ---> Using cache
 ---> 2b1f0c1d9e8a
Step 3/6 : COPY procesador/requirements.txt .
 ---> 5d2e9f0a1b3c
Step 4/6 : RUN pip install --no-cache-dir     -r requisitos.txt
 ---> Running in 0a1b2c3d4e5f
ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requisitos.txt'
Removing intermediate container 0a1b2c3d4e5f
The command '/bin/sh -c pip install --no-cache-dir     -r requisitos.txt' returned a non-zero code: 1
`;

const BUILDKIT_LOG = `#0 building with "default" instance using docker driver
#5 [1/4] FROM docker.io/library/python:3.12-slim
#5 DONE 0.0s
#7 [2/4] WORKDIR /app
#7 CACHED
#8 [3/4] COPY procesador/requirements.txt .
#8 DONE 0.1s
#9 [4/4] RUN pip install --no-cache-dir     -r requisitos.txt
#9 0.712 ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requisitos.txt'
#9 ERROR: process "/bin/sh -c pip install --no-cache-dir     -r requisitos.txt" did not complete successfully: exit code: 1
------
 > [4/4] RUN pip install --no-cache-dir     -r requisitos.txt:
------
Dockerfile:4
--------------------
   3 |     COPY procesador/requirements.txt .
   4 | >>> RUN pip install --no-cache-dir \\
   5 | >>>     -r requisitos.txt
--------------------
ERROR: failed to solve: process "/bin/sh -c pip install --no-cache-dir     -r requisitos.txt" did not complete successfully: exit code: 1
`;

describe('docker live tier (no engine needed)', () => {
  after(removeTempDirs);

  describe('a failed build', () => {
    const df = parseDockerfile(DOCKERFILE, 'Dockerfile', '/tmp');

    it('legacy builder: the last `Step N/M` is the failing step, and it maps to its Dockerfile line', () => {
      const step = failingStep(LEGACY_LOG);
      expect(step).to.deep.equal({ failedStepNumber: '4/6', failedStep: 'RUN pip install --no-cache-dir     -r requisitos.txt' });
      expect(instructionOfStep(df.instructions, step.failedStep, step.failedStepNumber)?.line).to.equal(4);
    });

    it('BuildKit: the step with `#N ERROR`, and the line BuildKit names', () => {
      expect(failingStep(BUILDKIT_LOG)).to.deep.equal({
        failedStepNumber: '4/4',
        failedStep: 'RUN pip install --no-cache-dir     -r requisitos.txt',
        failedLine: 4,
      });
    });

    it('falls back to the step number when the text does not match', () => {
      expect(instructionOfStep(df.instructions, 'RUN something else', '6/6')?.keyword).to.equal('USER');
    });

    it('the tail keeps what the step printed and drops the builder bookkeeping', () => {
      const tail = usefulTail(LEGACY_LOG);
      expect(tail).to.include("ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requisitos.txt'");
      expect(tail.join('\n')).to.not.match(/--->|Removing intermediate|DEPRECATED|Sending build context/);
      expect(usefulTail(Array.from({ length: 50 }, (_, i) => `línea ${i}`).join('\n'))).to.have.length(20);
    });

    it('recognises the usual causes, with the E-code when the machine is to blame', () => {
      expect(likelyCause('write /var/lib/docker/tmp: no space left on device')?.code).to.equal('E07');
      expect(likelyCause('toomanyrequests: You have reached your pull rate limit')?.code).to.equal('E14');
      expect(likelyCause('exec /usr/bin/python: exec format error')?.code).to.equal('E13');
      expect(likelyCause("python: can't open file '/app/etl.py': [Errno 13] Permission denied")?.text).to.match(/no puede leer/);
      expect(likelyCause("python: can't open file '/app/etl.py': [Errno 2] No such file or directory")?.text).to.match(/no existe en la imagen/);
      expect(likelyCause('todo bien')).to.equal(undefined);
    });
  });

  describe('the build context hash', () => {
    it('follows the files Docker would send: .dockerignore-d files do not change it', () => {
      const dir = writeTree({ Dockerfile: 'FROM x:1\n', '.dockerignore': 'datos/\n', 'procesador/etl.py': 'print(1)\n', 'datos/a.csv': '1\n' });
      const before = contextHash(dir);
      writeFileSync(path.join(dir, 'datos/a.csv'), '2\n');
      expect(contextHash(dir)).to.equal(before);
      writeFileSync(path.join(dir, 'procesador/etl.py'), 'print(2)\n');
      expect(contextHash(dir)).to.not.equal(before);
    });
  });

  describe('comparing outputs by value', () => {
    const expected = { archivos: ['ventas.csv'], filas: 10, total: 653.25, por_producto: { pan: 100.8 } };

    it('numbers within the tolerance are equal; key order does not matter', () => {
      expect(compareByValue(expected, { por_producto: { pan: 100.804 }, total: 653.2549, filas: 10, archivos: ['ventas.csv'] }, 0.005)).to.deep.equal([]);
    });

    it('says where each difference is: wrong numbers, missing and extra keys, lists', () => {
      const diffs = compareByValue(expected, { archivos: [], filas: '10', total: 650, por_producto: { pan: 100.8, vino: 1 } }, 0.005);
      expect(diffs).to.deep.equal([
        '["archivos"]: se esperan 1 elementos, hay 0 ([])',
        '["filas"]: se espera 10, es "10"',
        '["total"]: se espera 653.25, es 650',
        '["por_producto"]["vino"]: sobra (1)',
      ]);
      expect(compareByValue(expected, { filas: 10 }, 0.005)).to.include('["total"]: falta (se espera 653.25)');
    });
  });

  describe('the probe', () => {
    it('without the `docker` program, the reason says to install Docker', async () => {
      const saved = process.env.PATH;
      process.env.PATH = tempDir();
      try {
        const reason = await withLang('es', () => dockerProbe());
        expect(reason).to.match(/instala Docker Desktop o Docker Engine/);
      } finally {
        process.env.PATH = saved;
      }
    });

    it('TALLER_DOCKER=0 turns the Docker checks off on purpose', async () => {
      process.env.TALLER_DOCKER = '0';
      try {
        expect(await dockerProbe()).to.match(/desactivadas/);
      } finally {
        delete process.env.TALLER_DOCKER;
      }
    });
  });

  describe('the cross-process lock', () => {
    it('runs one job at a time, and removes the lock file afterwards', async () => {
      const file = path.join(tempDir(), 'docker.lock');
      const order: string[] = [];
      const job = (name: string) => async () => {
        order.push(`${name}:start`);
        await sleep(150);
        order.push(`${name}:end`);
      };
      await Promise.all([withDockerLock('a', job('a'), { file }), withDockerLock('b', job('b'), { file })]);
      expect(order).to.deep.equal(['a:start', 'a:end', 'b:start', 'b:end']);
      expect(existsSync(file)).to.equal(false);
    });

    it('takes over a lock left by a process that is gone', async () => {
      const file = path.join(tempDir(), 'docker.lock');
      writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 7, host: (await import('node:os')).hostname(), since: Date.now(), purpose: 'x' }));
      expect(await withDockerLock('c', async () => 'hecho', { file, maxWaitMs: 2_000 })).to.equal('hecho');
    });

    it('releases the lock when the job fails', async () => {
      const file = path.join(tempDir(), 'docker.lock');
      await withDockerLock('d', async () => Promise.reject(new Error('falla')), { file }).catch(() => undefined);
      expect(existsSync(file)).to.equal(false);
    });
  });
});
