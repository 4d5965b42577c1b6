// NetworkPolicy, «deny everything, then open what is needed»: one policy isolates every Pod of
// the namespace for ingress; another opens one port of one workload to one kind of client only.
import type { Problem } from '../messages/problem.ts';
import { podLabels, podSpec, type Node } from '../model.ts';
import { selectorMatches, showLabels, showSelector, type LabelSelector } from './selectors.ts';

type Obj = Record<string, unknown>;

/** The label every namespace carries with its own name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

const isEmptySelector = (s: LabelSelector | undefined) =>
  !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);

/** `policyTypes`, when written, must include Ingress (when omitted, Kubernetes adds it). */
function ingressType(policy: Node): Problem[] {
  const types = policy.at('spec.policyTypes');
  if (!Array.isArray(types.value) || types.value.includes('Ingress')) return [];
  return [{ code: 'netpol.noIngressType', at: types.location(), params: { actual: types.value.map(String).join(', ') || '[]' } }];
}

/** Selects every Pod of the namespace, isolates them for ingress, and allows nothing in. */
export function deniesAllIngress(policy: Node): Problem[] {
  const problems: Problem[] = [];
  const selector = policy.at<LabelSelector>('spec.podSelector');
  if (!isEmptySelector(selector.value)) {
    problems.push({ code: 'netpol.notAllPods', at: selector.location(), params: { selector: showSelector(selector.value) } });
  }
  problems.push(...ingressType(policy));
  const types = policy.at('spec.policyTypes').value;
  if ((Array.isArray(types) && types.includes('Egress')) || policy.at('spec.egress').exists) {
    problems.push({ code: 'netpol.egress', at: policy.location(Array.isArray(types) ? 'spec.policyTypes' : 'spec.egress') });
  }
  const rules = policy.at('spec.ingress').items<Obj>();
  if (rules.length) {
    const allowsAll = rules.some((r) => !r.value || Object.keys(r.value).length === 0);
    problems.push({ code: 'netpol.ingressRules', at: policy.location('spec.ingress'), params: { count: rules.length, allowsAll: allowsAll || undefined } });
  }
  return problems;
}

export interface IngressAllowance {
  /** Labels of the only Pods allowed in, e.g. `{ app: 'frontend' }`. */
  from: Record<string, string>;
  /** The container port opened (a named port in the policy counts when it resolves to it). */
  port: number;
  /** The namespace the exercise names: a namespaceSelector may name it and nothing else. */
  namespace: string;
}

/** The number a policy port stands for in the workload's containers (a name resolves through them). */
function resolvePort(port: unknown, workload: Node): number | undefined {
  if (typeof port === 'number') return port;
  const ports = podSpec(workload).at('containers').items<Obj>().flatMap((c) => c.at('ports').items<Obj>().map((p) => p.value));
  const hit = ports.find((p) => p?.name === port);
  return typeof hit?.containerPort === 'number' ? hit.containerPort : undefined;
}

/** Why a `from` peer admits more than the allowed Pods, or undefined when it admits just them. */
function peerProblem(peer: Node<Obj>, allow: IngressAllowance): Problem | undefined {
  const from = showLabels(allow.from);
  if (peer.value?.ipBlock !== undefined) return { code: 'netpol.peerIpBlock', at: peer.location('ipBlock'), params: { from } };
  const ns = peer.value?.namespaceSelector as LabelSelector | undefined;
  if (ns !== undefined) {
    const onlyOurs = Object.keys(ns.matchLabels ?? {}).length === 1 && ns.matchLabels?.[NAME_LABEL] === allow.namespace && !(ns.matchExpressions ?? []).length;
    if (!onlyOurs) return { code: 'netpol.peerNamespaces', at: peer.location('namespaceSelector'), params: { from, namespace: allow.namespace } };
  }
  const pods = peer.value?.podSelector as LabelSelector | undefined;
  if (isEmptySelector(pods)) return { code: 'netpol.peerAllPods', at: peer.location(pods ? 'podSelector' : []), params: { from } };
  if (!selectorMatches(pods!, allow.from)) {
    return { code: 'netpol.peerOther', at: peer.location('podSelector'), params: { selector: showSelector(pods!), from } };
  }
  // A selector that also takes another value of the same keys (`app Exists`) lets others in.
  const others = Object.fromEntries(Object.entries(allow.from).map(([k, v]) => [k, `${v}-otro`]));
  if (selectorMatches(pods!, others)) return { code: 'netpol.peerAllPods', at: peer.location('podSelector'), params: { from } };
  return undefined;
}

/** Isolates the workload's Pods and lets in only `allow.from` Pods, only on `allow.port`. */
export function allowsIngressTo(policy: Node, workload: Node, allow: IngressAllowance): Problem[] {
  const problems: Problem[] = [];
  const selector = policy.at<LabelSelector>('spec.podSelector');
  const labels = podLabels(workload).value ?? {};
  const name = workload.object.name;
  if (isEmptySelector(selector.value)) {
    problems.push({ code: 'netpol.selectsAll', at: selector.location(), params: { workload: name } });
  } else if (!selectorMatches(selector.value, labels)) {
    problems.push({ code: 'netpol.notSelecting', at: selector.location(), params: { selector: showSelector(selector.value), labels: showLabels(labels), workload: name } });
  }
  problems.push(...ingressType(policy));
  const from = showLabels(allow.from);
  const rules = policy.at('spec.ingress').items<Obj>();
  let opens = false;
  for (const rule of rules) {
    const peers = rule.at('from').items<Obj>();
    if (peers.length === 0) problems.push({ code: 'netpol.fromAnyone', at: rule.location('from'), params: { from } });
    const peerProblems = peers.map((p) => peerProblem(p, allow)).filter((p): p is Problem => p !== undefined);
    problems.push(...peerProblems);
    const ports = rule.at('ports').items<Obj>();
    if (ports.length === 0) problems.push({ code: 'netpol.allPorts', at: rule.location('ports'), params: { port: allow.port } });
    let onPort = false;
    for (const p of ports) {
      const exact = resolvePort(p.value?.port, workload) === allow.port && (p.value?.protocol ?? 'TCP') === 'TCP' && p.value?.endPort === undefined;
      if (exact) onPort = true;
      else problems.push({ code: 'netpol.otherPort', at: p.location(), params: { actual: p.value?.port, endPort: p.value?.endPort, protocol: p.value?.protocol, port: allow.port } });
    }
    if (peers.length > 0 && peerProblems.length === 0 && onPort) opens = true;
  }
  if (!opens && problems.length === 0) {
    problems.push({ code: 'netpol.noRule', at: policy.location('spec.ingress'), params: { from, port: allow.port, workload: name } });
  }
  return problems;
}
