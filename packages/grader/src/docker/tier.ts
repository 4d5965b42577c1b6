// "Each tier only when the previous passed": from a live describe's `before` hook, the rubric
// lines of the describes that come before it, and which of them failed.
import type { Context, Suite, Test } from 'mocha';

function testsOf(suite: Suite): Test[] {
  return [...suite.tests, ...suite.suites.flatMap(testsOf)];
}

/** Titles of the earlier tier's lines that failed. A line that did not run (`--grep`) is run here. */
export async function earlierTierFailures(hook: Context): Promise<string[]> {
  const live = hook.test?.parent;
  const parent = live?.parent;
  if (!live || !parent) return [];
  const earlier = parent.suites.slice(0, parent.suites.indexOf(live)).flatMap(testsOf);
  const failed: string[] = [];
  for (const test of earlier) {
    if (test.state === 'failed') failed.push(test.title);
    else if (test.state === undefined && !test.isPending() && test.fn && test.fn.length === 0) {
      try {
        await (test.fn as (this: Context) => unknown).call(hook);
      } catch {
        failed.push(test.title);
      }
    }
  }
  return failed;
}
