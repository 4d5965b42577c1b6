// What a kustomization may make `kubectl kustomize` read: only files inside the submission. A
// remote entry would be fetched (git clone, HTTP) even by the static tier, and a path or link out of
// the submission would grade someone else's files; both are refused before kubectl runs.
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { PathSegment } from '../parse/location.ts';
import { outsideSubmission } from '../parse/source.ts';
import type { KustomizationFile, Sources } from './sources.ts';

/** A kustomize remote target: a URL, a git address, a hosted repository path, or a `?ref=`. */
export const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|file:\/\/|s3::|gcs::|[\w.-]+\.(com|org|io|net)\/)|\?ref=|\?version=|\/\/[^/]/;

/** Fields whose entries are kustomization roots or files, possibly remote. */
const TARGETS = ['resources', 'bases', 'components', 'transformers', 'generators', 'validators'];
/** Fields whose entries are local file paths. */
const FILES = ['crds', 'configurations', 'patchesStrategicMerge'];
/** Lists of objects with a `path`. */
const PATH_OBJECTS = ['patches', 'patchesJson6902', 'replacements'];
const GENERATORS = ['configMapGenerator', 'secretGenerator'];

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every entry of every kustomization in `sources` (but those under `skip`) that is remote or leaves the submission. */
export function refusedReferences(sources: Sources, skip: (file: string) => boolean = () => false): Problem[] {
  const problems: Problem[] = [];
  for (const k of sources.kustomizations.values()) {
    if (skip(k.file)) continue;
    for (const { value, at, remote } of references(k)) {
      const where = { file: k.file, ...k.document.locate(at), path: at };
      if (remote || REMOTE.test(value)) {
        problems.push({ code: 'kustomize.remote', at: where, params: { entry: value } });
        continue;
      }
      const resolved = path.posix.normalize(path.posix.join(k.dir, value));
      const leaves = path.isAbsolute(value) || resolved === '..' || resolved.startsWith('../');
      if (leaves || outsideSubmission(sources.root, resolved)) {
        problems.push({ code: 'kustomize.outside', at: where, params: { entry: value } });
      }
    }
  }
  return problems;
}

interface Reference {
  value: string;
  at: PathSegment[];
  /** The field is a remote address by nature (a Helm chart repository): refused whatever it says. */
  remote?: boolean;
}

function references(k: KustomizationFile): Reference[] {
  const v = k.value;
  const out: Reference[] = [];
  const list = (field: string) => (Array.isArray(v[field]) ? (v[field] as unknown[]) : []);
  const add = (value: unknown, at: PathSegment[]) => {
    if (typeof value === 'string' && value.trim() !== '') out.push({ value: value.trim(), at });
  };
  for (const field of [...TARGETS, ...FILES]) {
    list(field).forEach((e, i) => {
      // An inline strategic-merge patch is YAML text, not a path.
      if (typeof e === 'string' && !e.includes('\n')) add(e, [field, i]);
    });
  }
  for (const field of PATH_OBJECTS) list(field).forEach((e, i) => isMapping(e) && add(e.path, [field, i, 'path']));
  for (const field of GENERATORS) {
    list(field).forEach((g, i) => {
      if (!isMapping(g)) return;
      // `files` entries may be `key=path`.
      (Array.isArray(g.files) ? g.files : []).forEach((f, j) => typeof f === 'string' && add(f.slice(f.indexOf('=') + 1), [field, i, 'files', j]));
      (Array.isArray(g.envs) ? g.envs : []).forEach((f, j) => add(f, [field, i, 'envs', j]));
      add(g.env, [field, i, 'env']);
    });
  }
  if (isMapping(v.openapi)) add(v.openapi.path, ['openapi', 'path']);
  if (isMapping(v.helmGlobals)) {
    add(v.helmGlobals.chartHome, ['helmGlobals', 'chartHome']);
    add(v.helmGlobals.configHome, ['helmGlobals', 'configHome']);
  }
  for (const field of ['helmCharts', 'helmChartInflationGenerator']) {
    list(field).forEach((h, i) => {
      if (!isMapping(h)) return;
      if (h.repo !== undefined) out.push({ value: String(h.repo), at: [field, i, 'repo'], remote: true });
      add(h.valuesFile, [field, i, 'valuesFile']);
    });
  }
  return out;
}
