// The Namespace an exercise's text names (`datos-seguros` in 12) stands for the run's own
// namespace, `ex.live({ namespace: { name, labels } })`. A run never creates that Namespace,
// nor any other (it would outlive the run). The run namespace is created with the exercise's
// `labels`, which always win (in 12 the grader's Pod Security labels, whatever the learner
// wrote: the static tier checks the learner's); the learner's Namespace of that name adds its
// own labels and annotations to it; references to that name are rewritten to the run's.
import type { Problem } from '../messages/problem.ts';
import type { K8sObject } from '../parse/manifests.ts';
import type { ApplyTransform } from './run.ts';

/** Pod Security `restricted`, enforced, warned and audited: the run namespace of 12 and 14. */
export const RESTRICTED_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  ['enforce', 'warn', 'audit'].flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, 'restricted'],
    [`pod-security.kubernetes.io/${mode}-version`, 'latest'],
  ]),
);

export interface StandIn {
  /** The name the exercise's text gives its namespace, if it names one. */
  name?: string;
  /** Labels the grader always puts on the run namespace, over the learner's. */
  labels?: Record<string, string>;
}

/** The label every namespace carries with its own name, which namespaceSelectors use. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

type Obj = Record<string, unknown>;

export function isForeignNamespace(obj: K8sObject, standIn?: StandIn): boolean {
  return obj.kind === 'Namespace' && obj.name !== standIn?.name;
}

export function foreignNamespace(obj: K8sObject, standIn?: StandIn): Problem {
  const path = ['metadata', 'name'];
  return {
    code: 'live.foreignNamespace',
    at: { file: obj.file, ...obj.document.locate([...obj.base, ...path]), path },
    params: { name: obj.name, standIn: standIn?.name },
  };
}

export function standInTransforms(standIn?: StandIn): ApplyTransform[] {
  if (!standIn) return [];
  return [
    (obj, value, namespace) => (obj.kind === 'Namespace' ? asRunNamespace(value, namespace, standIn) : value),
    (_obj, value, namespace) => (standIn.name ? withReferencesTo(value, standIn.name, namespace) : value),
  ];
}

/** The learner's Namespace, applied to the run namespace: its labels (under the exercise's) and annotations. */
function asRunNamespace(value: Obj, namespace: string, standIn: StandIn): Obj {
  const metadata = (value.metadata ?? {}) as Obj;
  const labels = { ...(metadata.labels as Obj | undefined), ...standIn.labels };
  const annotations = metadata.annotations as Obj | undefined;
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels, ...(annotations ? { annotations } : {}) } };
}

/** RoleBinding subjects and NetworkPolicy namespaceSelectors that name `from` name `to` instead. */
function withReferencesTo(value: Obj, from: string, to: string): Obj {
  const rename = (v: unknown) => (v === from ? to : v);
  if (value.kind === 'RoleBinding' || value.kind === 'ClusterRoleBinding') {
    if (!Array.isArray(value.subjects)) return value;
    const subjects = (value.subjects as Obj[]).map((s) =>
      s && typeof s === 'object' && s.kind === 'ServiceAccount' && s.namespace === from ? { ...s, namespace: to } : s,
    );
    return { ...value, subjects };
  }
  if (value.kind !== 'NetworkPolicy') return value;
  const copy = structuredClone(value) as { spec?: { ingress?: { from?: Obj[] }[]; egress?: { to?: Obj[] }[] } };
  const peers = [...(copy.spec?.ingress ?? []).flatMap((r) => r?.from ?? []), ...(copy.spec?.egress ?? []).flatMap((r) => r?.to ?? [])];
  for (const peer of peers) {
    const selector = peer?.namespaceSelector as { matchLabels?: Obj; matchExpressions?: { key?: string; values?: unknown[] }[] } | undefined;
    if (!selector || typeof selector !== 'object') continue;
    if (selector.matchLabels && NAME_LABEL in selector.matchLabels) selector.matchLabels[NAME_LABEL] = rename(selector.matchLabels[NAME_LABEL]);
    for (const e of selector.matchExpressions ?? []) if (e?.key === NAME_LABEL && Array.isArray(e.values)) e.values = e.values.map(rename);
  }
  return copy as Obj;
}
