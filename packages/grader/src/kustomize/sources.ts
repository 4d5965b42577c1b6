// The learner's files of a Kustomize layout, read with positions: every kustomization file and
// every YAML document under the manifest folder. Rendered objects are traced back to these, so a
// problem found in `kubectl kustomize`'s output points at the file the learner wrote.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from '../parse/location.ts';
import { isProblem, outsideSubmission, readSource, unreadable } from '../parse/source.ts';
import { parseYaml, type ParsedDocument } from '../parse/yaml.ts';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** One YAML document (or item of a `kind: List`) the learner wrote. */
export interface SourceDoc {
  /** Relative to the submission, with forward slashes. */
  file: string;
  document: ParsedDocument;
  base: FieldPath;
  value: Record<string, unknown>;
}

export interface KustomizationFile {
  /** The folder it describes, relative to the submission (`k8s/base`). */
  dir: string;
  file: string;
  document: ParsedDocument;
  value: Record<string, unknown>;
}

export interface Sources {
  /** The submission folder (absolute). */
  root: string;
  folder: string;
  /** Documents with a `kind`, outside kustomization files. */
  docs: SourceDoc[];
  /** By folder (relative to the submission). */
  kustomizations: Map<string, KustomizationFile>;
  /** Files that cannot be read or parsed (.yaml, .yml and kustomization files only). */
  problems: Problem[];
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kustomize files under `folder` (relative to the submission `root`); a folder that cannot be listed is a problem. */
function listFiles(root: string, folder: string, problems: Problem[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    problems.push(unreadable(root, `${folder}/`, err));
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const rel = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(root, rel, problems));
    else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || KUSTOMIZATION_NAMES.includes(entry.name)) out.push(rel);
  }
  return out;
}

export function readSources(root: string, folder: string): Sources {
  const sources: Sources = { root, folder, docs: [], kustomizations: new Map(), problems: [] };
  const top = path.join(root, folder);
  if (!existsSync(top) || !statSync(top).isDirectory()) return sources;
  const outside = outsideSubmission(root, folder);
  if (outside) {
    sources.problems.push(outside);
    return sources;
  }
  for (const file of listFiles(root, folder, sources.problems)) {
    const name = path.posix.basename(file);
    const isKustomization = KUSTOMIZATION_NAMES.includes(name);
    // A .json file may be data for a generator (`ajustes.json`): only YAML files must parse.
    const mustParse = isKustomization || !file.toLowerCase().endsWith('.json');
    const source = readSource(root, file);
    if (isProblem(source)) {
      // A link out of the submission is refused whatever the file is for.
      if (mustParse || source.code === 'file.outsideSubmission') sources.problems.push(source);
      continue;
    }
    const parsed = parseYaml(source.text, file);
    if (mustParse) sources.problems.push(...parsed.problems);
    if (isKustomization) {
      const document = parsed.documents[0];
      const value = isMapping(document?.value) ? document.value : {};
      // kubectl reads the first of these names it finds, in this order.
      const dir = path.posix.dirname(file);
      if (document && !sources.kustomizations.has(dir)) sources.kustomizations.set(dir, { dir, file, document, value });
      continue;
    }
    for (const document of parsed.documents) {
      const value = document.value;
      if (!isMapping(value)) continue;
      if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
        value.items.forEach((item, i) => {
          if (isMapping(item)) sources.docs.push({ file, document, base: ['items', i], value: item });
        });
      } else if (typeof value.kind === 'string') {
        sources.docs.push({ file, document, base: [], value });
      }
    }
  }
  return sources;
}

/** `a/b` is `dir` or inside it. */
export function within(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}/`);
}

/** The string entries of a kustomization's list field (`resources`, `components` …), with their index. */
export function entries(k: KustomizationFile, field: string): { value: string; index: number }[] {
  const list = k.value[field];
  if (!Array.isArray(list)) return [];
  return list.flatMap((v, index) => (typeof v === 'string' ? [{ value: v, index }] : []));
}

/** A path written in a kustomization, resolved against its folder (relative to the submission). */
export function resolveIn(k: KustomizationFile, rel: string): string {
  return path.posix.normalize(path.posix.join(k.dir, rel)).replace(/\/+$/, '');
}
