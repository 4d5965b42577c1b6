// Reads a learner file defensively: never follows it when it is huge, binary or not UTF-8,
// and never writes to it.
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../messages/problem.ts';

export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceText {
  text: string;
  crlf: boolean;
  bom: boolean;
}

export function readSource(absPath: string, file: string): SourceText | Problem {
  let stat;
  try {
    stat = statSync(absPath);
  } catch {
    return { code: 'file.unreadable', at: { file } };
  }
  // A FIFO or device would block the read forever.
  if (!stat.isFile()) return { code: 'file.notRegular', at: { file } };
  const size = stat.size;
  if (size > MAX_FILE_BYTES) {
    return { code: 'file.tooLarge', at: { file }, params: { size, max: MAX_FILE_BYTES } };
  }
  const bytes = readFileSync(absPath);
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
