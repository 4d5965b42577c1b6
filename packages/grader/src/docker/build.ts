// Builds an image from a folder and, when the build fails, finds the step that failed and the
// last lines of its log: that is the evidence a learner needs, so the output is never swallowed.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { loadDockerignore, type Instruction } from '../parse/dockerfile.ts';
import { isProblem } from '../parse/source.ts';
import { isIgnored } from '../rules/dockerfile.ts';
import { lastLines, run } from '../system/process.ts';

export const BUILD_TIMEOUT_MS = 10 * 60_000;
const LOG_TAIL = 20;

let attestationFlags: Promise<string[]> | undefined;

/**
 * `--provenance=false --sbom=false` when this `docker build` knows them (BuildKit through buildx),
 * none otherwise: the legacy builder (Debian's docker.io 20.10, or a CLI without buildx) makes
 * no attestations and rejects the flags.
 */
export function attestationBuildFlags(): Promise<string[]> {
  attestationFlags ??= run('docker', ['build', '--help'], { timeoutMs: 15_000 }).then((r) =>
    /--provenance\b/.test(r.stdout + r.stderr) ? ['--provenance=false', '--sbom=false'] : [],
  );
  return attestationFlags;
}

/** A short hash of the files Docker would send as the build context (honouring .dockerignore). */
export function contextHash(dir: string): string {
  const ignore = loadDockerignore(dir, '.dockerignore');
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel)).sort();
    } catch (err) {
      hash.update(`${rel}\0!${(err as NodeJS.ErrnoException).code}`);
      return;
    }
    for (const name of names) {
      const file = rel ? `${rel}/${name}` : name;
      if (name === 'node_modules' || (!isProblem(ignore) && isIgnored(ignore, file))) continue;
      // As Docker sends them: a link as a link (never followed out of the context).
      const stat = lstatSync(path.join(dir, file), { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) hash.update(`${file}\0->${readlinkSync(path.join(dir, file))}\0`);
      else if (stat?.isDirectory()) walk(file);
      else if (stat?.isFile() && stat.size <= 64 * 1024 * 1024) {
        hash.update(`${file}\0${stat.mode & 0o111 ? 'x' : '-'}\0`);
        // An unreadable file (EACCES) is Docker's to report when it builds.
        try {
          hash.update(readFileSync(path.join(dir, file)));
        } catch (err) {
          hash.update(`!${(err as NodeJS.ErrnoException).code}`);
        }
      }
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 12);
}

/** `taller-02:<context hash>-<random>`: unique per run, so parallel graders never share a tag. */
export function uniqueTag(prefix: string, contextDir: string): string {
  return `${prefix}:${contextHash(contextDir)}-${randomBytes(3).toString('hex')}`;
}

export interface BuildResult {
  ok: boolean;
  tag: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The step that failed, as the builder printed it: `RUN pip install …`. */
  failedStep?: string;
  /** Its number, `7/12` (legacy builder) or `4/7` (BuildKit). */
  failedStepNumber?: string;
  /** The Dockerfile line BuildKit names (`Dockerfile:12`), when it does. */
  failedLine?: number;
  /** The last lines of the build log, without the builder's bookkeeping lines. */
  tail: string[];
  /**
   * After a failed legacy build, the image of the last step that worked: left behind as a
   * dangling image unless removed (BuildKit keeps its cache elsewhere and leaves nothing).
   */
  leftover?: string;
}

// The builders' bookkeeping (and the legacy builder's deprecation banner) says nothing about the
// learner's Dockerfile; drop it from the tail.
const NOISE = [
  /^\s*---> /,
  /^Removing intermediate container /,
  /^DEPRECATED: The legacy builder/,
  /^\s+(Install the buildx component|BuildKit is currently disabled|https:\/\/docs\.docker\.com\/go\/buildx)/,
  /^Sending build context to Docker daemon/,
  // BuildKit's plain progress: digests, timings and the context upload.
  /^#\d+ (sha256:|DONE\b|CACHED\b|transferring |resolve |naming to |writing image |exporting )/,
  /^#\d+ \[internal\]/,
  /^#\d+ building with /,
];

export function usefulTail(log: string, n = LOG_TAIL): string[] {
  return lastLines(
    log
      .split(/\r?\n/)
      .filter((l) => !NOISE.some((re) => re.test(l)))
      .join('\n'),
    n,
  );
}

