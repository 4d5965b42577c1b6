// Loads every Kubernetes object under a submission's manifest folder, whatever the file layout:
// any number of .yaml/.yml/.json files, multi-document, `kind: List` included. Files are only read.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { PodSecurityLevel } from '../schema/pod-security.ts';
import { lookupKind, validateObject } from '../schema/validate.ts';
import type { FieldPath } from './location.ts';
import { isProblem, outsideSubmission, readSource, unreadable } from './source.ts';
import { parseYaml, type ParsedDocument } from './yaml.ts';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  value: Record<string, unknown>;
  /** File relative to the submission folder, with forward slashes. */
  file: string;
  document: ParsedDocument;
  /** Path of the object inside its document (non-empty for items of a `kind: List`). */
  base: FieldPath;
  namespaced: boolean;
}

export interface Manifests {
  dir: string;
  folder: string;
  files: string[];
  objects: K8sObject[];
  /** What makes the manifests unusable or invalid. */
  problems: Problem[];
  /** What the learner should know but does not fail a rubric line (empty files, namespaces). */
  warnings: Problem[];
  /** Why the objects could not be produced at all (kubectl missing for a Kustomize exercise): lines that need them skip with it. */
  unavailable?: string;
}

export interface ManifestOptions {
  folder: string;
  /** Cluster-scoped kinds this exercise allows, e.g. `Namespace` in 12. */
  clusterScoped?: readonly string[];
  /** The Pod Security level the exercise's namespace enforces (`restricted` in 12 and 14). */
  podSecurity?: PodSecurityLevel;
}

export function loadManifests(dir: string, options: ManifestOptions): Manifests {
  const { folder } = options;
  const result: Manifests = { dir, folder, files: [], objects: [], problems: [], warnings: [] };
  const root = path.join(dir, folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    result.problems.push({ code: 'folder.missing', at: { file: folder }, params: { folder: `${folder}/`, dir } });
    return result;
  }
  const outside = outsideSubmission(dir, folder);
  if (outside) {
    result.problems.push(outside);
    return result;
  }
  result.files = listFiles(dir, folder, result.problems);
  if (result.files.length === 0 && result.problems.length === 0) {
    result.problems.push({ code: 'folder.noManifests', at: { file: `${folder}/` }, params: { folder: `${folder}/` } });
  }
  for (const file of result.files) loadFile(dir, file, options, result);
  findDuplicates(result);
  return result;
}

/** Manifest files under `folder` (relative to the submission `dir`); a folder that cannot be listed is a problem. */
function listFiles(dir: string, folder: string, problems: Problem[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(path.join(dir, folder), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    problems.push(unreadable(dir, `${folder}/`, err));
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(dir, rel, problems));
    else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(rel);
  }
  return out;
}

function loadFile(dir: string, file: string, options: ManifestOptions, result: Manifests): void {
  const source = readSource(dir, file);
  if (isProblem(source)) {
    result.problems.push(source);
    return;
  }
  const parsed = parseYaml(source.text, file);
  result.problems.push(...parsed.problems);
  const docs = parsed.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (docs.length === 0 && parsed.problems.length === 0) {
    result.warnings.push({ code: 'file.empty', at: { file }, severity: 'warning' });
  }
  for (const doc of docs) {
    const value = doc.value as Record<string, unknown>;
    const isList =
      isMapping(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
    const items: [unknown, FieldPath][] = isList
      ? (value.items as unknown[]).map((item, i) => [item, ['items', i]])
      : [[value, []]];
    for (const [item, base] of items) addObject(item, base, file, doc, options, result);
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one object (kind, schema, name, scope) and adds it; `file`/`document`/`base` say where the learner wrote it. */
export function addObject(
  value: unknown,
  base: FieldPath,
  file: string,
  document: ParsedDocument,
  options: ManifestOptions,
  result: Manifests,
): void {
  const at = (p: FieldPath) => ({ file, ...document.locate([...base, ...p]), path: p.length ? p : undefined });
  if (!isMapping(value)) {
    result.problems.push({ code: 'object.notMapping', at: at([]) });
    return;
  }
  const lookup = lookupKind(value.apiVersion, value.kind);
  if (lookup.problem) {
    const { path: p, ...rest } = lookup.problem;
    result.problems.push({ ...rest, at: at(p) });
    return;
  }
  const kind = value.kind as string;
  const metadata = isMapping(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  for (const problem of validateObject(value, lookup.info!, { podSecurity: options.podSecurity })) {
    const { path: p, ...rest } = problem;
    result.problems.push({ ...rest, at: at(p) });
  }
  if (!name && !metadata.generateName) {
    result.problems.push({ code: 'object.noName', at: at(['metadata']), params: { kind } });
  }
  if (!lookup.info!.namespaced && !options.clusterScoped?.includes(kind)) {
    result.problems.push({ code: 'object.clusterScoped', at: at(['kind']), params: { kind } });
  }
  if (lookup.info!.namespaced && typeof metadata.namespace === 'string') {
    result.warnings.push({
      code: 'object.namespaceSet',
      at: at(['metadata', 'namespace']),
      params: { namespace: metadata.namespace },
      severity: 'warning',
    });
  }
  result.objects.push({
    apiVersion: value.apiVersion as string,
    kind,
    name,
    value,
    file,
    document,
    base,
    namespaced: lookup.info!.namespaced,
  });
}

function findDuplicates(result: Manifests): void {
  const seen = new Map<string, K8sObject>();
  for (const obj of result.objects) {
    if (!obj.name) continue;
    const key = `${obj.kind}/${obj.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, obj);
      continue;
    }
    const firstPos = first.document.locate(first.base);
    const pos = obj.document.locate([...obj.base, 'metadata', 'name']);
    result.problems.push({
      code: 'object.duplicate',
      at: { file: obj.file, ...pos },
      params: { kind: obj.kind, name: obj.name, other: `${first.file}:${firstPos.line}` },
    });
  }
}
