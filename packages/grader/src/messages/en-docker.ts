// English messages of the Docker live tier (exercise 02; later 03 and 04): why a live check was
// skipped, and what failed with the evidence the grader collected.
import type { Catalogue } from './types.ts';
import { block, codeText as code, lines, maybe, mb } from './format.ts';

export const enDocker: Catalogue = {
  // Why the live Docker checks are skipped (skip reasons, one line each).
  'docker.unavailable.disabled': {
    what: () => 'the Docker checks are turned off (`TALLER_DOCKER=0`)',
  },
  'docker.unavailable.missing': {
    what: () =>
      'needs Docker and cannot find the `docker` command: install Docker Desktop or Docker Engine (docs/instalacion.md) and grade again; if you already have it, open a new terminal so that `docker` is on the PATH (on WSL2, E03)',
  },
  'docker.unavailable.cannotRun': {
    what: (p) => `needs Docker and \`docker\` could not be run${maybe(p.detail, (s) => `: ${s}`)}`,
  },
  'docker.unavailable.timeout': {
    what: (p) => `needs Docker and the engine does not respond: \`docker info\` did not answer within ${p.seconds ?? 10} s (E01: is Docker Desktop still starting?)`,
  },
  'docker.unavailable.daemon': {
    what: (p) =>
      `needs Docker and the engine is not running (E01: open Docker Desktop and wait until it says *running*, or on Linux \`sudo systemctl start docker\`)${maybe(p.detail, (s) => `; \`docker info\` says: "${s}"`)}`,
  },
  'docker.unavailable.permission': {
    what: (p) =>
      `needs Docker and your user cannot use it (E02: permission denied on docker.sock; \`sudo usermod -aG docker "$USER"\` and log in again)${maybe(p.detail, (s) => `; \`docker info\` says: "${s}"`)}`,
  },
  'docker.unavailable.windows': {
    what: () => 'needs Docker with Linux containers, and Docker Desktop is in Windows containers mode (E03: *Switch to Linux containers*)',
  },
  'docker.skip.staticFailed': {
    what: () => 'the static tier has failures: fix them first',
  },
  'docker.skip.notBuilt': {
    what: () => 'the image was not built: fix «la imagen se construye» first',
  },
  'docker.skip.lockTimeout': {
    what: (p) =>
      `another grading run has been using Docker for ${p.minutes ?? '?'} min${maybe(p.holder, (s) => ` (${s})`)}; wait for it to finish, or delete ${code(p.file ?? 'taller-docker.lock')} if that process no longer exists`,
  },
  'docker.skip.noPython': {
    what: () => 'needs `python3` (3.10 or later) on your machine to compute the expected result with `procesador/etl.py`',
  },
  'docker.skip.referenceFailed': {
    what: (p) =>
      `\`procesador/etl.py\` does not work on your machine with this data (exit code ${p.exitCode ?? '?'}), so there is no result to compare with${maybe(p.last, (s) => `: "${s}"`)}`,
  },

  // Failures, with the evidence collected.
  'docker.build.failed': {
    what: (p) =>
      `The image does not build: \`docker build\` ended with exit code ${p.exitCode ?? '?'}` +
      (p.step ? ` at step ${p.stepNumber ? `${p.stepNumber} ` : ''}(\`${p.step}\`).` : '.') +
      maybe(p.cause, (s) => `\n    Likely cause: ${s}`) +
      block('Last lines of the build', p.tail),
    fix: (p) =>
      `Fix that instruction and try it by hand from the exercise folder: \`docker build -t procesador:1.0 .\`${maybe(p.code, (s) => ` (if the error comes from your environment, look up ${s} in docs/solucion-de-problemas.md)`)}.`,
    hint: 'The failing step is the last `Step N/M` (or `[n/m]`) in the log; the lines below it are what that instruction printed. A `COPY` fails if the file does not exist or if `.dockerignore` leaves it out of the context.',
  },
  'docker.build.timeout': {
    what: (p) => `The image build did not finish within ${p.minutes ?? '?'} minutes and was cancelled.${block('Last lines of the build', p.tail)}`,
    fix: () => 'See which step it got stuck on: a slow download, or a `RUN` waiting for an answer (use `apt-get install -y`).',
  },
  'docker.cmd.argv': {
    what: (p) => `The image's default command (\`ENTRYPOINT\` + \`CMD\`, as Docker stored it) is \`${p.argv ?? '[]'}\`: ${p.reason ?? 'not the expected one'}. Expected the equivalent of \`${p.expected ?? ''}\`.`,
    fix: () => 'Check the last `ENTRYPOINT` and `CMD` in the Dockerfile (and the ones inherited from the base image).',
  },
  'docker.run.timeout': {
    what: (p) => `The container did not finish within ${p.seconds ?? '?'} s and was stopped.${block('Last lines of its log', p.tail)}`,
    fix: () => 'The default command must process the data and exit: does it start another program, or wait for something on standard input?',
  },
  'docker.run.failed': {
    what: (p) =>
      `With \`datos/\` mounted at ${code(p.input ?? '/datos')} (read-only) and a new folder at ${code(p.output ?? '/salida')}, the container ended with exit code ${p.exitCode ?? '?'} (expected 0).` +
      maybe(p.cause, (s) => `\n    Likely cause: ${s}`) +
      block('Last lines of its log', p.tail),
    fix: () => 'Run it by hand from the exercise folder and look at its output: `docker build -t procesador:1.0 . && docker run --rm -v "$PWD/datos:/datos:ro" -v "$PWD/salida:/salida" procesador:1.0`.',
  },
  'docker.run.noOutput': {
    what: (p) =>
      `The container finished fine, but did not write ${code(p.file ?? 'resumen.json')} to ${code(p.output ?? '/salida')}${lines(p.found).length ? ` (it contains: ${lines(p.found).map(code).join(', ')})` : ' (the folder was left empty)'}.` +
      block('Last lines of its log', p.tail),
    fix: () => 'The default command must include `--salida /salida`: that is the folder mounted at run time; anything written to another path is lost with the container.',
  },
  'docker.run.badJson': {
    what: (p) => `${code(p.file ?? 'resumen.json')} is not valid JSON: ${p.detail ?? ''}`,
  },
  'docker.run.mismatch': {
    what: (p) =>
      `${code(p.file ?? 'resumen.json')} does not match what \`procesador/etl.py\` gives with the same data (numbers with tolerance ${p.tolerance ?? 0.005}):` +
      lines(p.differences)
        .map((d) => `\n    - ${d}`)
        .join(''),
    fix: () => 'The image must run the exercise\'s `procesador/etl.py` on the CSV files in `/datos`: check which file you copy and which options you start it with.',
  },
  'docker.user.unset': {
    what: () => 'The image has no user configured (`Config.User` is empty): its containers run as root.',
    fix: (p) =>
      p.variable
        ? `\`USER ${p.variable}\` ended up empty at build time. An \`ARG\` declared before \`FROM\` only applies to the \`FROM\` lines: inside the stage you must declare it again (\`ARG ${String(p.name ?? 'UID')}\`) or write the uid directly, \`USER 10001:10001\`.`
        : 'Add `USER 10001:10001` in the last stage, before `ENTRYPOINT`/`CMD`.',
  },
  'docker.user.notNumeric': {
    what: (p) => `The user configured in the image is ${code(p.user ?? '')}, a name and not a numeric uid: Kubernetes, with \`runAsNonRoot: true\`, cannot check that it is not root.`,
    fix: () => 'Use `USER 10001:10001`.',
  },
  'docker.user.root': {
    what: (p) => `The user configured in the image is ${code(p.user ?? '0')}: uid 0, root.`,
    fix: () => 'Use a uid other than 0: `USER 10001:10001`.',
  },
  'docker.user.runsAsRoot': {
    what: (p) => `\`${p.via ?? 'id -u'}\` inside the container gives 0: the program runs as root.`,
    fix: () => 'Check the last `USER` in the image: `docker run --rm --entrypoint id <image>` must show `uid=10001`.',
  },
  'docker.user.unknown': {
    what: (p) => `Could not read the uid inside the container (\`${p.via ?? 'id -u'}\` ended with exit code ${p.exitCode ?? '?'}).${block('Last lines', p.tail)}`,
    fix: () => 'The image must have `id` or Python; try `docker run --rm --entrypoint id <image> -u`.',
  },
  'docker.image.tooLarge': {
    what: (p) =>
      `The image takes ${mb(p.size)}; the limit is ${p.limit ?? '?'} MB.` +
      (lines(p.layers).length ? `\n    The largest layers:${lines(p.layers).map((l) => `\n      │ ${l}`).join('')}` : ''),
    fix: () => 'Start from a slim base (`python:3.12-slim`), install with `pip install --no-cache-dir`, keep the data out (`.dockerignore`) and do not copy what the program does not need.',
    hint: 'Each instruction adds a layer: deleting a file in a later `RUN` does not shrink the image, because it is still in the layer that created it. Clean up in the same `RUN` that creates it.',
  },
};