/** Finds the failing step in a legacy-builder or BuildKit (`--progress=plain`) log. */
export function failingStep(log: string): Pick<BuildResult, 'failedStep' | 'failedStepNumber' | 'failedLine'> {
  const lines = log.split(/\r?\n/);
  // BuildKit: "#9 [4/7] RUN false" … "#9 ERROR: …", and "Dockerfile:12" above the excerpt.
  const errorId = [...lines].reverse().map((l) => /^#(\d+) ERROR\b/.exec(l)?.[1]).find(Boolean);
  if (errorId) {
    const header = lines.map((l) => new RegExp(`^#${errorId} \\[(?:[\\w-]+ )?(\\d+/\\d+)\\] (.+)$`).exec(l)).find(Boolean);
    const line = lines.map((l) => /^Dockerfile:(\d+)$/.exec(l.trim())?.[1]).find(Boolean);
    return { failedStepNumber: header?.[1], failedStep: header?.[2]?.trim(), failedLine: line ? Number(line) : undefined };
  }
  // Legacy builder: the last "Step 7/12 : RUN false" printed is the one that failed.
  const step = [...lines].reverse().map((l) => /^Step (\d+\/\d+) : (.+)$/.exec(l)).find(Boolean);
  return step ? { failedStepNumber: step[1], failedStep: step[2]!.trim() } : {};
}

/**
 * The Dockerfile instruction a builder's step text names: same keyword and arguments, with
 * whitespace and line continuations ignored. Falls back to the step's position.
 */
export function instructionOfStep(instructions: readonly Instruction[], step: string | undefined, number?: string): Instruction | undefined {
  const norm = (s: string) => s.replace(/\\\s*\n/g, ' ').replace(/\s+/g, '').toLowerCase();
  if (step) {
    const wanted = norm(step);
    const found = instructions.find((i) => norm(`${i.keyword} ${i.text}`) === wanted) ?? instructions.find((i) => wanted.startsWith(norm(`${i.keyword} ${i.text}`).slice(0, 40)));
    if (found) return found;
  }
  const index = number ? Number(number.split('/')[0]) - 1 : NaN;
  return Number.isInteger(index) ? instructions.filter((i) => i.stage >= 0)[index] : undefined;
}

export interface BuildOptions {
  contextDir: string;
  tag: string;
  dockerfile?: string;
  timeoutMs?: number;
  /** Progress for slow builds (the current step, every few seconds). */
  progress?: (line: string) => void;
}

export async function buildImage(opts: BuildOptions): Promise<BuildResult> {
  const flags = await attestationBuildFlags();
  // --force-rm: the legacy builder would otherwise keep the container of a failed step.
  // --progress=plain: BuildKit's step lines, parseable (the legacy builder ignores it).
  const args = ['build', '--force-rm', ...flags, ...(flags.length ? ['--progress=plain'] : []), '-t', opts.tag];
  if (opts.dockerfile) args.push('-f', path.join(opts.contextDir, opts.dockerfile));
  args.push(opts.contextDir);
  let current = '';
  let lastReport = Date.now();
  const started = Date.now();
  const result = await run('docker', args, {
    timeoutMs: opts.timeoutMs ?? BUILD_TIMEOUT_MS,
    // BuildKit's plain progress wants no TTY colours; the legacy builder is indifferent.
    env: { ...process.env, BUILDKIT_PROGRESS: 'plain', NO_COLOR: '1' },
    onLine: (line) => {
      const step = /^Step (\d+\/\d+) : /.exec(line)?.[1] ?? /^#\d+ \[(?:[\w-]+ )?(\d+\/\d+)\]/.exec(line)?.[1];
      if (step) current = step;
      if (opts.progress && Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        opts.progress(`  … construyendo la imagen${current ? `: paso ${current}` : ''} (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    },
  });
  // The legacy builder colours a RUN step's stderr even without a TTY.
  const log = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const ok = result.code === 0 && !result.timedOut;
  return {
    ok,
    tag: opts.tag,
    exitCode: result.code,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    ...(ok ? {} : failingStep(log)),
    tail: usefulTail(log),
    leftover: ok ? undefined : [...log.matchAll(/^ ---> ([0-9a-f]{12,64})$/gm)].at(-1)?.[1],
  };
}

/** Removes one of our uniquely tagged images and its untagged parents; never throws (cleanup). */
export async function removeImage(ref: string): Promise<void> {
  await run('docker', ['image', 'rm', '--force', ref], { timeoutMs: 60_000 });
}

/**
 * Removes a failed legacy build's leftover only while it is untagged: the "last step that
 * worked" may be the base image itself (`FROM`), which must stay. Without --force, Docker also
 * refuses when it is the parent of another image.
 */
export async function removeIfUntagged(id: string): Promise<void> {
  const tags = await run('docker', ['image', 'inspect', '--format', '{{len .RepoTags}}', id], { timeoutMs: 30_000 });
  if (tags.code === 0 && tags.stdout.trim() === '0') await run('docker', ['image', 'rm', id], { timeoutMs: 60_000 });
}
