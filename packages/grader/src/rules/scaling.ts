// Scaling and availability (exercise 10): a rolling update that never loses available replicas,
// replicas spread over nodes without hanging a one-node cluster, the HPA's target and CPU goal,
// and a PodDisruptionBudget that selects the Pods and still lets a node be drained. Percentages
// are resolved against the replica counts the Deployment can really run at, as Kubernetes does.
import type { Problem } from '../messages/problem.ts';
import { podLabels, podSpec, type Node } from '../model.ts';
import type { K8sObject } from '../parse/manifests.ts';
import { selectorMatches, showLabels, showSelector, type LabelSelector } from './selectors.ts';

type Fields = Record<string, unknown>;

export const HOSTNAME = 'kubernetes.io/hostname';

/**
 * An int-or-percent field resolved against `total`, the way the controllers do it
 * (`intstr.GetScaledValueFromIntOrPercent`); undefined when the value is neither.
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const m = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (!m) return undefined;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** A replica count and where it comes from (for messages: «con 10 réplicas, el máximo del HPA»). */
export interface ReplicaCount {
  replicas: number;
  source: 'replicas' | 'default' | 'hpaMin' | 'hpaMinDefault' | 'hpaMax';
}

/** The HPAs of the manifests whose `scaleTargetRef` names this Deployment. */
export function autoscalersOf(deployment: Node, objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter((o) => {
    const ref = ((o.value.spec as Fields | undefined)?.scaleTargetRef ?? {}) as Fields;
    return o.kind === 'HorizontalPodAutoscaler' && ref.kind === deployment.object.kind && ref.name === deployment.object.name;
  });
}

/**
 * The fewest and the most replicas the Deployment can run at: the range of the HPAs that scale
 * it, else its written `replicas`. A `replicas` written beside an HPA is its own mistake
 * (replicasLeftToAutoscaler), not counted again here.
 */
export function replicaRange(deployment: Node, objects: readonly K8sObject[]): { low: ReplicaCount; high: ReplicaCount } {
  const written = deployment.at('spec.replicas').value;
  const hpas = autoscalersOf(deployment, objects);
  const counts: ReplicaCount[] = typeof written === 'number' && hpas.length === 0 ? [{ replicas: written, source: 'replicas' }] : [];
  for (const hpa of hpas) {
    const spec = (hpa.value.spec ?? {}) as Fields;
    const min = spec.minReplicas;
    counts.push(typeof min === 'number' ? { replicas: min, source: 'hpaMin' } : { replicas: 1, source: 'hpaMinDefault' });
    if (typeof spec.maxReplicas === 'number') counts.push({ replicas: spec.maxReplicas, source: 'hpaMax' });
  }
  if (counts.length === 0) counts.push({ replicas: 1, source: 'default' });
  const low = counts.reduce((a, b) => (b.replicas < a.replicas ? b : a));
  const high = counts.reduce((a, b) => (b.replicas > a.replicas ? b : a));
  return { low, high };
}

/**
 * With an HPA on the Deployment, `spec.replicas` is left out (Kubernetes' advice): every apply of
 * the file would otherwise set the replicas back to it, undoing what the HPA decided.
 */
export function replicasLeftToAutoscaler(deployment: Node, manifests: { objects: readonly K8sObject[] }): Problem[] {
  const replicas = deployment.at('spec.replicas');
  const hpa = autoscalersOf(deployment, manifests.objects)[0];
  if (!hpa || !replicas.exists) return [];
  const min = ((hpa.value.spec ?? {}) as Fields).minReplicas;
  return [{ code: 'hpa.replicasSet', at: replicas.location(), params: { hpa: hpa.name, replicas: replicas.value, min: typeof min === 'number' ? min : 1 } }];
}

function invalidAmount(field: Node): Problem {
  return { code: 'scaling.amount', at: field.location(), params: { field: field.path.at(-1), value: field.value } };
}

/**
 * RollingUpdate that never drops below the desired replicas: `maxUnavailable` (written) resolves
 * to 0 at the most replicas the Deployment can have (it rounds down), and `maxSurge` to at least
 * 1 at the fewest (it rounds up; 25 % when not written).
 */
