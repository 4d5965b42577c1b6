// The capture pipeline (exercise 14): settings that reach a container from a ConfigMap, a
// DATA_DIR that lands on a PersistentVolumeClaim (the same place for the writer and the reader),
// and the claim and the ConfigMap themselves.
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import type { K8sObject } from '../parse/manifests.ts';
import { containerEnv, expandedCommand, undeclaredMounts, type Container } from './containers.ts';
import { fieldEquals } from './fields.ts';
import { flagValue } from './jobs.ts';
import { quantityValue } from './quantity.ts';
import { suggest } from '../schema/suggest.ts';

type Obj = Record<string, unknown>;
/** What a rule needs of the submission: its objects (to read the ConfigMaps it references). */
export interface Objects {
  objects: readonly K8sObject[];
}

/** The `captura` flags that win over an environment variable. */
const FLAG_FOR: Record<string, string> = { WIKIPEDIA_BASE_URL: '--base-url', TITULOS: '--titulo', DATA_DIR: '--salida' };

/** Where the value of an environment variable comes from, as the kubelet resolves it. */
export type EnvSource =
  | { from: 'value'; value: string; at: Node }
  | { from: 'configMapKey'; configMap: string; key: string; at: Node }
  | { from: 'envFrom'; configMap: string; key: string; at: Node }
  | { from: 'other'; what: string; at: Node };

const configMapData = (objects: Objects, name: string): Obj | undefined =>
  objects.objects.find((o) => o.kind === 'ConfigMap' && o.name === name)?.value.data as Obj | undefined;

const secretKeys = (objects: Objects, name: string): string[] => {
  const secret = objects.objects.find((o) => o.kind === 'Secret' && o.name === name)?.value;
  return secret ? [...Object.keys((secret.data as Obj) ?? {}), ...Object.keys((secret.stringData as Obj) ?? {})] : [];
};

/**
 * The source of `name`: the last `env` entry of that name wins over every `envFrom`; among
 * `envFrom` entries the last one that provides it wins. A ConfigMap or Secret that is not among
 * the submission's objects provides nothing (its keys are unknown; the cluster would not have it).
 */
export function envSource(container: Node<Container>, name: string, objects: Objects): EnvSource | undefined {
  const entry = container.at('env').items<Obj>().filter((e) => e.value?.name === name).at(-1);
  if (entry) {
    const ref = entry.at<Obj>(['valueFrom', 'configMapKeyRef']);
    if (ref.exists) return { from: 'configMapKey', configMap: String(ref.value.name ?? ''), key: String(ref.value.key ?? ''), at: ref };
    if (entry.at('valueFrom').exists) return { from: 'other', what: Object.keys(entry.at<Obj>('valueFrom').value ?? {})[0] ?? 'valueFrom', at: entry };
    return { from: 'value', value: containerEnv(container).values.get(name) ?? String(entry.value.value ?? ''), at: entry.at('value') };
  }
  const provided = container
    .at('envFrom')
    .items<Obj>()
    .map((source) => {
      const prefix = String(source.value?.prefix ?? '');
      if (!name.startsWith(prefix)) return undefined;
      const key = name.slice(prefix.length);
      const cm = source.at<Obj>('configMapRef');
      if (cm.exists) {
        const data = configMapData(objects, String(cm.value.name ?? ''));
        return data && key in data ? ({ from: 'envFrom', configMap: String(cm.value.name), key, at: cm } as const) : undefined;
      }
      const secret = source.at<Obj>('secretRef');
      const keys = secret.exists ? secretKeys(objects, String(secret.value.name ?? '')) : [];
      return keys.includes(key) ? ({ from: 'other', what: 'secretRef', at: secret } as const) : undefined;
    })
    .filter((s) => s !== undefined);
  return provided.at(-1);
}

