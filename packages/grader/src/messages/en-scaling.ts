// Messages of exercise 10 (scaling and availability): rolling updates, spreading over nodes,
// the HorizontalPodAutoscaler and the PodDisruptionBudget, static and live.
import type { Catalogue, Params } from './types.ts';
import { code, enEvidence as evidence, enStopped as stopped } from './format.ts';

const plural = (n: unknown, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

const SOURCES: Record<string, string> = {
  replicas: 'the Deployment\'s `spec.replicas`',
  default: 'without `spec.replicas`, Kubernetes sets 1',
  hpaMin: 'the HPA\'s minimum',
  hpaMinDefault: 'without `minReplicas`, the HPA goes down to 1',
  hpaMax: 'the HPA\'s maximum',
};
/** "with 10 replicas (the HPA's maximum)". */
const withReplicas = (p: Params) => `with ${plural(p.replicas, 'replica', 'replicas')} (${SOURCES[String(p.source)] ?? String(p.source)})`;

export const enScaling: Catalogue = {
  'scaling.amount': {
    what: (p) => `${code(p.value)} is not valid for \`${String(p.field)}\`: it must be a whole number (\`1\`) or a percentage written as text (\`"25%"\`).`,
    fix: (p) => `Write, for example, \`${String(p.field)}: 1\`.`,
  },
  // Rolling updates
  'rolling.notRolling': {
    what: (p) => `The strategy is ${code(p.actual)}: on an update, Kubernetes would delete every Pod before creating the new ones and the service would be left without replicas.`,
    fix: () => 'Use `strategy.type: RollingUpdate` with `rollingUpdate.maxUnavailable: 0` and `maxSurge: 1`.',
  },
  'rolling.maxUnavailableMissing': {
    what: (p) =>
      p.resolved === 0
        ? `\`maxUnavailable\` is missing: Kubernetes defaults to 25 %, which ${withReplicas(p)} still rounds down to 0, but from 4 replicas on it lets Pods be taken down before their replacements are ready.`
        : `\`maxUnavailable\` is missing: Kubernetes defaults to 25 %, which ${withReplicas(p)} lets ${plural(p.resolved, 'replica', 'replicas')} be taken down before their replacements are ready.`,
    fix: () => 'Write `strategy.rollingUpdate.maxUnavailable: 0`: an old Pod is only taken down once the new one is ready.',
  },
  'rolling.maxUnavailable': {
    what: (p) =>
      `\`maxUnavailable: ${String(p.value)}\` ${withReplicas(p)} means ${plural(p.resolved, 'replica', 'replicas')} that may be missing during the update.`,
    fix: () => 'Use `maxUnavailable: 0`.',
    hint: 'Percentages are computed over the desired replicas and `maxUnavailable` rounds down: with an HPA, think about its maximum too.',
  },
  'rolling.maxSurge': {
    what: (p) =>
      `\`maxSurge\` ${p.value === undefined ? '' : `(${code(p.value)}) `}does not allow a single extra replica ${withReplicas(p)}: with \`maxUnavailable: 0\` the rollout could not move forward.`,
    fix: () => 'Use `maxSurge: 1` (or more): the new Pod is created before an old one is taken down.',
    hint: 'With both `maxSurge` and `maxUnavailable` at 0, the API rejects the Deployment: one of them has to leave some room.',
  },
  // Spreading over nodes
  'spread.required': {
    what: (p) =>
      `Required anti-affinity (\`requiredDuringSchedulingIgnoredDuringExecution\`) on ${code(p.key)} forbids two replicas on the same node. On a single-node cluster (kind or minikube as the workshop creates them) the second replica stays \`Pending\` forever, and with \`maxUnavailable: 0\` no update ever finishes.`,
    fix: () =>
      'Ask for it as a preference: `preferredDuringSchedulingIgnoredDuringExecution` (with `weight` and `podAffinityTerm`), or a `topologySpreadConstraint` with `whenUnsatisfiable: ScheduleAnyway`.',
    hint: 'A preference spreads the replicas when there are several nodes and keeps them together when there is only one.',
  },
  'spread.doNotSchedule': {
    what: () =>
      '`whenUnsatisfiable: DoNotSchedule` without `nodeTaintsPolicy: Honor` also counts tainted nodes where your Pods cannot go (the control plane of a multi-node kind cluster, reserved nodes) as empty nodes: since it cannot spread onto them, the extra replicas stay `Pending`.',
    fix: () => 'Use `whenUnsatisfiable: ScheduleAnyway`, or add `nodeTaintsPolicy: Honor` so that only the nodes your Pods can use are counted.',
  },
  'spread.doNotScheduleKey': {
    what: (p) =>
      `\`whenUnsatisfiable: DoNotSchedule\` on ${code(p.key)} leaves Pods \`Pending\` on nodes without that label (kind and minikube nodes have no zone), and does not spread across nodes.`,
    fix: () => 'Spread over `topologyKey: kubernetes.io/hostname` with `whenUnsatisfiable: ScheduleAnyway`.',
  },
  'spread.minDomains': {
    what: (p) => `\`minDomains: ${String(p.minDomains)}\` requires ${String(p.minDomains)} nodes: on a single-node cluster, the extra replicas stay \`Pending\`.`,
    fix: () => 'Remove `minDomains` (or use `whenUnsatisfiable: ScheduleAnyway`).',
  },
  'spread.key': {
    what: (p) => `This rule spreads over ${code(p.actual)}; to spread across nodes, the key is \`kubernetes.io/hostname\`.`,
    fix: () => 'Use `topologyKey: kubernetes.io/hostname`.',
  },
  'spread.selector': {
    what: (p) =>
      `The \`labelSelector\` of this rule ${p.selector ? `(${String(p.selector)}) ` : ''}does not pick the Deployment's Pods (${String(p.labels)}): it would not spread them.`,
    fix: () => 'Put the template\'s labels (`app: api-escalable`) in `labelSelector.matchLabels`.',
  },
  'spread.missing': {
    what: () => 'The template does not ask to spread the replicas across nodes: they could all land on the same node and go down with it.',
    fix: (p) =>
      `Add to the Pod template a \`topologySpreadConstraint\` (\`maxSkew: 1\`, \`topologyKey: kubernetes.io/hostname\`, \`whenUnsatisfiable: ScheduleAnyway\`, \`labelSelector\` with ${String(p.labels)}) or a preferred anti-affinity.`,
  },
  // HorizontalPodAutoscaler
  'hpa.apiVersion': {
    what: (p) => `The HPA uses ${code(p.actual)}; expected \`autoscaling/v2\`, the version that describes metrics in \`spec.metrics\`.`,
    fix: () => 'Use `apiVersion: autoscaling/v2` and CPU as a `Resource` metric in `spec.metrics`.',
  },
  'hpa.replicasSet': {
    what: (p) =>
      `The Deployment sets \`replicas: ${String(p.replicas)}\`, but its replicas are managed by the HPA ${code(p.hpa)} (minimum ${String(p.min)}): every time you apply the file, Kubernetes goes back to ${String(p.replicas)} replicas and undoes what the HPA decided.`,
    fix: () => 'Remove `spec.replicas`: the HPA manages the replicas. Without that field the Deployment starts at 1 and the HPA raises it to its minimum as soon as it acts.',
  },
  'hpa.target': {
    what: (p) =>
      `\`scaleTargetRef.${String(p.field)}\` ${p.actual === undefined ? 'is missing' : `is ${code(p.actual)}`}; to scale the ${String(p.kind)} ${code(p.name)}, expected ${code(p.expected)}.`,
    fix: () => 'The HPA finds its target by group and version (`apps/v1`), kind (`Deployment`) and name: all three must match, case included.',
  },
  'hpa.noMetrics': {
    what: (p) => `The HPA has no \`spec.metrics\`: Kubernetes would give it a target of 80 % CPU, not ${String(p.percent)} %.`,
    fix: (p) => `Add to \`metrics\` a \`type: Resource\` metric for \`cpu\` with \`target.type: Utilization\` and \`averageUtilization: ${String(p.percent)}\`.`,
  },
  'hpa.noCpu': {
    what: (p) => `The HPA's metrics (${String(p.found)}) do not include CPU.`,
    fix: (p) => `Add a \`type: Resource\` metric with \`resource.name: cpu\` and a \`Utilization\` \`target\` of ${String(p.percent)} %.`,
  },
  'hpa.cpuType': {
    what: (p) =>
      `The CPU target has type ${code(p.actual)}; expected \`Utilization\`, a percentage of what each Pod requests (\`requests.cpu\`).`,
    fix: (p) => `Use \`target.type: Utilization\` with \`averageUtilization: ${String(p.percent)}\`.`,
    hint: '`AverageValue` is an absolute amount (`100m`); `Utilization`, a percentage of the request.',
  },
  'hpa.cpuValue': {
    what: (p) => `The CPU target is ${p.actual === undefined ? '(no `averageUtilization`)' : `${code(p.actual)} %`}; expected ${String(p.percent)} %.`,
    fix: (p) => `Set \`averageUtilization: ${String(p.percent)}\` (a number, without \`%\`).`,
  },
  'hpa.cpuContainer': {
    what: (p) => `The \`ContainerResource\` metric measures the container ${p.actual === undefined ? '(no `container`)' : code(p.actual)}, and the template's is ${code(p.container)}: the HPA would not find its metrics.`,
    fix: (p) => `Set \`container: ${String(p.container)}\`, or use \`type: Resource\` (the whole Pod's CPU).`,
  },
  // PodDisruptionBudget
  'pdb.noSelector': {
    what: (p) => `The PDB has no \`spec.selector\`: it protects no Pods (those of ${code(p.workload)} carry ${String(p.labels)}).`,
    fix: () => 'Add `spec.selector.matchLabels` with the labels of the Deployment\'s template.',
  },
  'pdb.selectsAll': {
    what: () => 'The PDB\'s selector is empty: in `policy/v1` that picks every Pod in the namespace, including those of other applications.',
    fix: (p) => `Put in \`matchLabels\` the labels of the Pods of ${code(p.workload)} (${String(p.labels)}).`,
  },
  'pdb.selectsOther': {
    what: (p) => `The PDB's selector (${String(p.selector)}) does not pick the Pods of ${code(p.workload)} (${String(p.labels)}).`,
    fix: () => 'Use the same selector as the Deployment (`spec.selector.matchLabels`).',
  },
  'pdb.both': {
    what: () => 'The PDB has both `minAvailable` and `maxUnavailable`; the API accepts only one of them.',
    fix: () => 'Keep one: for example `minAvailable: 1`.',
  },
  'pdb.noBudget': {
    what: () => 'The PDB has neither `minAvailable` nor `maxUnavailable`: it limits no disruption.',
    fix: () => 'Add `minAvailable: 1` (or `maxUnavailable: 1`).',
  },
  'pdb.noDisruption': {
    what: (p) =>
      `\`${String(p.field)}: ${String(p.value)}\` ${withReplicas(p)} requires ${plural(p.healthy, 'healthy Pod', 'healthy Pods')}: no disruption is left allowed, and a \`kubectl drain\` of the node would wait forever.`,
    fix: () => 'Use a `minAvailable` lower than the minimum number of replicas (for example `1`) or `maxUnavailable: 1`.',
    hint: '`kubectl get pdb` shows `ALLOWED DISRUPTIONS`: it must be at least 1.',
  },
  // Live
  'live.hpaAbleToScale': {
    what: (p) => `The HPA \`${String(p.name)}\` does not report \`AbleToScale=True\`: it cannot read or change the replicas of its target.` + evidence(p.evidence),
    fix: (p) => `Check \`scaleTargetRef\` and look at it yourself with \`kubectl -n ${String(p.namespace)} describe hpa ${String(p.name)}\` while the grader runs.`,
  },
  'live.pdbBudget': {
    what: (p) => `The PDB \`${String(p.name)}\` does not count the healthy Pods or allows no disruption.` + evidence(p.evidence) + stopped(p.final),
    fix: (p) =>
      `\`currentHealthy\` must reach \`desiredHealthy\` and \`disruptionsAllowed\` must be at least 1. Look at it with \`kubectl -n ${String(p.namespace)} get pdb ${String(p.name)}\`.`,
  },
  'live.updateBelowDesired': {
    what: (p) =>
      `During the update, the available replicas dropped to ${String(p.lowest)} of ${String(p.desired)} desired (after ${String(p.seconds)} s).` + evidence(p.evidence),
    fix: () => 'With `maxUnavailable: 0` and a readiness probe, an old Pod is only taken down once its replacement is ready.',
  },
  'live.updateStalled': {
    what: (p) =>
      `The update of \`${String(p.name)}\` did not finish; while it lasted, the available replicas did not drop below ${String(p.lowest)} (desired: ${String(p.desired)}).` + evidence(p.evidence),
    fix: (p) =>
      `With \`maxUnavailable: 0\` the rollout needs room for the extra Pod (\`maxSurge\`): free CPU and memory on the node and headroom in the namespace quota. Look at it with \`kubectl -n ${String(p.namespace)} describe deployment ${String(p.name)}\`.`,
  },
  'live.hpaNoScaleUp': {
    what: (p) => `Under CPU load for ${String(p.seconds)} s, the HPA \`${String(p.name)}\` did not ask for more replicas.` + evidence(p.evidence),
    fix: () => 'The HPA needs `requests.cpu` on the container and metrics-server running (`kubectl top pods` must show numbers).',
  },
};
