// Assertions of exercise 14, the capture pipeline: the ConfigMap's settings reach `captura`, the
// claim holds DATA_DIR for the writer and the reader alike, and the Pods meet `restricted`.
import type { Node } from '../model.ts';
import type { Container } from '../rules/containers.ts';
import { scheduleOnceADay } from '../rules/cron.ts';
import * as rules from '../rules/pipeline.ts';
import { restrictedControl, type RestrictedControl } from '../rules/security.ts';
import type { AssertionTable } from './table.ts';

/** What the `restricted` Pod Security standard itself asks (a read-only root is good practice, not required). */
const RESTRICTED: readonly RestrictedControl[] = ['runAsNonRoot', 'seccompProfile', 'allowPrivilegeEscalation', 'capabilities'];

export const pipelineAssertions: AssertionTable = {
  subject: 'Node',
  methods: {
    captureSettings: rules.captureSettings,
    claimRequest: rules.claimRequest,
    envFromConfigMap: rules.envFromConfigMap,
    dataDirOnClaim: rules.writesDataDirOnClaim,
    dataDirReadingOf: (reader: Node<Container>, writer: Node<Container>, claim: string, objects: rules.Objects) =>
      rules.readsDataDirOf(reader, writer, claim, objects),
  },
  properties: {
    onceADaySchedule: scheduleOnceADay,
    restrictedPods: (workload: Node) => RESTRICTED.flatMap((control) => restrictedControl(workload, control)),
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      captureSettings(urlKey: string, titlesKey: string): Assertion;
      claimRequest(size: string, accessMode: string): Assertion;
      envFromConfigMap(configMap: string, names: readonly string[], objects: rules.Objects): Assertion;
      dataDirOnClaim(claim: string, objects: rules.Objects): Assertion;
      dataDirReadingOf(writer: Node, claim: string, objects: rules.Objects): Assertion;
      onceADaySchedule: Assertion;
      restrictedPods: Assertion;
    }
  }
}