/** The value the container sees, when the files say it (a literal or a ConfigMap's key). */
function envValue(source: EnvSource | undefined, objects: Objects): string | undefined {
  if (source?.from === 'value') return source.value;
  if (source?.from === 'configMapKey' || source?.from === 'envFrom') {
    const v = configMapData(objects, source.configMap)?.[source.key];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

const argsOf = (c: Node<Container>) => {
  const { command, args } = expandedCommand(c);
  return [...(command ?? []), ...(args ?? [])];
};

/** A flag in the args that would win over the variable. */
function flagOverride(container: Node<Container>, name: string): Problem | undefined {
  const flag = FLAG_FOR[name];
  if (!flag) return undefined;
  const args = argsOf(container);
  if (!args.some((a) => a === flag || (typeof a === 'string' && a.startsWith(`${flag}=`)))) return undefined;
  return { code: 'pipeline.flagOverrides', at: container.location(container.value.args ? 'args' : 'command'), params: { flag, name, value: flagValue(args, flag) } };
}

/** Each variable reaches the container from that ConfigMap's key of the same name, and nothing overrides it. */
export function envFromConfigMap(container: Node<Container>, configMap: string, names: readonly string[], objects: Objects): Problem[] {
  const problems: Problem[] = [];
  const cmRefs = container.at('envFrom').items<Obj>().filter((s) => s.at<Obj>('configMapRef').value?.name === configMap);
  for (const name of names) {
    const source = envSource(container, name, objects);
    const params = { name, configMap };
    if (!source) {
      // envFrom names the ConfigMap but the key is not there (or a prefix hides it).
      const ref = cmRefs[0];
      const prefix = ref?.value.prefix;
      if (ref && typeof prefix === 'string' && prefix !== '') {
        problems.push({ code: 'pipeline.envPrefix', at: ref.location('prefix'), params: { ...params, prefix } });
      } else if (ref && configMapData(objects, configMap)) {
        problems.push({ code: 'pipeline.envKeyMissing', at: ref.location(), params });
      } else {
        problems.push({ code: 'pipeline.envMissing', at: container.location(container.value.envFrom ? 'envFrom' : container.value.env ? 'env' : []), params });
      }
    } else if (source.from === 'value') {
      problems.push({ code: 'pipeline.envLiteral', at: source.at.location(), params: { ...params, value: source.value } });
    } else if (source.from === 'other') {
      problems.push({ code: 'pipeline.envOther', at: source.at.location(), params: { ...params, what: source.what } });
    } else if (source.configMap !== configMap || source.key !== name) {
      problems.push({
        code: 'pipeline.envWrongRef',
        at: source.at.location(),
        params: { ...params, actualConfigMap: source.configMap, actualKey: source.key },
      });
    }
    const flag = flagOverride(container, name);
    if (flag) problems.push(flag);
  }
  return problems;
}

const TITLE_PROBLEM = (title: string): string | undefined => {
  if (!title) return 'está vacío (¿sobra una coma?)';
  if (title.includes('/')) return 'contiene «/»';
  if (title.includes('..')) return 'contiene «..»';
  if (title.startsWith('.')) return 'empieza por «.»';
  return undefined;
};

/** The ConfigMap gives an http(s) base URL and a comma-separated list of titles `captura` accepts. */
export function captureSettings(configMap: Node, urlKey: string, titlesKey: string): Problem[] {
  const problems: Problem[] = [];
  const examples: Record<string, string> = { [urlKey]: 'https://es.wikipedia.org', [titlesKey]: 'Apache Airflow,Kubernetes' };
  for (const key of [urlKey, titlesKey]) {
    const value = configMap.at(['data', key]).value;
    if (value === undefined || value === null) {
      const near = suggest(key, Object.keys(configMap.at<Obj>('data').value ?? {}).filter((k) => k !== urlKey && k !== titlesKey));
      problems.push({ code: 'pipeline.settingMissing', at: configMap.location(['data', key]), params: { key, example: examples[key], near } });
    } else if (typeof value !== 'string' || !value.trim()) problems.push({ code: 'pipeline.settingEmpty', at: configMap.location(['data', key]), params: { key } });
  }
  if (problems.length) return problems;
  const url = String(configMap.at(['data', urlKey]).value).trim();
  if (!/^https?:\/\/[^\s/]+/.test(url)) problems.push({ code: 'pipeline.baseUrl', at: configMap.location(['data', urlKey]), params: { key: urlKey, url } });
  for (const raw of String(configMap.at(['data', titlesKey]).value).split(',')) {
    const title = raw.trim().replace(/ /g, '_');
    const reason = TITLE_PROBLEM(title);
    if (reason) problems.push({ code: 'pipeline.title', at: configMap.location(['data', titlesKey]), params: { key: titlesKey, title: raw, reason } });
  }
  return problems;
}

/** The titles as `captura` turns them into folder names (spaces become `_`). */
export function captureTitles(configMap: Node, titlesKey: string): string[] {
  const value = configMap.at(['data', titlesKey]).value;
  return typeof value === 'string' ? value.split(',').map((t) => t.trim().replace(/ /g, '_')).filter(Boolean) : [];
}

/** The claim asks for `size` (any equal quantity: 1Gi = 1024Mi) in exactly one access mode, and uses the default class. */
export function claimRequest(claim: Node, size: string, mode: string): Problem[] {
  const problems = fieldEquals(claim, 'spec.accessModes', [mode]);
  const storage = claim.at('spec.resources.requests.storage');
  if (storage.value === undefined || quantityValue(storage.value) !== quantityValue(size)) {
    problems.push({ code: 'pipeline.storage', at: claim.location('spec.resources.requests.storage'), params: { actual: storage.value, expected: size } });
  }
  const storageClass = claim.at('spec.storageClassName').value;
  if (storageClass === '') {
    problems.push({ code: 'pipeline.emptyStorageClass', at: claim.location('spec.storageClassName') });
  } else if (typeof storageClass === 'string') {
    // A named class exists only in some clusters; the default one is in all of them.
    problems.push({ code: 'pipeline.namedStorageClass', at: claim.location('spec.storageClassName'), params: { storageClass } });
  }
  return problems;
}

type Mount = { name?: unknown; mountPath?: unknown; subPath?: unknown; subPathExpr?: unknown; readOnly?: unknown };

/** Where a directory lands: the claim's mount that holds it and the folder inside the claim. */
export interface ClaimPlace {
  dataDir: string;
  /** Where `DATA_DIR` is written (the env entry, or the ConfigMap reference). */
  source: Node;
  mount: Node<Mount>;
  /** The folder inside the claim ('' for its root), subPath included. */
  inside: string;
}

const podSpecOf = (container: Node<Container>) => new Node<Obj>(container.object, container.path.slice(0, -2));

/** The volumes of the Pod that are this claim. */
function claimVolumes(container: Node<Container>, claim: string): Node<Obj>[] {
  return podSpecOf(container)
    .at('volumes')
    .items<Obj>()
    .filter((v) => v.at<Obj>('persistentVolumeClaim').value?.claimName === claim);
}

/** Where a place is made read-only: its mount's `readOnly`, or the claim volume's own. */
function readOnlyAt(container: Node<Container>, claim: string, mount: Node<Mount>): Node | undefined {
  if (mount.value.readOnly === true) return mount.at('readOnly');
  const volume = claimVolumes(container, claim).find((v) => v.value.name === mount.value.name);
  const pvc = volume?.at<Obj>('persistentVolumeClaim');
  return pvc?.value.readOnly === true ? pvc.at('readOnly') : undefined;
}

/**
 * `DATA_DIR` of the container lies on the claim: resolved from the files (a literal, or a
 * ConfigMap's key), absolute, held by a mount of the claim (the deepest mount holding it decides)
 * and, when `writable`, not read-only. Returns where it lands, or the problems.
 */
export function dataDirOnClaim(container: Node<Container>, claim: string, objects: Objects, writable: boolean): ClaimPlace | Problem[] {
  const name = String(container.value.name);
  const flag = flagOverride(container, 'DATA_DIR');
  if (flag) return [flag];
  const source = envSource(container, 'DATA_DIR', objects);
  const dataDir = envValue(source, objects);
  if (!source) return [{ code: 'pipeline.dataDirMissing', at: container.location(container.value.env ? 'env' : []), params: { container: name, claim } }];
  if (dataDir === undefined) return [{ code: 'pipeline.dataDirUnknown', at: source.at.location(), params: { container: name } }];
  if (!path.posix.isAbsolute(dataDir)) return [{ code: 'pipeline.dataDirRelative', at: source.at.location(), params: { container: name, dataDir } }];
  const undeclared = undeclaredMounts(container);
  if (undeclared.length > 0) return undeclared;
  const volumes = claimVolumes(container, claim).map((v) => String(v.value.name));
  const spec = podSpecOf(container);
  if (volumes.length === 0) return [{ code: 'pipeline.claimNotUsed', at: spec.location(spec.value.volumes ? 'volumes' : []), params: { claim } }];
  const mounts = container.at('volumeMounts').items<Mount>();
  const holder = mounts
    .map((m) => ({ m, rel: typeof m.value?.mountPath === 'string' ? path.posix.relative(m.value.mountPath, dataDir) : '..' }))
    .filter(({ rel }) => !rel.startsWith('..') && !path.posix.isAbsolute(rel))
    .sort((a, b) => a.rel.length - b.rel.length)[0];
  const shownMounts = mounts.map((m) => `\`${String(m.value?.mountPath)}\` (${String(m.value?.name)})`).join(', ') || undefined;
  if (!holder || !volumes.includes(String(holder.m.value.name))) {
    const claimMount = mounts.find((m) => volumes.includes(String(m.value?.name)));
    const params = { container: name, claim, dataDir, mountPath: claimMount?.value.mountPath, mounts: shownMounts };
    return claimMount
      ? [{ code: 'pipeline.dataDirNotOnClaim', at: source.at.location(), params }]
      : [{ code: 'pipeline.claimNotMounted', at: container.location(mounts.length ? 'volumeMounts' : []), params }];
  }
  const readOnly = readOnlyAt(container, claim, holder.m);
  if (writable && readOnly) {
    return [{ code: 'pipeline.dataDirReadOnly', at: readOnly.location(), params: { container: name, claim, dataDir } }];
  }
  const sub = String(holder.m.value.subPath ?? holder.m.value.subPathExpr ?? '');
  const inside = path.posix.normalize(path.posix.join(sub, holder.rel)).replace(/^\.$/, '').replace(/\/$/, '');
  return { dataDir, source: source.at, mount: holder.m, inside };
}

const isPlace = (p: ClaimPlace | Problem[]): p is ClaimPlace => !Array.isArray(p);

/** The writer's `DATA_DIR` lies on the claim and it can write there. */
export function writesDataDirOnClaim(container: Node<Container>, claim: string, objects: Objects): Problem[] {
  const place = dataDirOnClaim(container, claim, objects, true);
  return isPlace(place) ? [] : place;
}

/**
 * The reader's `DATA_DIR` lies on the same claim, at the same folder inside it as the writer's,
 * and the reader mounts it read-only (it only reads).
 */
export function readsDataDirOf(reader: Node<Container>, writer: Node<Container>, claim: string, objects: Objects): Problem[] {
  const mine = dataDirOnClaim(reader, claim, objects, false);
  if (!isPlace(mine)) return mine;
  const problems: Problem[] = [];
  if (!readOnlyAt(reader, claim, mine.mount)) {
    problems.push({ code: 'pipeline.readerWritable', at: mine.mount.location('readOnly'), params: { reader: String(reader.value.name), claim } });
  }
  const theirs = dataDirOnClaim(writer, claim, objects, true);
  if (!isPlace(theirs) || theirs.inside === mine.inside) return problems;
  const shown = (p: ClaimPlace) => (p.inside ? `la carpeta \`${p.inside}\` del PVC` : 'la raíz del PVC');
  return [
    ...problems,
    {
      code: 'pipeline.dataDirElsewhere',
      at: mine.source.location(),
      params: {
        claim,
        reader: String(reader.value.name),
        writer: String(writer.value.name),
        readerPlace: shown(mine),
        writerPlace: shown(theirs),
        readerDir: mine.dataDir,
        writerDir: theirs.dataDir,
      },
    },
  ];
}