export function rollingUpdateKeepsReplicas(deployment: Node, manifests: { objects: readonly K8sObject[] }): Problem[] {
  const strategy = deployment.at('spec.strategy');
  const type = strategy.at('type').value ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return [{ code: 'rolling.notRolling', at: strategy.location('type'), params: { actual: type } }];
  const rolling = strategy.at('rollingUpdate');
  const { low, high } = replicaRange(deployment, manifests.objects);
  const problems: Problem[] = [];
  const unavailable = rolling.at('maxUnavailable');
  if (!unavailable.exists) {
    problems.push({ code: 'rolling.maxUnavailableMissing', at: unavailable.location(), params: { ...high, resolved: scaledValue('25%', high.replicas, false) } });
  } else {
    const resolved = scaledValue(unavailable.value, high.replicas, false);
    if (resolved === undefined) problems.push(invalidAmount(unavailable));
    else if (resolved > 0) problems.push({ code: 'rolling.maxUnavailable', at: unavailable.location(), params: { ...high, value: unavailable.value, resolved } });
  }
  const surge = rolling.at('maxSurge');
  const resolved = scaledValue(surge.exists ? surge.value : '25%', low.replicas, true);
  if (resolved === undefined) problems.push(invalidAmount(surge));
  else if (resolved < 1) problems.push({ code: 'rolling.maxSurge', at: surge.location(), params: { ...low, value: surge.value } });
  return problems;
}

/** Selects the workload's own Pods (an empty selector selects every Pod, its own included). */
function selectsOwn(selector: unknown, labels: Fields): boolean {
  return Boolean(selector) && typeof selector === 'object' && selectorMatches(selector as LabelSelector, labels);
}

/**
 * Replicas spread over nodes as a preference: a preferred podAntiAffinity term or a
 * topologySpreadConstraint on `kubernetes.io/hostname` selecting the Pods, with
 * `whenUnsatisfiable: ScheduleAnyway` — or `DoNotSchedule` only with `nodeTaintsPolicy: Honor`
 * (tainted nodes would otherwise count as empty domains). Required anti-affinity is refused:
 * on a one-node cluster the second replica never finds a node.
 */
export function spreadsOverNodes(deployment: Node): Problem[] {
  const spec = podSpec(deployment);
  const labels = podLabels(deployment).value ?? {};
  const anti = spec.at('affinity.podAntiAffinity');
  const problems: Problem[] = [];
  // Terms that try to spread, but on another key or over other Pods: reported if nothing works.
  const nearMisses: Problem[] = [];
  let spreads = false;

  for (const term of anti.at('requiredDuringSchedulingIgnoredDuringExecution').items<Fields>()) {
    if (selectsOwn(term.value?.labelSelector, labels)) {
      problems.push({ code: 'spread.required', at: term.location(), params: { key: term.value.topologyKey } });
    }
  }
  const considerTerm = (term: Node<Fields>, key: unknown) => {
    if (!selectsOwn(term.value?.labelSelector, labels)) {
      nearMisses.push(selectorMiss(term, labels));
      return false;
    }
    if (key !== HOSTNAME) {
      nearMisses.push({ code: 'spread.key', at: term.location('topologyKey'), params: { actual: key } });
      return false;
    }
    return true;
  };
  for (const weighted of anti.at('preferredDuringSchedulingIgnoredDuringExecution').items<Fields>()) {
    const term = weighted.at<Fields>('podAffinityTerm');
    if (considerTerm(term, term.value?.topologyKey)) spreads = true;
  }
  for (const constraint of spec.at('topologySpreadConstraints').items<Fields>()) {
    const c = constraint.value ?? {};
    if (c.whenUnsatisfiable === 'DoNotSchedule' && selectsOwn(c.labelSelector, labels)) {
      const hangs = doNotScheduleHangs(constraint);
      if (hangs) {
        problems.push(hangs);
        continue;
      }
    }
    if (considerTerm(constraint, c.topologyKey)) spreads = true;
  }
  if (problems.length > 0 || spreads) return problems;
  return nearMisses.length > 0 ? nearMisses : [{ code: 'spread.missing', at: spec.location(), params: { labels: showLabels(labels) } }];
}

function selectorMiss(term: Node<Fields>, labels: Fields): Problem {
  const selector = term.value?.labelSelector as LabelSelector | undefined;
  return {
    code: 'spread.selector',
    at: term.location('labelSelector'),
    params: { selector: selector ? showSelector(selector) : undefined, labels: showLabels(labels) },
  };
}

/** Why a `DoNotSchedule` constraint leaves replicas Pending on a one-node cluster, if it does. */
function doNotScheduleHangs(constraint: Node<Fields>): Problem | undefined {
  const c = constraint.value;
  if (c.topologyKey !== HOSTNAME) return { code: 'spread.doNotScheduleKey', at: constraint.location('topologyKey'), params: { key: c.topologyKey } };
  if (c.nodeTaintsPolicy !== 'Honor') return { code: 'spread.doNotSchedule', at: constraint.location('whenUnsatisfiable') };
  if (typeof c.minDomains === 'number' && c.minDomains > 1) {
    return { code: 'spread.minDomains', at: constraint.location('minDomains'), params: { minDomains: c.minDomains } };
  }
  return undefined;
}

/** The HPA is `autoscaling/v2` (v1 only knows a CPU percentage, without `metrics`). */
function hpaIsV2(hpa: Node): Problem[] {
  const actual = hpa.object.apiVersion;
  return actual === 'autoscaling/v2' ? [] : [{ code: 'hpa.apiVersion', at: hpa.location('apiVersion'), params: { actual } }];
}

