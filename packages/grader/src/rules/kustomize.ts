// Kustomize (exercise 09): the layout (a base, overlays that build on it, no name prefixes, nothing
// fetched from the network), and what only a rendered overlay shows — references that resolve,
// the overlay's replicas and the value a variable really gets.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import { Node, podSpec } from '../model.ts';
import type { K8sObject } from '../parse/manifests.ts';
import { suggest } from '../schema/suggest.ts';
import { KUSTOMIZATION_FIELDS } from '../kustomize/errors.ts';
import { baseName, type Kustomize, type Overlay } from '../kustomize/overlay.ts';
import { REMOTE } from '../kustomize/references.ts';
import { entries, KUSTOMIZATION_NAMES, resolveIn, type KustomizationFile, type Sources } from '../kustomize/sources.ts';
import { configMapCredentials, keysOf } from './config.ts';
import { containerEnv, type Container } from './containers.ts';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const BUILDS_ON = ['resources', 'bases', 'components'];

function at(k: KustomizationFile, sub: (string | number)[]): Problem['at'] {
  return { file: k.file, ...k.document.locate(sub), path: sub.length ? sub : undefined };
}

/** The overlay builds on `target`: directly, or through another kustomization it lists. */
function buildsOn(s: Sources, dir: string, target: string, seen = new Set<string>()): boolean {
  if (dir === target) return true;
  const k = s.kustomizations.get(dir);
  if (!k || seen.has(dir)) return false;
  seen.add(dir);
  return BUILDS_ON.some((field) => entries(k, field).some((e) => buildsOn(s, resolveIn(k, e.value), target, seen)));
}

/** The base and every overlay have a kustomization, each overlay builds on the base, and no kustomization renames objects or fetches anything. */
export function layoutProblems(kz: Kustomize): Problem[] {
  const s = kz.sources;
  const problems: Problem[] = [];
  if (!existsSync(path.join(kz.root, kz.folder))) {
    return [{ code: 'folder.missing', at: { file: kz.folder }, params: { folder: `${kz.folder}/`, dir: kz.root } }];
  }
  // A kustomization that does not parse is there, but unreadable: say that, not «missing».
  const broken = s.problems.filter((p) => KUSTOMIZATION_NAMES.includes(path.posix.basename(p.at.file)));
  problems.push(...broken);
  const brokenDirs = new Set(broken.map((p) => path.posix.dirname(p.at.file)));
  if (!s.kustomizations.has(kz.baseDir) && !brokenDirs.has(kz.baseDir)) {
    problems.push({ code: 'kustomize.baseMissing', at: { file: `${kz.baseDir}/` }, params: { dir: kz.baseDir, folder: kz.folder } });
  }
  for (const rel of kz.config.overlays) {
    const dir = kz.overlayDir(rel);
    const overlay = path.posix.basename(dir);
    const k = s.kustomizations.get(dir);
    if (!k) {
      if (!brokenDirs.has(dir)) problems.push({ code: 'kustomize.overlayMissing', at: { file: `${dir}/` }, params: { dir, overlay, base: kz.baseDir } });
      continue;
    }
    if (!buildsOn(s, dir, kz.baseDir)) {
      const listed = entries(k, 'resources').map((e) => `\`${e.value}\``).join(', ');
      problems.push({
        code: 'kustomize.overlayWithoutBase',
        at: at(k, k.value.resources !== undefined ? ['resources'] : []),
        params: { dir, overlay, base: kz.baseDir, relative: path.posix.relative(dir, kz.baseDir), listed: listed || undefined },
      });
    }
  }
  for (const k of s.kustomizations.values()) {
    for (const field of Object.keys(k.value)) {
      if (!KUSTOMIZATION_FIELDS.includes(field)) {
        problems.push({ code: 'kustomize.unknownField', at: at(k, [field]), params: { field, suggestion: suggest(field, KUSTOMIZATION_FIELDS) } });
      }
    }
    for (const field of ['namePrefix', 'nameSuffix']) {
      if (k.value[field] !== undefined) problems.push({ code: 'kustomize.nameAffix', at: at(k, [field]), params: { field, value: k.value[field] } });
    }
    for (const field of BUILDS_ON) {
      for (const e of entries(k, field)) {
        if (REMOTE.test(e.value)) problems.push({ code: 'kustomize.remote', at: at(k, [field, e.index]), params: { entry: e.value } });
      }
    }
  }
  return problems;
}

