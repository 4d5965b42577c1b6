// A Compose file read with positions (exercise 03). Compose v2 reads YAML 1.2 (go-yaml v3: `yes`,
// `on` and `no` are strings, not booleans) and keeps YAML 1.1's merge key `<<:`, so the kit does
// the same: `version: '1.2'` plus `merge: true`. Positions follow aliases and merges, so a field
// that a service inherits from `x-airflow-common` is reported at the line where it is written.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from '../parse/location.ts';
import { isProblem, readSource } from '../parse/source.ts';
import { MAX_ALIASES, type ParsedDocument, type Position } from '../parse/yaml.ts';

export interface ParsedCompose {
  document?: ParsedDocument;
  /** The YAML tree, for questions about anchors and merges. */
  ast?: Document.Parsed;
  problems: Problem[];
}

/** `<<` as the yaml library gives it: a Symbol when merge keys are on. */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

/** `file` (relative to the submission `dir`), parsed. */
export function readComposeFile(dir: string, file: string): ParsedCompose {
  const source = readSource(dir, file);
  if (isProblem(source)) return { problems: [source] };
  return parseCompose(source.text, file);
}

export function parseCompose(text: string, file: string): ParsedCompose {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.2', merge: true, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const posOf = (offset: number): Position => lineCounter.linePos(offset);
  const problems: Problem[] = [];
  for (const doc of list) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0] ?? posOf(err.pos[0]);
      problems.push({
        code: err.code === 'DUPLICATE_KEY' ? 'yaml.duplicateKey' : 'yaml.syntax',
        at: { file, line: pos.line, col: pos.col },
        params: { detail: err.message.split('\n')[0]!.trim(), yamlCode: err.code },
      });
    }
  }
  if (problems.length) return { problems };
  const nonEmpty = list.filter((d) => d.contents !== null);
  if (nonEmpty.length === 0) return { problems: [{ code: 'compose.empty', at: { file } }] };
  if (nonEmpty.length > 1) {
    const second = nonEmpty[1]!;
    return { problems: [{ code: 'compose.multipleDocuments', at: { file, ...posOf(second.range[0]) } }] };
  }
  const doc = nonEmpty[0]!;
  // Aliases and merges are checked by hand first: the library's own error for a wrong merge
  // ("Merge sources must be maps…") says neither where nor which alias.
  problems.push(...aliasProblems(doc, file, posOf));
  if (problems.length) return { problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0]!;
    const bomb = /alias count/i.test(detail);
    return {
      problems: [{
        code: bomb ? 'yaml.aliasBomb' : 'yaml.syntax',
        at: { file, ...posOf(doc.contents?.range?.[0] ?? 0) },
        params: bomb ? { detail, max: MAX_ALIASES } : { detail, yamlCode: 'BAD_ALIAS' },
      }],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ code: 'compose.notMapping', at: { file, ...posOf(doc.contents?.range?.[0] ?? 0) } }] };
  }
  return {
    ast: doc,
    problems: [],
    document: { index: 0, value, locate: (path) => posOf(offsetOf(doc, path)) },
  };
}

function aliasProblems(doc: Document.Parsed, file: string, posOf: (o: number) => Position): Problem[] {
  const out: Problem[] = [];
  const anchors = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (isAlias(node)) {
      if (!node.resolve(doc)) {
        out.push({
          code: 'compose.alias.unknown',
          at: { file, ...posOf(node.range?.[0] ?? 0) },
          params: { alias: node.source, known: [...anchors].join(', ') || undefined, later: anchorDefinedLater(doc, node.source) },
        });
      }
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.add(anchor);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) checkMerge(pair);
        else visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  const checkMerge = (pair: Pair): void => {
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const src of sources) {
      const where = { file, ...posOf((src as YamlNode | null)?.range?.[0] ?? (pair.key as YamlNode).range?.[0] ?? 0) };
      if (isAlias(src)) {
        const target = src.resolve(doc);
        if (target && !isMap(target)) {
          out.push({ code: 'compose.merge.notMap', at: where, params: { alias: src.source, kind: isSeq(target) ? 'una lista' : 'un valor suelto' } });
        }
      } else if (!isMap(src)) {
        const text = isScalar(src) ? String(src.value) : '';
        out.push({ code: 'compose.merge.notAlias', at: where, params: { text } });
      }
    }
  };
  visit(doc.contents);
  return out;
}

