// YAML and JSON documents with positions. Parsed as YAML 1.1, like kubectl (sigs.k8s.io/yaml),
// so `yes` is a boolean and merge keys work; JSON is read by the same parser.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from './location.ts';

export const MAX_ALIASES = 100;

export interface Position {
  line: number;
  col: number;
}

export interface ParsedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  /** Position of the deepest node of `path` that exists (the key for map entries). */
  locate(path: FieldPath): Position;
}

export interface ParsedYaml {
  documents: ParsedDocument[];
  problems: Problem[];
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    version: '1.1',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const problems: Problem[] = [];
  const documents: ParsedDocument[] = [];
  const posOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const errors = doc.errors;
    for (const err of errors) {
      const pos = err.linePos?.[0] ?? posOf(err.pos[0]);
      problems.push({
        code: err.code === 'DUPLICATE_KEY' ? 'yaml.duplicateKey' : 'yaml.syntax',
        at: { file, line: pos.line, col: pos.col },
        params: { detail: firstLine(err.message), yamlCode: err.code },
      });
    }
    if (errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (err) {
      const start = doc.contents?.range?.[0] ?? 0;
      const detail = firstLine((err as Error).message);
      // toJS also throws for an alias whose anchor does not exist (`*typo`): not a bomb.
      const bomb = /alias count/i.test(detail);
      problems.push({
        code: bomb ? 'yaml.aliasBomb' : 'yaml.syntax',
        at: { file, ...posOf(start) },
        params: bomb ? { detail, max: MAX_ALIASES } : { detail, yamlCode: 'BAD_ALIAS' },
      });
      return;
    }
    documents.push({
      index,
      value,
      locate: (path) => posOf(offsetOf(doc.contents as Node | null, path, doc.range[0])),
    });
  });
  return { documents, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function offsetOf(root: Node | null, path: FieldPath, fallback: number): number {
  let node: unknown = root;
  let offset = (root as Node | null)?.range?.[0] ?? fallback;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