const WORKLOADS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

/** Every reference to a ConfigMap or a Secret (envFrom, env, volumes, projected volumes) names a rendered object and existing keys. */
export function resolvedReferences(overlay: Overlay): Problem[] {
  const problems: Problem[] = [];
  const objects = overlay.manifests.objects;
  const check = (kind: string, ref: Node<Mapping>, nameField: string, keys: { key: unknown; node: Node }[] = []) => {
    if (!isMapping(ref.value) || ref.value.optional === true) return;
    const name = ref.value[nameField];
    if (typeof name !== 'string') return;
    const target = objects.find((o) => o.kind === kind && o.name === name);
    if (!target) {
      const found = objects.filter((o) => o.kind === kind).map((o) => `\`${o.name}\``);
      problems.push({
        code: 'kustomize.refMissing',
        at: ref.location(nameField),
        params: { kind, name, overlay: overlay.name, found: found.join(', ') || undefined, typedHash: baseName(kind, name) !== name },
      });
      return;
    }
    const present = keysOf(new Node(target));
    for (const { key, node } of keys) {
      if (typeof key === 'string' && !present.includes(key)) {
        problems.push({
          code: 'kustomize.refKeyMissing',
          at: node.location(),
          params: { kind, name: baseName(kind, name), key, overlay: overlay.name, keys: present.map((k) => `\`${k}\``).join(', ') || undefined },
        });
      }
    }
  };
  const itemKeys = (src: Node<Mapping>) => src.at('items').items<Mapping>().map((i) => ({ key: i.value?.key, node: i.at('key') }));
  for (const obj of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const spec = podSpec(new Node(obj));
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      for (const c of spec.at(list).items<Container>()) {
        for (const e of c.at('envFrom').items<Mapping>()) {
          check('ConfigMap', e.at('configMapRef'), 'name');
          check('Secret', e.at('secretRef'), 'name');
        }
        for (const e of c.at('env').items<Mapping>()) {
          const cm = e.at<Mapping>(['valueFrom', 'configMapKeyRef']);
          const secret = e.at<Mapping>(['valueFrom', 'secretKeyRef']);
          check('ConfigMap', cm, 'name', [{ key: cm.value?.key, node: cm.at('key') }]);
          check('Secret', secret, 'name', [{ key: secret.value?.key, node: secret.at('key') }]);
        }
      }
    }
    for (const v of spec.at('volumes').items<Mapping>()) {
      check('ConfigMap', v.at('configMap'), 'name', itemKeys(v.at('configMap')));
      check('Secret', v.at('secret'), 'secretName', itemKeys(v.at('secret')));
      for (const s of v.at(['projected', 'sources']).items<Mapping>()) {
        check('ConfigMap', s.at('configMap'), 'name', itemKeys(s.at('configMap')));
        check('Secret', s.at('secret'), 'name', itemKeys(s.at('secret')));
      }
    }
  }
  return problems;
}

/** No ConfigMap of the overlay holds a credential. */
export function noCredentialsInConfigMaps(overlay: Overlay): Problem[] {
  return overlay.manifests.objects.filter((o) => o.kind === 'ConfigMap').flatMap((o) => configMapCredentials(new Node(o)));
}

/** Where in the overlay's kustomization a fix for the overlay goes: the first of these fields it has. */
function overlayAt(overlay: Overlay, fields: string[]): Problem['at'] {
  const k = overlay.kustomization;
  if (!k) return overlay.location;
  const field = fields.find((f) => k.value[f] !== undefined);
  return field ? at(k, [field]) : { file: k.file };
}

/** The overlay's Deployment asks for `count` replicas (no `replicas` means 1). */
export function replicasInOverlay(overlay: Overlay, deployment: string, count: number): Problem[] {
  const d = overlay.object('Deployment', deployment);
  const actual = (d.at('spec.replicas').value as number | undefined) ?? 1;
  if (actual === count) return [];
  return [
    {
      code: 'kustomize.overlayReplicas',
      at: overlayAt(overlay, ['replicas', 'patches', 'patchesStrategicMerge']),
      params: { overlay: overlay.name, dir: overlay.dir, deployment, actual, expected: count },
    },
  ];
}

interface EnvValue {
  value?: string;
  /** Where the value comes from, for the message. */
  from?: string;
}