/** `scaleTargetRef` names the Deployment by group/version, kind and name. */
export function scalesTarget(hpa: Node, workload: Node): Problem[] {
  const v2 = hpaIsV2(hpa);
  if (v2.length) return v2;
  const ref = hpa.at<Fields>('spec.scaleTargetRef');
  const apiVersion = workload.object.apiVersion;
  const expected: Fields = { apiVersion, kind: workload.object.kind, name: workload.object.name };
  return Object.entries(expected)
    .filter(([field, value]) => ref.value?.[field] !== value)
    .map(([field, value]) => ({
      code: 'hpa.target',
      at: ref.location(field),
      params: { field, actual: ref.value?.[field], expected: value, kind: workload.object.kind, name: workload.object.name },
    }));
}

/**
 * A CPU metric (Resource or ContainerResource) with an average Utilization target of `percent`;
 * a ContainerResource metric must name `container` when given (another name has no metrics).
 */
export function cpuUtilizationTarget(hpa: Node, percent: number, container?: string): Problem[] {
  const v2 = hpaIsV2(hpa);
  if (v2.length) return v2;
  const metrics = hpa.at('spec.metrics').items<Fields>();
  if (metrics.length === 0) return [{ code: 'hpa.noMetrics', at: hpa.location('spec.metrics'), params: { percent } }];
  const source = (m: Node<Fields>) => m.at<Fields>(m.value?.type === 'ContainerResource' ? 'containerResource' : 'resource');
  const cpu = metrics.find((m) => (m.value?.type === 'Resource' || m.value?.type === 'ContainerResource') && source(m).value?.name === 'cpu');
  if (!cpu) {
    const found = metrics.map((m) => `\`${String(m.value?.type)}${source(m).value?.name ? `/${String(source(m).value.name)}` : ''}\``).join(', ');
    return [{ code: 'hpa.noCpu', at: hpa.location('spec.metrics'), params: { found, percent } }];
  }
  const named = source(cpu).value?.container;
  if (cpu.value?.type === 'ContainerResource' && container !== undefined && named !== container) {
    return [{ code: 'hpa.cpuContainer', at: source(cpu).location('container'), params: { actual: named, container } }];
  }
  const target = source(cpu).at<Fields>('target');
  if (target.value?.type !== 'Utilization') {
    return [{ code: 'hpa.cpuType', at: target.location('type'), params: { actual: target.value?.type, percent } }];
  }
  const actual = target.value.averageUtilization;
  return actual === percent ? [] : [{ code: 'hpa.cpuValue', at: target.location('averageUtilization'), params: { actual, percent } }];
}

/** The PDB's selector picks the workload's Pods (and is not the empty selector, which picks every Pod). */
export function budgetSelects(pdb: Node, workload: Node): Problem[] {
  const selector = pdb.at<LabelSelector>('spec.selector');
  const labels = podLabels(workload).value ?? {};
  const params = { workload: workload.object.name, labels: showLabels(labels) };
  if (!selector.exists) return [{ code: 'pdb.noSelector', at: pdb.location('spec'), params }];
  const { matchLabels, matchExpressions } = selector.value;
  if (Object.keys(matchLabels ?? {}).length === 0 && (matchExpressions ?? []).length === 0) {
    return [{ code: 'pdb.selectsAll', at: selector.location(), params }];
  }
  if (selectorMatches(selector.value, labels)) return [];
  return [{ code: 'pdb.selectsOther', at: selector.location(), params: { ...params, selector: showSelector(selector.value) } }];
}

/**
 * With the fewest replicas the workload can run at, the budget still allows one disruption:
 * `minAvailable` below that count, or `maxUnavailable` of at least 1 (percentages round up, as
 * the disruption controller does).
 */
export function budgetAllowsDisruption(pdb: Node, workload: Node, manifests: { objects: readonly K8sObject[] }): Problem[] {
  const minAvailable = pdb.at('spec.minAvailable');
  const maxUnavailable = pdb.at('spec.maxUnavailable');
  if (minAvailable.exists && maxUnavailable.exists) return [{ code: 'pdb.both', at: maxUnavailable.location() }];
  if (!minAvailable.exists && !maxUnavailable.exists) return [{ code: 'pdb.noBudget', at: pdb.location('spec') }];
  const { low } = replicaRange(workload, manifests.objects);
  const field = minAvailable.exists ? minAvailable : maxUnavailable;
  const amount = scaledValue(field.value, low.replicas, true);
  if (amount === undefined) return [invalidAmount(field)];
  const healthy = minAvailable.exists ? amount : Math.max(0, low.replicas - amount);
  if (low.replicas - healthy >= 1) return [];
  return [{ code: 'pdb.noDisruption', at: field.location(), params: { ...low, field: field.path.at(-1), value: field.value, healthy } }];
}
