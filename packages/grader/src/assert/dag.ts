// Assertions on an Airflow DAG file (exercise 04): `expect(await ex.dag()).to.have.dagCatchupOff`.
// The subject is the facts `ex.dag()` reads with Python's ast (see src/airflow/analysis.ts).
import type { DagFacts } from '../rules/dag.ts';
import * as rules from '../rules/dag.ts';
import type { AssertionTable } from './table.ts';

// A wrong subject is a bug in the spec, not a learner's mistake: say so loudly.
function facts(subject: unknown, name: string): DagFacts {
  const f = subject as Partial<DagFacts> | null;
  if (!f || !Array.isArray(f.dags) || !Array.isArray(f.calls)) throw new TypeError(`«${name}» needs await ex.dag(), got ${typeof subject}`);
  return f as DagFacts;
}

export const dagAssertions: AssertionTable = {
  methods: {
    dagIdentifier: (f: unknown, id: string) => rules.dagIdIs(facts(f, 'dagIdentifier'), id),
    dagRetries: (f: unknown, min: number) => rules.retriesWithDelay(facts(f, 'dagRetries'), min),
    dagTag: (f: unknown, tag: string) => rules.hasTag(facts(f, 'dagTag'), tag),
    dagVariablesInTask: (f: unknown, expected: Record<string, string>) => rules.variablesInTask(facts(f, 'dagVariablesInTask'), expected),
  },
  properties: {
    dagSdkImports: (f: unknown) => rules.sdkImports(facts(f, 'dagSdkImports')),
    dagDailySchedule: (f: unknown) => rules.dailySchedule(facts(f, 'dagDailySchedule')),
    dagFixedStartDate: (f: unknown) => rules.fixedAwareStart(facts(f, 'dagFixedStartDate')),
    dagCatchupOff: (f: unknown) => rules.catchupFalse(facts(f, 'dagCatchupOff')),
    dagUserAgent: (f: unknown) => rules.descriptiveUserAgent(facts(f, 'dagUserAgent')),
    dagQuietImport: (f: unknown) => rules.nothingAtImport(facts(f, 'dagQuietImport')),
    dagPathFromLogicalDate: (f: unknown) => rules.pathFromLogicalDate(facts(f, 'dagPathFromLogicalDate')),
    dagAtomicWrite: (f: unknown) => rules.atomicWrite(facts(f, 'dagAtomicWrite')),
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      dagIdentifier(id: string): Assertion;
      dagRetries(min: number): Assertion;
      dagTag(tag: string): Assertion;
      dagVariablesInTask(expected: Record<string, string>): Assertion;
      dagSdkImports: Assertion;
      dagDailySchedule: Assertion;
      dagFixedStartDate: Assertion;
      dagCatchupOff: Assertion;
      dagUserAgent: Assertion;
      dagQuietImport: Assertion;
      dagPathFromLogicalDate: Assertion;
      dagAtomicWrite: Assertion;
    }
  }
}
