// Markdown answer sheets (exercise 05's `minikube.md`): the file cut into sections at its `#` and
// `##` headings, each with its body lines and their numbers. Headings inside fenced code (a shell
// comment such as `## paso 2`) are body text. Read defensively like every learner file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import { isProblem, readSource } from './source.ts';

export interface MarkdownLine {
  line: number;
  text: string;
}

export interface MarkdownSection {
  /** `1` for `## 1. Perfiles` (also `## 1)`); undefined for a heading without a number. */
  id?: string;
  title: string;
  line: number;
  body: MarkdownLine[];
}

export interface MarkdownDocument {
  file: string;
  sections: MarkdownSection[];
  /** Why the file could not be read (missing, binary, not UTF-8…); then there are no sections. */
  problem?: Problem;
}

export function markdownSections(text: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection | undefined;
  let fence: string | undefined;
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence ? undefined : marker;
    const heading = !fence && !marker ? /^ {0,3}(#{1,2})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(raw) : null;
    if (heading) {
      const title = heading[2]!;
      current = { id: /^(\d+)\s*[.)]/.exec(title)?.[1], title, line, body: [] };
      sections.push(current);
    } else {
      current?.body.push({ line, text: raw });
    }
  });
  return sections;
}

/** `file` (relative to `dir`) read and cut into sections, or the problem that kept it from being read. */
export function loadMarkdown(dir: string, file: string): MarkdownDocument {
  const abs = path.join(dir, file);
  if (!existsSync(abs)) return { file, sections: [], problem: { code: 'file.missing', at: { file }, params: { file } } };
  const source = readSource(dir, file);
  if (isProblem(source)) return { file, sections: [], problem: source };
  return { file, sections: markdownSections(source.text) };
}
