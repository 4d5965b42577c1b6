// The live rubric checks on a built image: its default command's output, its user, its size.
// Each fails with a Problem carrying the evidence (exit code, last log lines, differences).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { failWith } from '../assert/failure.ts';
import type { Problem } from '../messages/problem.ts';
import { skipWith } from '../live/skip.ts';
import { commandMismatch } from '../rules/dockerfile.ts';
import { likelyCause } from './causes.ts';
import { largestLayers, RUN_TIMEOUT_MS, runContainer, uidInside, type Mount } from './container.ts';
import type { BuiltImage } from './image.ts';
import { lastLines, run } from '../system/process.ts';
import { reason } from '../messages/index.ts';

const lastOf = (built: BuiltImage, ...keywords: string[]) =>
  built.dockerfile?.stages.at(-1)?.instructions.filter((i) => keywords.includes(i.keyword)).at(-1);
const at = (built: BuiltImage, line?: number) => ({ file: built.dockerfile?.file ?? 'Dockerfile', line });

// ---------------------------------------------------------------- temporary folders

/** A fresh folder any uid can write (the image's user is not the host's). */
function writableTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

/**
 * Removes a folder a container wrote into. Files the container's user created inside its own
 * subfolders may not be removable by a non-root host user: then a root container of the same
 * image empties it first.
 */
