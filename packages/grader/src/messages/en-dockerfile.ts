// English messages for Dockerfiles and .dockerignore (exercise 02).
import type { Catalogue } from './types.ts';
import { codeText as code } from './format.ts';

export const enDockerfile: Catalogue = {
  // Reading
  'dockerfile.missing': {
    what: (p) => `${code(p.file)} does not exist in the folder being graded.`,
    fix: (p) => `Create ${code(p.file)} (no extension, capital D) next to \`procesador/\` and \`datos/\`.`,
  },
  'dockerfile.empty': {
    what: () => 'The Dockerfile is empty or only has comments: it has no instruction.',
    fix: () => 'Start with `FROM` and the base image, then add the exercise\'s instructions.',
  },
  'textfile.tooLarge': {
    what: (p) => `The file is ${((p.size as number) / 1048576).toFixed(1)} MB; the grader does not read files larger than ${((p.max as number) / 1048576).toFixed(0)} MB.`,
    fix: () => 'A Dockerfile or a `.dockerignore` is a few KB: check that you did not save something else there.',
  },
  'textfile.binary': {
    what: () => 'The file is not text (it contains null bytes).',
    fix: () => 'Save it as UTF-8 text; Docker cannot read it as it is.',
  },
  'textfile.notUtf8': {
    what: () => 'The file is not UTF-8.',
    fix: () => 'Save it with UTF-8 encoding (your editor offers this in "Save As").',
  },
  'dockerfile.noFrom': {
    what: () => 'The Dockerfile has no `FROM` instruction.',
    fix: () => 'The first instruction (after the global `ARG`s, if any) is `FROM <image>:<tag>`.',
  },
  'dockerfile.beforeFrom': {
    what: (p) => `\`${p.keyword}\` appears before the first \`FROM\`; \`docker build\` stops there.`,
    fix: () => 'Only `ARG` can go before `FROM`. Move this instruction after `FROM`.',
  },
  'dockerfile.unknownInstruction': {
    what: (p) => `\`${p.keyword}\` is not a Dockerfile instruction${p.suggestion ? `. Did you mean \`${p.suggestion}\`?` : '.'}`,
    fix: () => 'Fix the keyword: `docker build` fails with "unknown instruction".',
    hint: 'If it continues the previous line, that line is missing its trailing `\\`.',
  },
  // Base image
  'dockerfile.base.latest': {
    what: (p) => `The base image ${code(p.image)} uses the \`latest\` tag, which changes without warning.`,
    fix: () => 'Pin a specific version, for example `FROM python:3.12-slim`.',
    hint: 'With `latest`, the same Dockerfile gives different images depending on the day; with a fixed tag (or an `@sha256:…` digest) the build is reproducible.',
  },
  'dockerfile.base.floating': {
    what: (p) =>
      p.python && p.major
        ? `The tag \`${p.tag}\` of ${code(p.image)} only pins the major version (${p.major}): it moves from Python 3.12 to 3.13 unannounced.`
        : `The tag \`${p.tag}\` of ${code(p.image)} names no version: it points to another image each time a new one is released.`,
    fix: () => 'Pin the version in the tag, with major and minor: `FROM python:3.12-slim` (or add the digest `@sha256:…`).',
    hint: 'A tag without a version changes unannounced, just like `latest`: the same Dockerfile gives different images depending on the day.',
  },
  'dockerfile.base.untagged': {
    what: (p) => `The base image ${code(p.image)} has no tag: Docker uses \`latest\`, which changes without warning.`,
    fix: (p) => `Add a specific version: \`FROM ${p.image}:3.12-slim\` (or an \`@sha256:…\` digest).`,
    hint: 'Without a tag, the same Dockerfile gives different images depending on the day.',
  },
  'dockerfile.base.unresolved': {
    what: (p) => `The base image ${code(p.image)} depends on ${code(p.variables)}, which has no default value.`,
    fix: () => 'Give the `ARG` before `FROM` a default value (`ARG PYTHON_VERSION=3.12`) or write the tag directly.',
  },
  'dockerfile.base.notSlim': {
    what: (p) => `The base image ${code(p.image)} is not a slim image${p.digestOnly ? ' (or it cannot be told: it only has a digest)' : ''}.`,
    fix: (p) => `Use a small variant: \`${p.name}:3.12-slim\`, \`-alpine\` or a *distroless* image.`,
    hint: 'Slim images are tags with `slim`, `alpine`, `minimal` or `micro`, and the `alpine`, `busybox`, *distroless* (`gcr.io/distroless/…`) and Chainguard (`cgr.dev/…`) images. `python:3.12` weighs about 1000 MB; `python:3.12-slim`, about 130 MB. With a digest, write the tag too: `python:3.12-slim@sha256:…`.',
  },
  // Layout
  'dockerfile.workdir.missing': {
    what: () => 'The image does not set `WORKDIR`: the files and the command end up in `/`, mixed with the system.',
    fix: () => 'Add `WORKDIR /app` (or another absolute folder) after `FROM` and before the `COPY`s.',
    hint: '`WORKDIR` creates the folder if it does not exist and makes the relative paths of `COPY`, `RUN` and `CMD` start from it.',
  },
  'dockerfile.deps.afterCode': {
    what: (p) => `This \`COPY ${p.copy}\` copies the code before the dependencies are installed (line ${p.installLine}): every change to the code invalidates the cache and repeats the installation.`,
    fix: () => 'Copy only `requirements.txt` first, install with `RUN pip install --no-cache-dir -r requirements.txt` and copy the code afterwards.',
    hint: 'Docker reuses a layer as long as nothing that produced it changes; if the code `COPY` comes first, any change to `etl.py` rebuilds all the following layers.',
  },
  'dockerfile.deps.notInstalled': {
    what: (p) => `${code(p.manifest)} declares dependencies, but the Dockerfile does not install them.`,
    fix: () => 'Copy `requirements.txt` and add `RUN pip install --no-cache-dir -r requirements.txt` before copying the code.',
  },
  // User
  'dockerfile.user.missing': {
    what: () => 'The image does not switch user (`USER`): the program runs as root.',
    fix: () => 'Add `USER 10001:10001` before `ENTRYPOINT`/`CMD`.',
    hint: 'A numeric uid does not need to exist in `/etc/passwd`. If the program writes to a folder in the image, give it that folder first with `chown 10001:10001`.',
  },
  'dockerfile.user.root': {
    what: (p) => `\`USER ${p.user}\` is root (uid 0).`,
    fix: () => 'Use a numeric uid other than 0, for example `USER 10001:10001`.',
    hint: 'If someone escapes the container, a root process reaches much further; Kubernetes with `runAsNonRoot: true` would not start this container.',
  },
  'dockerfile.user.name': {
    what: (p) => `\`USER ${p.user}\` gives a name (${code(p.name)}), not a numeric uid.`,
    fix: (p) => `Use the number: \`USER 10001:10001\` (if you created \`${p.name}\` with \`useradd\`, give it that uid with \`-u 10001\`).`,
    hint: 'Kubernetes, with `runAsNonRoot: true`, cannot check that a name is not root (it would have to read the image\'s `/etc/passwd`) and refuses to start the container; with a number it can.',
  },
  'dockerfile.user.unresolved': {
    what: (p) => `\`USER ${p.user}\` depends on ${code(p.variables)}, which has no default value.`,
    fix: () => 'Write the uid directly (`USER 10001:10001`) or give the `ARG` a default value.',
  },
  // Command
  'dockerfile.cmd.missing': {
    what: (p) => `The image has no default command (neither \`ENTRYPOINT\` nor \`CMD\`); expected \`${p.expected}\`.`,
    fix: () => 'Add, for example, `ENTRYPOINT ["python", "etl.py"]` and `CMD ["--entrada", "/datos", "--salida", "/salida"]`.',
  },
  'dockerfile.cmd.shellForm': {
    what: (p) => `\`${p.keyword} ${p.text}\` is in *shell* form: Docker runs it as \`/bin/sh -c "…"\`.`,
    fix: (p) => `Write it in *exec* form (a JSON list): \`${p.keyword} ${p.suggestion}\`.`,
    hint: 'In shell form, process 1 is `sh`, which does not forward `SIGTERM` to the program (`docker stop` waits 10 s and kills it), and with `ENTRYPOINT` in shell form, `CMD` and the `docker run` arguments are ignored.',
  },
  'dockerfile.cmd.badJson': {
    what: (p) => `\`${p.keyword} ${p.text}\` looks like a list, but it is not valid JSON: Docker runs it in *shell* form.`,
    fix: (p) => `Use double quotes and commas, as in JSON: \`${p.keyword} ${p.suggestion}\`.`,
    hint: 'Single quotes are not valid in JSON: `["python", "etl.py"]`, not `[\'python\', \'etl.py\']`.',
  },
  'dockerfile.cmd.argv': {
    what: (p) => `The default command (\`ENTRYPOINT\` + \`CMD\`) is \`${p.argv}\`: ${p.reason}. Expected the equivalent of \`${p.expected}\`.`,
    fix: () => 'For example `ENTRYPOINT ["python", "etl.py"]` and `CMD ["--entrada", "/datos", "--salida", "/salida"]` (or everything in `CMD`).',
    hint: '`python`, `python3` or `python3.12` with the path of `etl.py` all work (or `python -m etl`, or `etl.py` if it is executable), with the options in any order, as `--option value` or `--option=value`. With `ENTRYPOINT`, `CMD` only provides the arguments that `docker run image …` can replace.',
  },
  'dockerfile.cmd.notCopied': {
    what: (p) => {
      const copied = p.copied ? `the Dockerfile copies \`${p.source}\` to \`${p.copied}\`` : `the Dockerfile does not copy \`${p.source}\` into the image`;
      if (p.module) return `\`python -m ${p.program}\` looks for \`${p.program}.py\` in the working directory (\`WORKDIR ${p.workdir}\`), but ${copied}.`;
      return `The command runs \`${p.runs}\`${p.relative ? ` (its path starts at \`WORKDIR ${p.workdir}\`)` : ''}, but ${copied}.`;
    },
    fix: (p) => `Make them match: \`WORKDIR\` set to the folder you copy \`${p.program}.py\` into (\`WORKDIR /app\` and \`COPY ${p.source} .\`) and the command with that path, absolute or relative to \`WORKDIR\`: \`ENTRYPOINT ["python", "/app/${p.program}.py"]\`.`,
    hint: 'Relative paths in `COPY` and in the command start at `WORKDIR`; `python -m` looks for the module in the working directory.',
  },
  // ADD and secrets
  'dockerfile.add.remote': {
    what: (p) => `\`ADD\` downloads ${code(p.url)} at build time: it cannot be verified and it does not use the cache well.`,
    fix: () => 'Copy local files with `COPY`; if you need to download something, do it in a `RUN` with `curl -fsSL` and check its checksum (`sha256sum -c`).',
    hint: '`COPY` only copies from the build context and does nothing else; `ADD` also downloads URLs and extracts archives, which is surprising.',
  },
  'dockerfile.secret': {
    what: (p) => `\`${p.keyword} ${p.name}\` looks like a secret and has a value: it would be stored in the image (\`docker history\` and \`docker inspect\` show it).`,
    fix: () => 'Remove the value from the Dockerfile: pass it at run time (`docker run -e`, a Kubernetes Secret) or, if it is needed at build time, with `RUN --mount=type=secret`.',
    hint: 'Names count as secrets if they contain PASSWORD, SECRET, TOKEN, CLAVE, CREDENTIAL, APIKEY, or KEY/PASS/PWD/AUTH as a word (`API_KEY`, `DB_PASS`).',
  },
  // .dockerignore
  'dockerignore.missing': {
    what: (p) => `${code(p.file)} does not exist: Docker sends the whole folder (\`.git\`, the data, the caches…) when building.`,
    fix: () => 'Create `.dockerignore` next to the Dockerfile, with one pattern per line (`.git`, `datos/`, `**/__pycache__`).',
  },
  'dockerignore.notExcluded': {
    what: (p) => `\`.dockerignore\` does not leave ${code(p.path)} out of the build context.`,
    fix: (p) =>
      p.rootOnly
        ? `\`${p.name}\` only matches at the root of the context; for any folder write \`**/${p.name}\`.`
        : `Add a line that excludes it, for example \`${p.suggestion}\`.`,
    hint: 'Patterns are matched against paths relative to the Dockerfile\'s folder; `**` matches any number of folders and `!` re-includes. Whatever you do not exclude travels to Docker on every build, and a `COPY . .` puts it in the image.',
  },
};
