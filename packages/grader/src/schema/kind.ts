// The kind cluster configuration (`kind.x-k8s.io/v1alpha4`, kind ≥ 0.30), as kind itself reads it:
// its Go types (pkg/apis/config/v1alpha4/types.go) decoded strictly (unknown fields are errors),
// plus the checks of its Validate() that a learner can trip: roles, ports, the cluster name, the
// listen address. Node labels become kubelet `--node-labels`, so they are checked the way the
// kubelet checks them (syntax, and no `kubernetes.io`/`k8s.io` labels it does not allow).
import { isIP } from 'node:net';
import type { FieldPath } from '../parse/location.ts';
import { suggest } from './suggest.ts';
import type { ProblemAt } from './validate.ts';

export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4';
export const KIND_KIND = 'Cluster';

type Field =
  // kind's YAML decoder turns any scalar into a string field; only maps and lists are wrong there.
  | { type: 'string'; enum?: readonly string[]; ignoreCase?: boolean; check?: (v: string, path: FieldPath) => ProblemAt[] }
  | { type: 'integer'; check?: (v: number, path: FieldPath) => ProblemAt[] }
  | { type: 'boolean' }
  | { type: 'object'; name: string; where: string; fields: Record<string, Field> }
  | { type: 'map'; values: Field; keys?: (k: string, path: FieldPath) => ProblemAt[] }
  | { type: 'array'; items: Field };

const str = (extra: Omit<Extract<Field, { type: 'string' }>, 'type'> = {}): Field => ({ type: 'string', ...extra });
const list = (items: Field): Field => ({ type: 'array', items });

// kind: a port is -1 (let the runtime pick), 0 (random) or 1–65535.
const port: Field = {
  type: 'integer',
  check: (v, path) => (v < -1 || v > 65535 ? [{ code: 'kind.port.range', path, params: { value: v } }] : []),
};

const CLUSTER_NAME = /^[a-z0-9.-]+$/;

const patch6902: Field = {
  type: 'object',
  name: 'PatchJSON6902',
  where: 'cada elemento de `kubeadmConfigPatchesJSON6902`',
  fields: { group: str(), version: str(), kind: str(), patch: str() },
};

const node: Field = {
  type: 'object',
  name: 'Node',
  where: 'cada nodo (un elemento de `nodes`)',
  fields: {
    role: str({ enum: ['control-plane', 'worker'] }),
    image: str(),
    labels: { type: 'map', values: str({ check: labelValue }), keys: labelKey },
    extraMounts: list({
      type: 'object',
      name: 'Mount',
      where: 'cada elemento de `extraMounts`',
      fields: {
        containerPath: str(),
        hostPath: str(),
        readOnly: { type: 'boolean' },
        selinuxRelabel: { type: 'boolean' },
        propagation: str({ enum: ['None', 'HostToContainer', 'Bidirectional'] }),
      },
    }),
    extraPortMappings: list({
      type: 'object',
      name: 'PortMapping',
      where: 'cada elemento de `extraPortMappings`',
      fields: {
        containerPort: port,
        hostPort: port,
        listenAddress: str({ check: (v, path) => (isIP(v) ? [] : [{ code: 'kind.listenAddress', path, params: { value: v } }]) }),
        protocol: str({ enum: ['TCP', 'UDP', 'SCTP'], ignoreCase: true }),
      },
    }),
    kubeadmConfigPatches: list(str()),
    kubeadmConfigPatchesJSON6902: list(patch6902),
  },
};

const cluster: Extract<Field, { type: 'object' }> = {
  type: 'object',
  name: 'Cluster',
  where: 'el nivel superior del archivo',
  fields: {
    kind: str(),
    apiVersion: str(),
    name: str({ check: (v, path) => (CLUSTER_NAME.test(v) ? [] : [{ code: 'kind.name', path, params: { value: v } }]) }),
    nodes: list(node),
    networking: {
      type: 'object',
      name: 'Networking',
      where: '`networking`',
      fields: {
        ipFamily: str({ enum: ['ipv4', 'ipv6', 'dual'] }),
        apiServerPort: port,
        apiServerAddress: str(),
        podSubnet: str(),
        serviceSubnet: str(),
        disableDefaultCNI: { type: 'boolean' },
        kubeProxyMode: str({ enum: ['iptables', 'ipvs', 'nftables', 'none'] }),
        dnsSearch: list(str()),
      },
    },
    featureGates: { type: 'map', values: { type: 'boolean' } },
    runtimeConfig: { type: 'map', values: str() },
    kubeadmConfigPatches: list(str()),
    kubeadmConfigPatchesJSON6902: list(patch6902),
    containerdConfigPatches: list(str()),
    containerdConfigPatchesJSON6902: list(str()),
  },
};