async function removeWritten(dir: string, image: string, prefix: string): Promise<void> {
  try {
    rmSync(dir, { recursive: true, force: true });
    return;
  } catch {
    await runContainer(image, { prefix, user: '0:0', entrypoint: 'rm', args: ['-rf', '/limpiar'], mounts: [{ host: dir, container: '/limpiar' }], timeoutMs: 30_000 });
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- default command and output

export interface DefaultRunOptions {
  /** The default command the image must have: `['etl', '--entrada', '/datos', '--salida', '/salida']`. */
  command: string[];
  /** Mounted read-only: the submission's folder (or the exercise's) at a path of the command. */
  input: { folder: string; at: string };
  /** A fresh writable folder mounted at this path of the command. */
  output: string;
  /** The file the command must write there. */
  file: string;
  /** The reference program, run with python3 on the host with the same options (host paths). */
  reference: string;
  /** Numbers compare equal within this. */
  tolerance: number;
}

/**
 * The image's default command (ENTRYPOINT + CMD as Docker stored them) is `command`, and running
 * it with `input` mounted read-only and a fresh `output` writes `file`, equal by value to what the
 * reference program writes from the same data.
 */
export async function expectDefaultRun(ctx: Context, built: BuiltImage, opts: DefaultRunOptions): Promise<void> {
  const { info } = built;
  const argv = [...info.entrypoint, ...info.cmd];
  const mismatch = commandMismatch(argv, opts.command);
  if (mismatch) {
    failWith({
      code: 'docker.cmd.argv',
      at: at(built, lastOf(built, 'CMD', 'ENTRYPOINT')?.line),
      params: { argv: JSON.stringify(argv), reason: mismatch, expected: opts.command.join(' ') },
    });
  }
  const input = built.folder(opts.input.folder);
  const prefix = built.tag.split(':')[0]!;
  const expectedDir = writableTempDir('taller-esperado-');
  const outputDir = writableTempDir('taller-salida-');
  try {
    const expected = await referenceOutput(ctx, built, opts, input, expectedDir);
    const result = await runContainer(built.tag, {
      prefix,
      mounts: [
        { host: input, container: opts.input.at, readOnly: true },
        { host: outputDir, container: opts.output },
      ] satisfies Mount[],
    });
    const where = at(built, lastOf(built, 'CMD', 'ENTRYPOINT')?.line);
    const common = { input: opts.input.at, output: opts.output, file: opts.file, tail: result.tail };
    if (result.timedOut) failWith({ code: 'docker.run.timeout', at: where, params: { ...common, seconds: RUN_TIMEOUT_MS / 1000 } });
    if (result.code !== 0) {
      failWith({ code: 'docker.run.failed', at: where, params: { ...common, exitCode: result.code, cause: likelyCause(result.tail.join('\n'))?.text } });
    }
    const produced = path.join(outputDir, opts.file);
    if (!existsSync(produced)) {
      failWith({ code: 'docker.run.noOutput', at: where, params: { ...common, found: readdirSync(outputDir).filter((f) => !f.startsWith('.')).slice(0, 8) } });
    }
    let actual: unknown;
    try {
      actual = JSON.parse(readFileSync(produced, 'utf8'));
    } catch (err) {
      failWith({ code: 'docker.run.badJson', at: where, params: { file: opts.file, detail: (err as Error).message } });
    }
    const differences = compareByValue(expected, actual, opts.tolerance);
    if (differences.length) {
      failWith({ code: 'docker.run.mismatch', at: where, params: { file: opts.file, tolerance: opts.tolerance, differences: differences.slice(0, 8) } });
    }
  } finally {
    rmSync(expectedDir, { recursive: true, force: true });
    await removeWritten(outputDir, built.tag, prefix);
  }
}

/** What the reference program writes from the same data; skips when it cannot run here. */
async function referenceOutput(ctx: Context, built: BuiltImage, opts: DefaultRunOptions, input: string, outDir: string): Promise<unknown> {
  const script = path.join(built.folder(path.dirname(opts.reference)), path.basename(opts.reference));
  // The command's options with the container paths replaced by host paths.
  const args = opts.command.slice(1).map((a) => (a === opts.input.at ? input : a === opts.output ? outDir : a));
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUTF8: '1' };
  let result = await run('python3', [script, ...args], { timeoutMs: 60_000, env });
  if (result.spawnError?.code === 'ENOENT') result = await run('python', [script, ...args], { timeoutMs: 60_000, env });
  if (result.spawnError?.code === 'ENOENT') return skipWith(ctx, reason('docker.skip.noPython'), 'docker');
  const file = path.join(outDir, opts.file);
  if (result.code !== 0 || !existsSync(file)) {
    return skipWith(ctx, reason('docker.skip.referenceFailed', { exitCode: result.code, last: lastLines(`${result.stdout}\n${result.stderr}`, 1)[0] }));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

const show = (v: unknown) => (v === undefined ? 'nada' : JSON.stringify(v));

/** Differences between two JSON values, numbers within `tolerance`; `["total"]: se espera 653.25, es 650`. */
export function compareByValue(expected: unknown, actual: unknown, tolerance: number, where = ''): string[] {
  const here = where || '(todo el archivo)';
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= tolerance ? [] : [`${here}: se espera ${expected}, es ${actual}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${here}: se esperan ${expected.length} elementos, hay ${actual.length} (${show(actual)})`];
    return expected.flatMap((e, i) => compareByValue(e, actual[i], tolerance, `${where}[${i}]`));
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    const out: string[] = [];
    for (const key of Object.keys(expected)) {
      const child = `${where}[${JSON.stringify(key)}]`;
      if (!(key in actual)) out.push(`${child}: falta (se espera ${show(expected[key])})`);
      else out.push(...compareByValue(expected[key], actual[key], tolerance, child));
    }
    for (const key of Object.keys(actual)) if (!(key in expected)) out.push(`${where}[${JSON.stringify(key)}]: sobra (${show(actual[key])})`);
    return out;
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [`${here}: se espera ${show(expected)}, es ${show(actual)}`];
}

// ---------------------------------------------------------------- user

/** The configured user (Config.User) is a numeric uid other than 0, and so is `id -u` inside. */
export async function expectNonRootUser(built: BuiltImage): Promise<void> {
  const user = built.info.user.trim();
  const uid = user.split(':')[0]!;
  const userLine = lastOf(built, 'USER');
  const problems: Problem[] = [];
  if (!uid) {
    // `USER ${UID}` with UID declared only before FROM expands to nothing: the classic cause.
    const variable = userLine && /\$/.test(userLine.text) ? userLine.text : undefined;
    const name = variable ? /\$\{?(\w+)/.exec(variable)?.[1] : undefined;
    problems.push({ code: 'docker.user.unset', at: at(built, userLine?.line), params: { variable, name } });
  } else if (!/^\d+$/.test(uid)) problems.push({ code: 'docker.user.notNumeric', at: at(built, userLine?.line), params: { user } });
  else if (Number(uid) === 0) problems.push({ code: 'docker.user.root', at: at(built, userLine?.line), params: { user } });
  const inside = await uidInside(built.tag, built.tag.split(':')[0]!);
  if (inside.uid === undefined) {
    problems.push({ code: 'docker.user.unknown', at: at(built, userLine?.line), params: { via: inside.via, exitCode: inside.exitCode, tail: inside.tail } });
  } else if (inside.uid === 0) problems.push({ code: 'docker.user.runsAsRoot', at: at(built, userLine?.line), params: { via: inside.via } });
  if (problems.length) failWith(...problems);
}

// ---------------------------------------------------------------- size

/** The image is smaller than `limitMb` (decimal MB, as `docker image ls` shows them). */
export async function expectSmallerThan(built: BuiltImage, limitMb: number): Promise<void> {
  if (built.info.size < limitMb * 1e6) return;
  const layers = (await largestLayers(built.tag)).map((l) => `${(l.size / 1e6).toFixed(0)} MB  ${l.createdBy.slice(0, 100)}`);
  failWith({ code: 'docker.image.tooLarge', at: at(built, built.dockerfile?.stages.at(-1)?.from.line), params: { size: built.info.size, limit: limitMb, layers } });
}