function decoded(obj: K8sObject, key: string): string | undefined {
  const v = obj.value as Mapping;
  if (isMapping(v.stringData) && typeof v.stringData[key] === 'string') return v.stringData[key] as string;
  const raw = isMapping(v.data) ? v.data[key] : undefined;
  if (typeof raw !== 'string') return undefined;
  return obj.kind === 'Secret' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}

/** The value the container really gets for a variable: `env` wins over `envFrom`; among `envFrom` sources, the last. */
export function effectiveEnv(overlay: Overlay, c: Node<Container>, name: string): EnvValue {
  const objects = overlay.manifests.objects;
  const lookup = (kind: string, ref: unknown) =>
    isMapping(ref) && typeof ref.name === 'string' ? objects.find((o) => o.kind === kind && o.name === ref.name) : undefined;
  const entry = c.at('env').items<Mapping>().filter((e) => e.value?.name === name).at(-1)?.value;
  if (entry) {
    if (!isMapping(entry.valueFrom)) return { value: containerEnv(c).values.get(name) ?? String(entry.value ?? ''), from: 'de `env` del contenedor' };
    for (const [kind, refField] of [['ConfigMap', 'configMapKeyRef'], ['Secret', 'secretKeyRef']] as const) {
      const ref = entry.valueFrom[refField];
      const obj = lookup(kind, ref);
      if (obj && isMapping(ref)) return { value: decoded(obj, String(ref.key)), from: `de la clave \`${String(ref.key)}\` del ${kind} \`${baseName(kind, obj.name)}\`` };
    }
    return { from: 'de `valueFrom` del contenedor' };
  }
  let found: EnvValue = {};
  for (const e of c.at('envFrom').items<Mapping>()) {
    const kind = isMapping(e.value?.configMapRef) ? 'ConfigMap' : 'Secret';
    const obj = lookup(kind, e.value?.configMapRef ?? e.value?.secretRef);
    if (!obj) continue;
    const prefix = typeof e.value.prefix === 'string' ? e.value.prefix : '';
    const key = keysOf(new Node(obj)).find((k) => prefix + k === name);
    if (key !== undefined) found = { value: decoded(obj, key), from: `del ${kind} \`${baseName(kind, obj.name)}\` (\`envFrom\`)` };
  }
  return found;
}

/** In this overlay, the container of the Deployment gets `expected` for the variable. */
export function envValueInOverlay(overlay: Overlay, deployment: string, name: string, expected: string): Problem[] {
  const c = overlay.container('Deployment', deployment);
  const { value, from } = effectiveEnv(overlay, c, name);
  if (value === expected) return [];
  return [
    {
      code: 'kustomize.overlayEnv',
      at: overlayAt(overlay, ['configMapGenerator', 'patches', 'patchesStrategicMerge']),
      params: { overlay: overlay.name, dir: overlay.dir, name, expected, actual: value, from },
    },
  ];
}

/** What the learner was given and told to leave as it was. */
export interface Shipped {
  deployment: string;
  replicas: number;
  configMap: string;
  data: Record<string, string>;
}

/**
 * What a kustomization the learner should not change (the base, another overlay) renders still
 * has the values it shipped with: changing the base to suit one overlay changes them all.
 */
export function valuesAsShipped(overlay: Overlay, shipped: Shipped): Problem[] {
  const problems: Problem[] = [];
  const d = overlay.object('Deployment', shipped.deployment);
  const replicas = d.at('spec.replicas');
  const actual = (replicas.value as number | undefined) ?? 1;
  if (actual !== shipped.replicas) {
    // Changed by this kustomization's own `replicas` or patch, else where the Deployment says it.
    const own = ['replicas', 'patches', 'patchesStrategicMerge'].find((f) => overlay.kustomization?.value[f] !== undefined);
    problems.push({
      code: 'kustomize.changed',
      at: own ? overlayAt(overlay, [own]) : d.location(replicas.exists ? 'spec.replicas' : []),
      params: { dir: overlay.dir, kind: 'Deployment', name: shipped.deployment, key: 'spec.replicas', actual, expected: shipped.replicas },
    });
  }
  const cm = overlay.object('ConfigMap', shipped.configMap);
  for (const [key, expected] of Object.entries(shipped.data)) {
    const value = decoded(cm.object, key);
    if (value === expected) continue;
    problems.push({
      code: 'kustomize.changed',
      at: cm.location(value === undefined ? [] : ['data', key]),
      params: { dir: overlay.dir, kind: 'ConfigMap', name: shipped.configMap, key, actual: value, expected },
    });
  }
  return problems;
}
