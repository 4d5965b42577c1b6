// Configuration (exercise 09): what a ConfigMap and a Secret hold, and how a container takes them
// — all variables with `envFrom`, one key with `secretKeyRef`, one file mounted at a path — and
// that no ConfigMap holds a credential. Names are compared ignoring a generator's `-<hash>`.
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import { baseName } from '../kustomize/overlay.ts';
import { undeclaredMounts, type Container } from './containers.ts';

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const ticks = (list: readonly string[]) => list.map((k) => `\`${k}\``).join(', ');

/** The maps that hold a ConfigMap's or a Secret's keys. */
export function dataFields(kind: string): string[] {
  return kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
}

export function keysOf(node: Node): string[] {
  const value = node.value as Mapping;
  return dataFields(node.object.kind).flatMap((f) => (isMapping(value?.[f]) ? Object.keys(value[f] as Mapping) : []));
}

/** A ConfigMap or a Secret has every one of these keys. */
export function dataKeys(node: Node, keys: readonly string[]): Problem[] {
  const present = keysOf(node);
  const missing = keys.filter((k) => !present.includes(k));
  if (missing.length === 0) return [];
  const field = dataFields(node.object.kind).find((f) => node.at(f).exists) ?? 'data';
  return [
    {
      code: 'config.keysMissing',
      at: node.location(field),
      params: { kind: node.object.kind, name: baseName(node.object.kind, node.object.name), missing: ticks(missing), present: ticks(present) || undefined, field },
    },
  ];
}

/** The ConfigMap key is a file of valid JSON (a missing key is `dataKeys`'s to report). */
export function jsonData(node: Node, key: string): Problem[] {
  const text = (node.value as Mapping)?.data;
  const value = isMapping(text) ? text[key] : undefined;
  if (typeof value !== 'string') return [];
  try {
    JSON.parse(value);
    return [];
  } catch (err) {
    return [{ code: 'config.jsonInvalid', at: node.location(['data', key]), params: { key, detail: (err as Error).message } }];
  }
}

/** A Secret of this type; no `type` is the API's default, `Opaque`. */
export function secretType(node: Node, expected: string): Problem[] {
  const actual = (node.value as Mapping)?.type ?? 'Opaque';
  if (actual === expected) return [];
  return [{ code: 'config.secretType', at: node.location('type'), params: { actual, expected, name: baseName('Secret', node.object.name) } }];
}

/** The container takes every key of the ConfigMap as variables (`envFrom.configMapRef`), unprefixed. */
export function envFromConfigMap(c: Node<Container>, configMap: string): Problem[] {
  const list = c.at('envFrom').items<Mapping>();
  const entry = list.find((e) => isMapping(e.value?.configMapRef) && baseName('ConfigMap', String((e.value.configMapRef as Mapping).name)) === configMap);
  if (!entry) {
    const refs = list.map((e) => {
      const ref = (e.value?.configMapRef ?? e.value?.secretRef) as Mapping | undefined;
      return `${e.value?.configMapRef ? 'ConfigMap' : 'Secret'} \`${String(ref?.name)}\``;
    });
    return [{ code: 'config.envFromMissing', at: c.location(list.length ? 'envFrom' : []), params: { configMap, found: refs.join(', ') || undefined } }];
  }
  const prefix = entry.value.prefix;
  if (typeof prefix === 'string' && prefix !== '') {
    return [{ code: 'config.envFromPrefix', at: entry.location('prefix'), params: { configMap, prefix } }];
  }
  return [];
}

