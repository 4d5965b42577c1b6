// The learner's image as the live tier sees it: built once per run in the live describe's
// `before` (only when Docker answers and the static tier passed), removed in its `after`. The
// rubric lines then skip with the reason, fail with the build's evidence, or get the image.
//
//   const image = imageUnderTest(ex, { prefix: 'taller-02', needs: ['procesador', 'datos'] });
//   before(async function () { await image.build(this); });
//   after(() => image.remove());
//   it('la imagen se construye', async function () { await image.expectBuilt(this); });
//   it('…', async function () { const built = await image.ready(this); … });
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { failWith, GradingFailure } from '../assert/failure.ts';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import type { Dockerfile } from '../parse/dockerfile.ts';
import { lackOf, skipWith, unmet } from '../live/skip.ts';
import { BUILD_TIMEOUT_MS, buildImage, instructionOfStep, removeIfUntagged, removeImage, uniqueTag, type BuildResult } from './build.ts';
import { inspectImage, type ImageInfo } from './container.ts';
import { likelyCause } from './causes.ts';
import { reason } from '../messages/index.ts';
import { LockTimeout, withDockerLock } from '../system/lock.ts';
import { lockTimeoutReason } from './probe.ts';
import { earlierTierFailures } from './tier.ts';

const LOCK_WAIT_MS = 20 * 60_000;
/** Mocha's limit for one live rubric line (each bounds its own containers more tightly). */
export const LIVE_TEST_TIMEOUT_MS = 3 * 60_000;

export interface ImageUnderTestOptions {
  /** Names images and containers: `taller-02` → `taller-02:<hash>-<rand>`, `taller-02-run-<rand>`. */
  prefix: string;
  /**
   * Folders the build context needs besides the Dockerfile. A submission that lacks them (a
   * reference solution, a mutant) is built from a temporary copy of the exercise folder with
   * the submission's files laid over it; the learner's own folder is never modified.
   */
  needs: string[];
}

/** What a rubric line gets once the image exists. */
export interface BuiltImage {
  tag: string;
  info: ImageInfo;
  exercise: Exercise;
  /** The graded folder. */
  submission: string;
  /** Where a needed folder comes from: the submission's own, else the exercise's. */
  folder(name: string): string;
  /** The submission's Dockerfile, to point failures at its lines (undefined if unreadable). */
  dockerfile?: Dockerfile;
}

export class ImageUnderTest {
  private skipReason?: string;
  private failure?: Problem;
  private error?: unknown;
  private built?: BuiltImage;
  private tag?: string;

  constructor(
    readonly exercise: Exercise,
    readonly options: ImageUnderTestOptions,
  ) {}

  /** For the live describe's `before`. Records the outcome; never throws (a failing hook would hide the rubric). */
  async build(hook: Context): Promise<void> {
    hook.timeout(LOCK_WAIT_MS + BUILD_TIMEOUT_MS + 2 * 60_000);
    this.skipReason = this.failure = this.error = this.built = this.tag = undefined;
    try {
      if ((await earlierTierFailures(hook)).length > 0) {
        this.skipReason = reason('docker.skip.staticFailed');
        return;
      }
      this.skipReason = await unmet(['docker']);
      if (this.skipReason) return;
      await this.buildNow();
    } catch (err) {
      if (err instanceof LockTimeout) this.skipReason = lackOf('docker', lockTimeoutReason(err));
      else if (err instanceof GradingFailure) this.failure = err.problems[0];
      else this.error = err;
    }
  }

  private async buildNow(): Promise<void> {
    const ex = this.exercise;
    const submission = ex.submission;
    const complete = this.options.needs.every((n) => existsSync(path.join(submission, n)));
    let overlay: string | undefined;
    try {
      const contextDir = complete ? submission : (overlay = overlayOnExercise(ex.root, submission));
      const tag = uniqueTag(this.options.prefix, contextDir);
      this.tag = tag; // known before the build, so `after` removes it whatever happens
      const result = await withDockerLock(`construir la imagen del ejercicio ${ex.number}`, () =>
        buildImage({ contextDir, tag, progress: (line) => process.stderr.write(`${line}\n`) }),
      );
      const dockerfile = readDockerfile(ex);
      if (!result.ok) {
        if (result.leftover) await removeIfUntagged(result.leftover);
        this.failure = buildFailure(result, dockerfile);
        return;
      }
      const info = await inspectImage(tag);
      if (!info) throw new Error(`docker build succeeded but \`docker image inspect ${tag}\` failed`);
      const folder = (name: string) => {
        const own = path.join(submission, name);
        return existsSync(own) ? own : path.join(ex.root, name);
      };
      this.built = { tag, info, exercise: ex, submission, folder, dockerfile };
    } finally {
      if (overlay) rmSync(overlay, { recursive: true, force: true });
    }
  }

  /** For the live describe's `after`: removes the image (and with it the build's own intermediate layers). */
  async remove(): Promise<void> {
    const tag = this.tag;
    this.tag = undefined;
    if (tag) await removeImage(tag);
  }

  /** The "it builds" rubric line: skips with the reason, or fails with the build's evidence. */
  async expectBuilt(ctx: Context): Promise<void> {
    this.settle(ctx);
    if (this.failure) failWith(this.failure);
  }

  /** Any other live line: the built image, or a skip (when it could not be built, too). */
  async ready(ctx: Context): Promise<BuiltImage> {
    this.settle(ctx);
    if (this.failure || !this.built) return skipWith(ctx, reason('docker.skip.notBuilt'));
    ctx.timeout(LIVE_TEST_TIMEOUT_MS);
    return this.built;
  }

  private settle(ctx: Context): void {
    if (this.error) throw this.error;
    if (this.skipReason) skipWith(ctx, this.skipReason);
  }
}

export function imageUnderTest(exercise: Exercise, options: ImageUnderTestOptions): ImageUnderTest {
  return new ImageUnderTest(exercise, options);
}

/** A temporary build context: the exercise folder (without node_modules) with the submission laid over it. */
function overlayOnExercise(exerciseRoot: string, submission: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taller-contexto-'));
  try {
    cpSync(exerciseRoot, dir, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
    // The starter's Dockerfile and .dockerignore are not the submission's: never mix them.
    for (const own of ['Dockerfile', '.dockerignore']) rmSync(path.join(dir, own), { force: true });
    cpSync(submission, dir, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
    return dir;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function readDockerfile(ex: Exercise): Dockerfile | undefined {
  try {
    return ex.dockerfile();
  } catch {
    return undefined;
  }
}

function buildFailure(result: BuildResult, dockerfile: Dockerfile | undefined): Problem {
  const file = dockerfile?.file ?? 'Dockerfile';
  if (result.timedOut) {
    return { code: 'docker.build.timeout', at: { file }, params: { minutes: Math.round(BUILD_TIMEOUT_MS / 60_000), tail: result.tail } };
  }
  const instruction = dockerfile ? instructionOfStep(dockerfile.instructions, result.failedStep, result.failedStepNumber) : undefined;
  // Judge the failing step's own output, not what earlier steps printed (pip's warnings…).
  const stepStart = result.tail.map((l) => /^Step \d+\/\d+ : /.test(l)).lastIndexOf(true);
  const cause = likelyCause(result.tail.slice(Math.max(stepStart, 0)).join('\n'));
  return {
    code: 'docker.build.failed',
    at: { file, line: result.failedLine ?? instruction?.line },
    params: {
      exitCode: result.exitCode,
      step: result.failedStep,
      stepNumber: result.failedStepNumber,
      tail: result.tail,
      cause: cause?.text,
      code: cause?.code,
    },
  };
}
