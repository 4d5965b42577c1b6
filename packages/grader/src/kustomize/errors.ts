// `kubectl kustomize` errors as the learner's problems: the overlay, the file that names the
// culprit (found in the learner's kustomization files) and what to do, instead of kustomize's
// nested Go error with absolute paths.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath, Location } from '../parse/location.ts';
import { suggest } from '../schema/suggest.ts';
import { entries, resolveIn, within, type KustomizationFile, type Sources } from './sources.ts';

/** Fields a Kustomization (kustomize.config.k8s.io/v1beta1) or Component may have. */
export const KUSTOMIZATION_FIELDS = [
  'apiVersion', 'kind', 'metadata', 'resources', 'components', 'crds', 'bases', 'namespace', 'namePrefix', 'nameSuffix',
  'commonLabels', 'labels', 'commonAnnotations', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'images', 'replicas',
  'configMapGenerator', 'secretGenerator', 'generatorOptions', 'generators', 'transformers', 'validators', 'vars',
  'replacements', 'openapi', 'buildMetadata', 'helmCharts', 'helmGlobals', 'helmChartInflationGenerator', 'sortOptions',
  'configurations', 'inventory', 'nameReference',
];

const GENERATORS = ['configMapGenerator', 'secretGenerator'];

/** A path kubectl printed, relative to the submission when it lies inside it. */
function relative(sources: Sources, abs: string): string {
  const roots = [sources.root];
  try {
    roots.push(realpathSync(sources.root));
  } catch {
    /* the folder is gone: keep the path as printed */
  }
  for (const root of roots) {
    const rel = path.relative(root, abs);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return abs;
}

function at(k: KustomizationFile, sub: FieldPath): Location {
  return { file: k.file, ...k.document.locate(sub), path: sub.length ? sub : undefined };
}

/** Every file path a kustomization names, with where it names it. */
function namedPaths(k: KustomizationFile): { target: string; where: FieldPath }[] {
  const out: { target: string; where: FieldPath }[] = [];
  for (const field of ['resources', 'components', 'bases', 'crds', 'patchesStrategicMerge']) {
    for (const e of entries(k, field)) out.push({ target: resolveIn(k, e.value), where: [field, e.index] });
  }
  const patches = k.value.patches;
  if (Array.isArray(patches)) {
    patches.forEach((p, i) => {
      const file = (p as { path?: unknown } | null)?.path;
      if (typeof file === 'string') out.push({ target: resolveIn(k, file), where: ['patches', i, 'path'] });
    });
  }
  for (const field of GENERATORS) {
    const list = k.value[field];
    if (!Array.isArray(list)) continue;
    list.forEach((g, i) => {
      const gen = (g ?? {}) as Record<string, unknown>;
      for (const kind of ['files', 'envs']) {
        const files = gen[kind];
        if (!Array.isArray(files)) continue;
        files.forEach((f, j) => {
          // `files` entries may be `key=path`.
          if (typeof f === 'string') out.push({ target: resolveIn(k, f.includes('=') ? f.slice(f.indexOf('=') + 1) : f), where: [field, i, kind, j] });
        });
      }
      if (typeof gen.env === 'string') out.push({ target: resolveIn(k, gen.env), where: [field, i, 'env'] });
    });
  }
  return out;
}

/** Where the learner names `target` (a file or folder), searching this overlay's kustomizations first. */
function whoNames(sources: Sources, overlay: string, target: string): Location | undefined {
  const ordered = [...sources.kustomizations.values()].sort((a, b) => Number(within(b.dir, overlay)) - Number(within(a.dir, overlay)));
  for (const k of ordered) {
    const hit = namedPaths(k).find((n) => n.target === target);
    if (hit) return at(k, hit.where);
  }
  return undefined;
}

/** The kustomization that has `field` holding an entry with this `name`. */
function entryNamed(sources: Sources, overlay: string, fields: string[], name: string): Location | undefined {
  const ordered = [...sources.kustomizations.values()].sort((a, b) => Number(within(b.dir, overlay)) - Number(within(a.dir, overlay)));
  for (const k of ordered) {
    for (const field of fields) {
      const list = k.value[field];
      if (!Array.isArray(list)) continue;
      const i = list.findIndex((e) => (e as { name?: unknown } | null)?.name === name);
      if (i >= 0) return at(k, [field, i, 'name']);
    }
  }
  return undefined;
}

/** The kustomization file (or folder) of the overlay, for problems kubectl does not place. */
export function overlayLocation(sources: Sources, overlay: string): Location {
  const k = sources.kustomizations.get(overlay);
  return k ? { file: k.file } : { file: `${overlay}/` };
}

/** kubectl's error about the overlay in `dir`, as a problem placed in the learner's files. */
export function translateKustomizeError(stderr: string, dir: string, sources: Sources): Problem {
  const problem = translate(stderr, dir, sources);
  return { ...problem, params: { ...problem.params, overlay: path.posix.basename(dir), overlayDir: dir } };
}

/**
 * The error itself: some kubectl builds print it as a klog line
 * (`E1207 10:00:00.000000 123 run.go:72] "command failed" err="…"`), with the message quoted.
 */
export function kubectlError(stderr: string): string {
  const m = stderr.match(/^[IWEF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] "[^"]*" err=("(?:[^"\\]|\\.)*")/m);
  if (!m) return stderr;
  try {
    return `error: ${JSON.parse(m[1]!) as string}`;
  } catch {
    return `error: ${m[1]!.slice(1, -1).replace(/\\(["\\])/g, '$1')}`;
  }
}

function translate(stderr: string, overlay: string, sources: Sources): Problem {
  const text = kubectlError(stderr).replace(/\s+/g, ' ');
  const fallback = overlayLocation(sources, overlay);
  let m: RegExpMatchArray | null;

  if ((m = text.match(/unable to find one of 'kustomization\.yaml', 'kustomization\.yml' or 'Kustomization' in directory '([^']+)'/))) {
    const dir = relative(sources, m[1]!);
    return { code: 'kustomize.noKustomization', at: whoNames(sources, overlay, dir) ?? { file: `${dir}/` }, params: { dir } };
  }
  if ((m = text.match(/security; file '([^']+)' is not in or below '([^']+)'/))) {
    const file = relative(sources, m[1]!);
    const dir = relative(sources, m[2]!);
    return { code: 'kustomize.outsideRoot', at: whoNames(sources, overlay, file) ?? fallback, params: { file, dir } };
  }
  if ((m = text.match(/unknown field "([^"]+)"/))) {
    const field = m[1]!;
    const k = [...sources.kustomizations.values()].find((k) => field in k.value);
    return {
      code: 'kustomize.unknownField',
      at: k ? at(k, [field]) : fallback,
      params: { field, suggestion: suggest(field, KUSTOMIZATION_FIELDS) },
    };
  }
  if ((m = text.match(/no matches for Id (\w+)\.[^/\s]*\/([^\s;]+?)\.\[no/))) {
    const [, kind, name] = m;
    const doc = sources.docs
      .filter((d) => d.value.kind === kind && (d.value.metadata as { name?: unknown } | undefined)?.name === name)
      .sort((a, b) => Number(within(b.file, overlay)) - Number(within(a.file, overlay)))[0];
    const where = doc ? { file: doc.file, ...doc.document.locate([...doc.base, 'metadata', 'name']), path: ['metadata', 'name'] } : fallback;
    return { code: 'kustomize.patchTarget', at: where, params: { kind, name } };
  }
  if ((m = text.match(/Kind:"(\w+)".*?Name:"([^"]+)".*does not exist; cannot merge or replace/))) {
    const [, kind, name] = m;
    return { code: 'kustomize.mergeMissing', at: entryNamed(sources, overlay, GENERATORS, name!) ?? fallback, params: { kind, name } };
  }
  if ((m = text.match(/Kind:"(\w+)".*?Name:"([^"]+)".*\} exists; behavior must be merge or replace/))) {
    const [, kind, name] = m;
    return { code: 'kustomize.generatorExists', at: entryNamed(sources, overlay, GENERATORS, name!) ?? fallback, params: { kind, name } };
  }
  if ((m = text.match(/resource with name (\S+) does not match a config with the following GVK/))) {
    const name = m[1]!;
    return { code: 'kustomize.replicasTarget', at: entryNamed(sources, overlay, ['replicas'], name) ?? fallback, params: { name } };
  }
  if ((m = text.match(/already registered id: ?([^\s']+)/))) {
    return { code: 'kustomize.duplicateId', at: fallback, params: { id: m[1] } };
  }
  // Last: a missing file is often reported inside other errors.
  if ((m = text.match(/lstat ([^:']+): no such file or directory/))) {
    const file = relative(sources, m[1]!);
    const where = whoNames(sources, overlay, file) ?? (file === overlay ? { file: `${overlay}/` } : fallback);
    return { code: 'kustomize.fileMissing', at: where, params: { file } };
  }
  const detail = text
    .replace(/^error: /, '')
    .replace(/(\/[^\s'":]+)/g, (p) => (path.isAbsolute(p) ? relative(sources, p) : p))
    .slice(0, 400);
  return { code: 'kustomize.failed', at: fallback, params: { detail } };
}
