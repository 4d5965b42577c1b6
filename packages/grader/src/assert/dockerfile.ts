// Assertions on a Dockerfile and its .dockerignore (exercise 02): `expect(ex.dockerfile())
// .to.have.pinnedBase`. The subjects come from `ex.dockerfile()` and `ex.dockerignore()`.
import type { DockerIgnore, Dockerfile } from '../parse/dockerfile.ts';
import * as rules from '../rules/dockerfile.ts';
import type { AssertionTable } from './table.ts';

// A wrong subject is a bug in the spec, not a learner's mistake: say so loudly.
function dockerfile(subject: unknown, name: string): Dockerfile {
  const df = subject as Partial<Dockerfile> | null;
  if (!df || !Array.isArray(df.stages)) throw new TypeError(`«${name}» needs ex.dockerfile(), got ${typeof subject}`);
  return df as Dockerfile;
}

function dockerignore(subject: unknown, name: string): DockerIgnore {
  const di = subject as Partial<DockerIgnore> | null;
  if (!di || !Array.isArray(di.rules)) throw new TypeError(`«${name}» needs ex.dockerignore(), got ${typeof subject}`);
  return di as DockerIgnore;
}

export const dockerfileAssertions: AssertionTable = {
  methods: {
    execFormCommand: (df: unknown, expected: readonly string[], source?: string) => rules.execFormCommand(dockerfile(df, 'execFormCommand'), expected, source),
    dockerignoreExcludes: (di: unknown, paths: readonly string[]) => rules.dockerignoreExcludes(dockerignore(di, 'dockerignoreExcludes'), paths),
  },
  properties: {
    pinnedBase: (df: unknown) => rules.pinnedBase(dockerfile(df, 'pinnedBase')),
    slimBase: (df: unknown) => rules.slimBase(dockerfile(df, 'slimBase')),
    workdir: (df: unknown) => rules.workdirSet(dockerfile(df, 'workdir')),
    depsBeforeCode: (df: unknown) => rules.depsBeforeCode(dockerfile(df, 'depsBeforeCode')),
    numericNonRootUser: (df: unknown) => rules.numericNonRootUser(dockerfile(df, 'numericNonRootUser')),
    noRemoteAdd: (df: unknown) => rules.noRemoteAdd(dockerfile(df, 'noRemoteAdd')),
    noSecrets: (df: unknown) => rules.noSecrets(dockerfile(df, 'noSecrets')),
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      /** `source`: the program's file in the context, to check the command runs where COPY put it. */
      execFormCommand(expected: readonly string[], source?: string): Assertion;
      dockerignoreExcludes(paths: readonly string[]): Assertion;
      pinnedBase: Assertion;
      slimBase: Assertion;
      workdir: Assertion;
      depsBeforeCode: Assertion;
      numericNonRootUser: Assertion;
      noRemoteAdd: Assertion;
      noSecrets: Assertion;
    }
  }
}