/** True when `&name` exists somewhere in the document (then the alias comes before its anchor). */
function anchorDefinedLater(doc: Document.Parsed, name: string): boolean {
  let found = false;
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object' || seen.has(node) || isAlias(node)) return;
    seen.add(node);
    if ((node as { anchor?: string }).anchor === name) found = true;
    if (isMap(node)) for (const p of node.items) { visit(p.key); visit(p.value); }
    else if (isSeq(node)) for (const i of node.items) visit(i);
  };
  visit(doc.contents);
  return found;
}

/** The map or sequence node at `path`, following aliases and merge keys. */
export function nodeAt(doc: Document.Parsed, path: FieldPath): YamlNode | undefined {
  let node = deref(doc, doc.contents as YamlNode | null);
  for (const seg of path) {
    if (!node) return undefined;
    const next = child(doc, node, seg);
    if (!next) return undefined;
    node = deref(doc, next.value);
  }
  return node ?? undefined;
}

function deref(doc: Document.Parsed, node: unknown): YamlNode | undefined {
  let n = node as YamlNode | null | undefined;
  for (let i = 0; i < MAX_ALIASES && n && isAlias(n); i++) n = n.resolve(doc) as YamlNode | undefined;
  return n ?? undefined;
}

/** The key (or item) node and its value for one path segment; own keys win over merged ones. */
function child(doc: Document.Parsed, node: YamlNode, seg: string | number): { at: YamlNode; value: unknown } | undefined {
  if (isMap(node)) {
    const own = node.items.find((p) => !isMergeKey(p.key) && isScalar(p.key) && String(p.key.value) === String(seg));
    if (own) return { at: own.key as YamlNode, value: own.value };
    // Merged maps: the first source that has the key wins (YAML merge semantics).
    for (const p of node.items) {
      if (!isMergeKey(p.key)) continue;
      const sources = isSeq(p.value) ? p.value.items : [p.value];
      for (const src of sources) {
        const target = deref(doc, src);
        if (target && isMap(target)) {
          const found = child(doc, target, seg);
          if (found) return found;
        }
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as YamlNode | undefined;
    return item ? { at: item, value: item } : undefined;
  }
  return undefined;
}

/** Offset of the deepest node of `path` that exists: the key for map entries. */
function offsetOf(doc: Document.Parsed, path: FieldPath): number {
  let node = deref(doc, doc.contents as YamlNode | null);
  let offset = node?.range?.[0] ?? doc.range[0];
  for (const seg of path) {
    if (!node) break;
    const next = child(doc, node, seg);
    if (!next) break;
    offset = next.at.range?.[0] ?? offset;
    node = deref(doc, next.value);
  }
  return offset;
}

/** Anchor names that a map merges with `<<:` (directly, or in a list of aliases). */
export function mergedAnchors(doc: Document.Parsed, path: FieldPath): string[] {
  const node = nodeAt(doc, path);
  if (!node || !isMap(node)) return [];
  const out: string[] = [];
  for (const p of node.items) {
    if (!isMergeKey(p.key) || !isPair(p)) continue;
    const sources = isSeq(p.value) ? p.value.items : [p.value];
    for (const src of sources) {
      if (isAlias(src)) out.push(src.source);
    }
  }
  return out;
}

/** The anchor set on the value at `path` (`x-airflow-common: &airflow-common`), if any. */
export function anchorOf(doc: Document.Parsed, path: FieldPath): string | undefined {
  let node = doc.contents as YamlNode | null | undefined;
  for (const seg of path) {
    if (!node || !isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    node = pair?.value as YamlNode | null | undefined;
  }
  return (node as { anchor?: string } | null | undefined)?.anchor ?? undefined;
}