/** The variable comes from a key of the Secret through `valueFrom.secretKeyRef`, never written as text. */
export function envFromSecretKey(c: Node<Container>, variable: string, secret: string, key: string): Problem[] {
  const env = c.at('env').items<Mapping>().filter((e) => e.value?.name === variable);
  const entry = env.at(-1);
  const params = { variable, secret, key };
  if (!entry) {
    const viaEnvFrom = c.at('envFrom').items<Mapping>().some((e) => isMapping(e.value?.secretRef));
    return [{ code: 'config.secretEnvMissing', at: c.location(c.at('env').exists ? 'env' : []), params: { ...params, viaEnvFrom } }];
  }
  const ref = entry.at<Mapping>(['valueFrom', 'secretKeyRef']);
  if (!ref.exists) {
    const plain = entry.value.value !== undefined;
    const fromConfigMap = entry.at(['valueFrom', 'configMapKeyRef']).exists;
    return [{ code: 'config.secretEnvNotRef', at: entry.location(plain ? 'value' : 'valueFrom'), params: { ...params, plain, fromConfigMap } }];
  }
  const actualSecret = baseName('Secret', String(ref.value.name ?? ''));
  if (actualSecret !== secret || ref.value.key !== key) {
    return [
      {
        code: 'config.secretEnvWrongRef',
        at: ref.location(actualSecret !== secret ? 'name' : 'key'),
        params: { ...params, actualSecret: ref.value.name ?? '', actualKey: ref.value.key ?? '' },
      },
    ];
  }
  return [];
}

interface Mount {
  name?: string;
  mountPath?: string;
  subPath?: string;
}

/** What one volume shows at `rel` inside its mount: which key of which ConfigMap or Secret. */
function fileOf(volume: Mapping | undefined, rel: string): { kind: string; name: string; key: string } | { other: string } | undefined {
  if (!volume) return undefined;
  const pick = (kind: string, src: Mapping | undefined, nameField: string) => {
    if (!src) return undefined;
    const items = Array.isArray(src.items) ? (src.items as Mapping[]) : undefined;
    const key = items ? items.find((i) => path.posix.normalize(String(i?.path ?? '')) === rel)?.key : rel.includes('/') ? undefined : rel;
    return typeof key === 'string' ? { kind, name: String(src[nameField] ?? ''), key } : undefined;
  };
  if (isMapping(volume.configMap)) return pick('ConfigMap', volume.configMap, 'name');
  if (isMapping(volume.secret)) return pick('Secret', volume.secret, 'secretName');
  if (isMapping(volume.projected) && Array.isArray(volume.projected.sources)) {
    for (const s of volume.projected.sources as Mapping[]) {
      const found = pick('ConfigMap', isMapping(s?.configMap) ? s.configMap : undefined, 'name') ?? pick('Secret', isMapping(s?.secret) ? s.secret : undefined, 'name');
      if (found) return found;
    }
    return undefined;
  }
  const type = Object.keys(volume).find((k) => k !== 'name');
  return { other: type ?? 'volumen' };
}

const clean = (p: string) => path.posix.normalize(p).replace(/(.)\/+$/, '$1');

/**
 * The key of the ConfigMap is the file at `target` in the container: a `subPath` mount of that
 * key, or a folder mount whose items (or keys) put it there. The deepest mount holding the path wins.
 */
