// Reads a learner file defensively: never follows it when it is huge, binary or not UTF-8, never
// follows a link out of the submission, and never writes to it.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';

export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceText {
  text: string;
  crlf: boolean;
  bom: boolean;
}

/**
 * A problem when `file` (relative to `root`, the submission) is, or lies under, a symbolic link
 * that leads out of `root`: a submission of links to the solution, or to a secrets file, must not
 * be graded or printed. Links that stay inside are fine; a path that does not resolve is left to
 * the caller (missing or unreadable).
 */
export function outsideSubmission(root: string, file: string): Problem | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(path.resolve(root, file));
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const rel = path.relative(realRoot, real);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return undefined;
  return { code: 'file.outsideSubmission', at: { file }, params: { file, target: real } };
}

/** The problem for a file or folder that exists but cannot be read (`EACCES`: owned by root after `sudo`, or by a container). */
export function unreadable(root: string, file: string, err: unknown): Problem {
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'EACCES' || errno === 'EPERM') return { code: 'file.noPermission', at: { file }, params: { file, dir: root, errno } };
  return { code: 'file.unreadable', at: { file }, params: { errno } };
}

/** `file` (relative to `root`, the submission) as text, or the problem that keeps it from being read. */
export function readSource(root: string, file: string): SourceText | Problem {
  const outside = outsideSubmission(root, file);
  if (outside) return outside;
  const absPath = path.resolve(root, file);
  let stat;
  try {
    stat = statSync(absPath);
  } catch (err) {
    return unreadable(root, file, err);
  }
  // A FIFO or device would block the read forever.
  if (!stat.isFile()) return { code: 'file.notRegular', at: { file } };
  const size = stat.size;
  if (size > MAX_FILE_BYTES) {
    return { code: 'file.tooLarge', at: { file }, params: { size, max: MAX_FILE_BYTES } };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (err) {
    return unreadable(root, file, err);
  }
  if (bytes.includes(0)) return { code: 'file.binary', at: { file } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { code: 'file.notUtf8', at: { file } };
  }
  const bom = text.startsWith('\uFEFF');
  if (bom) text = text.slice(1);
  return { text, bom, crlf: text.includes('\r\n') };
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'code' in x && 'at' in x;
}
