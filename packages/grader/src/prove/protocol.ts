// What the variant runner (run.ts) prints and the proof spec reads.
export interface LineResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  message?: string;
  /** The codes of the grader's problems behind a failure (GradingFailure.records). */
  codes?: string[];
  /** Why a pending (skipped) line did not run. */
  reason?: string;
  /** What this machine lacks, when that is why it did not run (see `lackOf` in live/skip.ts). */
  needs?: string[];
  /** The failure was not a grading failure: the grader itself broke. */
  crash?: boolean;
}

export const RESULT_PREFIX = 'TALLER-PROVE ';