export function fileMountedAt(c: Node<Container>, target: string, configMap: string, key: string): Problem[] {
  const undeclared = undeclaredMounts(c);
  if (undeclared.length > 0) return undeclared;
  const spec = new Node<Mapping>(c.object, c.path.slice(0, -2));
  const volumes = spec.at('volumes').items<Mapping>();
  const mounts = c.at('volumeMounts').items<Mount>();
  const file = clean(target);
  const holders = mounts
    .filter((m) => typeof m.value?.mountPath === 'string')
    .map((m) => ({ m, at: clean(m.value.mountPath!) }))
    .filter(({ at }) => at === file || file.startsWith(at === '/' ? '/' : `${at}/`))
    .sort((a, b) => b.at.length - a.at.length);
  const expected = `la clave \`${key}\` del ConfigMap \`${configMap}\``;
  const holder = holders[0];
  if (!holder) {
    const list = mounts.map((m) => `\`${String(m.value?.mountPath)}\``).join(', ');
    return [{ code: 'config.fileNotMounted', at: c.location(mounts.length ? 'volumeMounts' : []), params: { target: file, key, configMap, mounts: list || undefined } }];
  }
  const { m, at } = holder;
  // Declared: undeclaredMounts above returned otherwise.
  const volume = volumes.find((v) => v.value?.name === m.value.name)!.value;
  const subPath = m.value.subPath;
  if (at === file && !subPath) {
    return [{ code: 'config.mountDirAtFile', at: m.location('mountPath'), params: { target: file, key } }];
  }
  // Inside the volume, the file is at subPath/remaining (subPath names a folder or the file itself).
  const remaining = at === file ? '' : file.slice(at === '/' ? 1 : at.length + 1);
  const rel = clean(path.posix.join(subPath ?? '', remaining));
  const found = fileOf(volume, rel);
  if (found && 'key' in found && found.kind === 'ConfigMap' && baseName('ConfigMap', found.name) === configMap && found.key === key) return [];
  const actual =
    found === undefined
      ? `nada (el volumen \`${String(m.value.name)}\` no tiene ahí ningún archivo)`
      : 'other' in found
        ? `el volumen \`${String(m.value.name)}\` (${found.other})`
        : `la clave \`${found.key}\` del ${found.kind} \`${found.name}\``;
  return [{ code: 'config.fileWrongSource', at: m.location(subPath ? 'subPath' : 'mountPath'), params: { target: file, actual, expected } }];
}

// Words that name a credential, in English or Spanish, as whole parts of a key (`DB_CLAVE`,
// `apiKey`, `contraseña`), so `APP_NIVEL_LOG` or `USER_AGENT`-like keys are not taken for one.
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'clave', 'contraseña', 'contrasena', 'secret', 'secreto', 'token', 'usuario', 'user',
  'username', 'apikey', 'credencial', 'credenciales', 'credential', 'credentials',
]);

/** The credential word in a key (`DB_CLAVE` → `clave`), if it has one. */
export function credentialWord(key: string): string | undefined {
  const parts = key
    .replace(/([a-zñ0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-zñ0-9]+/)
    .filter(Boolean);
  for (const [i, part] of parts.entries()) {
    if (CREDENTIAL_WORDS.has(part) && part !== 'user') return part;
    if (part === 'user' && parts[i + 1] !== 'agent') return part;
    if (part === 'api' && parts[i + 1] === 'key') return 'api key';
    if (part === 'private' && parts[i + 1] === 'key') return 'private key';
  }
  return undefined;
}

/** A credential inside a file's text: a `key: value`/`key=value` line, a JSON key, or `user:pass@` in a URL. */
function credentialInText(text: string): string | undefined {
  try {
    const found: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isMapping(v)) {
        for (const [k, inner] of Object.entries(v)) {
          if (credentialWord(k) && (typeof inner === 'string' || typeof inner === 'number') && String(inner) !== '') found.push(k);
          walk(inner);
        }
      }
    };
    walk(JSON.parse(text));
    if (found[0]) return found[0];
  } catch {
    // Not JSON: read it as lines of `key=value` or `key: value`.
  }
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(\S.*)$/);
    if (m && credentialWord(m[1]!)) return m[1];
  }
  const url = text.match(/[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i);
  return url ? url[0].replace(/:[^:@]+@$/, ':…@') : undefined;
}

/** A ConfigMap holds no credential, neither as a key nor inside a value. */
export function configMapCredentials(node: Node): Problem[] {
  const name = baseName('ConfigMap', node.object.name);
  const problems: Problem[] = [];
  for (const field of ['data', 'binaryData']) {
    const map = node.at<Mapping>(field);
    if (!isMapping(map.value)) continue;
    for (const [key, value] of Object.entries(map.value)) {
      const word = credentialWord(key);
      if (word) {
        problems.push({ code: 'config.credentialKey', at: node.location([field, key]), params: { configMap: name, key, word } });
        continue;
      }
      const inside = field === 'data' && typeof value === 'string' ? credentialInText(value) : undefined;
      if (inside) problems.push({ code: 'config.credentialInValue', at: node.location([field, key]), params: { configMap: name, key, found: inside } });
    }
  }
  return problems;
}
