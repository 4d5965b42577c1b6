// Assertions on exercise 03's Compose file: `expect(ex.compose()).to.have.localExecutor`. The
// subject comes from `ex.compose()`; `expect(ex.compose()).to.be.valid` checks the schema.
import type { ComposeFile } from '../compose/model.ts';
import * as rules from '../rules/compose.ts';
import type { AssertionTable } from './table.ts';

// A wrong subject is a bug in the spec, not a learner's mistake: say so loudly.
function compose(subject: unknown, name: string): ComposeFile {
  const c = subject as Partial<ComposeFile> | null;
  if (!c || !c.ast || !c.root || !c.env) throw new TypeError(`«${name}» needs ex.compose(), got ${typeof subject}`);
  return c as ComposeFile;
}

const rule = (name: string, fn: (c: ComposeFile) => ReturnType<typeof rules.apiPort>) => (subject: unknown) => fn(compose(subject, name));

export const composeAssertions: AssertionTable = {
  properties: {
    airflowServices: rule('airflowServices', rules.requiredServices),
    sharedAirflowAnchor: rule('sharedAirflowAnchor', rules.sharedAnchor),
    pinnedAirflowImage: rule('pinnedAirflowImage', rules.pinnedAirflowImage),
    localExecutor: rule('localExecutor', rules.localExecutor),
    postgresFromEnv: rule('postgresFromEnv', rules.postgresFromEnv),
    examplesOff: rule('examplesOff', rules.examplesOff),
    executionApiUrl: rule('executionApiUrl', rules.executionApiUrl),
    sharedJwtSecret: rule('sharedJwtSecret', rules.sharedJwtSecret),
    fabAuthFromEnv: rule('fabAuthFromEnv', rules.fabAuthFromEnv),
    schedulerHealthCheckEnabled: rule('schedulerHealthCheckEnabled', rules.schedulerHealthCheckEnabled),
    shortDagRefresh: rule('shortDagRefresh', rules.shortDagRefresh),
    apiPortFromEnv: rule('apiPortFromEnv', rules.apiPort),
    airflowHealthChecks: rule('airflowHealthChecks', rules.healthChecks),
    dependsOnConditions: rule('dependsOnConditions', rules.dependsOnConditions),
    airflowMounts: rule('airflowMounts', rules.airflowMounts),
    airflowUidFromEnv: rule('airflowUidFromEnv', rules.airflowUidFromEnv),
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      airflowServices: Assertion;
      sharedAirflowAnchor: Assertion;
      pinnedAirflowImage: Assertion;
      localExecutor: Assertion;
      postgresFromEnv: Assertion;
      examplesOff: Assertion;
      executionApiUrl: Assertion;
      sharedJwtSecret: Assertion;
      fabAuthFromEnv: Assertion;
      schedulerHealthCheckEnabled: Assertion;
      shortDagRefresh: Assertion;
      apiPortFromEnv: Assertion;
      airflowHealthChecks: Assertion;
      dependsOnConditions: Assertion;
      airflowMounts: Assertion;
      airflowUidFromEnv: Assertion;
    }
  }
}