/** Field name → where it is valid, to tell a misplaced field (`labels` at the top) from a typo. */
const homes = new Map<string, string[]>();
(function collect(f: Field): void {
  if (f.type === 'array') return collect(f.items);
  if (f.type !== 'object') return;
  for (const [name, child] of Object.entries(f.fields)) {
    homes.set(name, [...(homes.get(name) ?? []), f.where]);
    collect(child);
  }
})(cluster);

const MAX_PROBLEMS = 20;

/**
 * What kind would refuse in a parsed config (`value` is the whole document): kind and
 * apiVersion first (kind reads nothing else without them), then types, values and fields.
 */
export function kindSchemaProblems(value: unknown): ProblemAt[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ code: 'kind.notMap', path: [], params: { type: Array.isArray(value) ? 'una lista' : 'un valor suelto' } }];
  }
  const doc = value as Record<string, unknown>;
  const header: ProblemAt[] = [];
  if (doc.apiVersion !== KIND_API_VERSION) {
    header.push({ code: 'kind.apiVersion', path: doc.apiVersion === undefined ? [] : ['apiVersion'], params: { value: doc.apiVersion, expected: KIND_API_VERSION } });
  }
  if (doc.kind !== KIND_KIND) {
    header.push({ code: 'kind.kind', path: doc.kind === undefined ? [] : ['kind'], params: { value: doc.kind, expected: KIND_KIND } });
  }
  if (header.length > 0) return header;
  const out: ProblemAt[] = [];
  walk(doc, cluster, [], out);
  return out.slice(0, MAX_PROBLEMS);
}

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const wrongType = (expected: string, value: unknown, path: FieldPath): ProblemAt => ({
  code: 'schema.type',
  path,
  params: { expected, actual: typeOf(value), value },
});

function walk(value: unknown, f: Field, path: FieldPath, out: ProblemAt[]): void {
  if (value === null || value === undefined) return; // `field:` with nothing: kind treats it as unset
  switch (f.type) {
    case 'string': {
      if (typeof value === 'object') return void out.push(wrongType('string', value, path));
      const text = String(value);
      const allowed = f.enum?.find((e) => (f.ignoreCase ? e.toLowerCase() === text.toLowerCase() : e === text));
      if (f.enum && !allowed) out.push({ code: 'schema.enum', path, params: { value: text, allowed: f.enum } });
      if (f.check) out.push(...f.check(text, path));
      return;
    }
    case 'integer':
      if (!Number.isInteger(value)) return void out.push(wrongType('integer', value, path));
      if (f.check) out.push(...f.check(value as number, path));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(wrongType('boolean', value, path));
      return;
    case 'array':
      if (!Array.isArray(value)) return void out.push(wrongType('array', value, path));
      value.forEach((item, i) => walk(item, f.items, [...path, i], out));
      return;
    case 'map':
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return void out.push(wrongType('object', value, path));
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (f.type === 'map') {
          if (f.keys) out.push(...f.keys(key, [...path, key]));
          walk(child, f.values, [...path, key], out);
        } else if (key in f.fields) {
          walk(child, f.fields[key]!, [...path, key], out);
        } else {
          out.push(unknownField(key, f, [...path, key]));
        }
      }
      return;
    }
  }
}

function unknownField(key: string, f: Extract<Field, { type: 'object' }>, path: FieldPath): ProblemAt {
  const suggestion = suggest(key, Object.keys(f.fields));
  // A field valid elsewhere (exact name) is misplaced, not misspelt: say where it goes.
  const elsewhere = suggestion ? undefined : homes.get(key)?.filter((w) => w !== f.where);
  return { code: 'kind.unknownField', path, params: { field: key, type: f.name, suggestion, belongs: elsewhere?.length ? elsewhere.join(' o ') : undefined } };
}

// Label syntax (k8s.io/apimachinery validation): an optional DNS-subdomain prefix and a name of
// at most 63 characters; the kubelet refuses `kubernetes.io`/`k8s.io` labels except its own.
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
]);
const KUBELET_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

function labelKey(key: string, path: FieldPath): ProblemAt[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const valid = name.length <= 63 && LABEL_NAME.test(name) && (slash < 0 || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
  if (!valid) return [{ code: 'kind.label.key', path, params: { key } }];
  const reserved = /(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix);
  const kubeletOwn = KUBELET_LABELS.has(key) || KUBELET_NAMESPACES.some((ns) => prefix === ns || prefix.endsWith(`.${ns}`));
  return reserved && !kubeletOwn ? [{ code: 'kind.label.reserved', path, params: { key } }] : [];
}

function labelValue(value: string, path: FieldPath): ProblemAt[] {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value)) ? [] : [{ code: 'kind.label.value', path, params: { value } }];
}
