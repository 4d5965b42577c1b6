// What the API server's validation (pkg/apis/*/validation in k8s.io/kubernetes 1.34) refuses
// beyond the OpenAPI schema: name and label formats, ranges, and rules between fields. Written
// from those rules, one function per kind or shared structure; the differential test
// (test/differential.spec.ts) checks them against a real kube-apiserver.
import { isIP } from 'node:net';
import type { FieldPath } from '../parse/location.ts';
import { isIanaZone, parseCron } from '../rules/cron.ts';
import { quantityValue } from '../rules/quantity.ts';
import { selectorMatches, type LabelSelector } from '../rules/selectors.ts';
import {
  isBase64,
  isConfigKey,
  isDnsLabel,
  isDnsSubdomain,
  isEnvName,
  isLabelValue,
  isPathSegment,
  isPortName,
  isPortNumber,
  isQualifiedName,
  percentOrInt,
} from './formats.ts';
import type { ProblemAt } from './validate.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);

class Checker {
  readonly out: ProblemAt[] = [];
  add(code: string, path: FieldPath, params?: Record<string, unknown>): void {
    this.out.push({ code, path, params });
  }
  /** An integer field, when set, is at least `min` (and at most `max`). */
  range(value: unknown, path: FieldPath, min: number, max?: number): void {
    const n = int(value);
    if (n !== undefined && (n < min || (max !== undefined && n > max))) this.add('schema.range', path, { value: n, min, max });
  }
  required(value: unknown, path: FieldPath, field: string, type: string): boolean {
    if (value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) return true;
    this.add('schema.required', path, { field, type });
    return false;
  }
  dnsLabel(value: unknown, path: FieldPath, what: string): void {
    const v = str(value);
    if (v !== undefined && !isDnsLabel(v)) this.add('schema.dnsLabel', path, { value: v, what });
  }
  /** A port given by number or by name (`targetPort`, probe ports, NetworkPolicy ports). */
  portRef(value: unknown, path: FieldPath): void {
    if (typeof value === 'string') {
      if (!isPortName(value)) this.add('schema.portName', path, { value });
    } else if (Number.isInteger(value) && !isPortNumber(value)) {
      this.add('schema.range', path, { value, min: 1, max: 65535 });
    }
  }
  duplicates(values: [unknown, FieldPath][], what: string): void {
    const seen = new Set<string>();
    for (const [v, path] of values) {
      if (v === undefined || v === null || v === '') continue;
      const key = JSON.stringify(v);
      if (seen.has(key)) this.add('schema.duplicate', path, { value: v, what });
      seen.add(key);
    }
  }
}

// metadata.name per kind: most are DNS subdomains; these are stricter or looser.
const NAME_RULE: Record<string, 'label' | 'pathSegment'> = {
  Service: 'label',
  Namespace: 'label',
  Role: 'pathSegment',
  ClusterRole: 'pathSegment',
  RoleBinding: 'pathSegment',
  ClusterRoleBinding: 'pathSegment',
  PodDisruptionBudget: 'pathSegment',
};
// A CronJob's name plus an 11-character suffix names its Jobs; a Job's name is a label value of its Pods.
const NAME_MAX: Record<string, number> = { CronJob: 52, Job: 63 };

function metadata(c: Checker, meta: Obj, path: FieldPath, kind?: string): void {
  if (kind !== undefined) {
    const name = str(meta.name);
    if (name !== undefined && name !== '') {
      const rule = NAME_RULE[kind] ?? 'subdomain';
      const ok = rule === 'label' ? isDnsLabel(name) : rule === 'pathSegment' ? isPathSegment(name) : isDnsSubdomain(name);
      const max = NAME_MAX[kind];
      if (!ok || (max !== undefined && name.length > max)) c.add('schema.name', [...path, 'name'], { value: name, kind, rule, max });
    }
  }
  labels(c, meta.labels, [...path, 'labels']);
  for (const key of Object.keys(obj(meta.annotations))) {
    if (!isQualifiedName(key.toLowerCase())) c.add('schema.annotationKey', [...path, 'annotations', key], { key });
  }
}

function labels(c: Checker, value: unknown, path: FieldPath): void {
  for (const [key, v] of Object.entries(obj(value))) {
    if (!isQualifiedName(key)) c.add('schema.labelKey', [...path, key], { key });
    if (typeof v === 'string' && !isLabelValue(v)) c.add('schema.labelValue', [...path, key], { value: v });
  }
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function labelSelector(c: Checker, value: unknown, path: FieldPath): void {
  const sel = obj(value);
  labels(c, sel.matchLabels, [...path, 'matchLabels']);
  list(sel.matchExpressions).forEach((e, i) => {
    const req = obj(e);
    const at: FieldPath = [...path, 'matchExpressions', i];
    if (typeof req.key === 'string' && !isQualifiedName(req.key)) c.add('schema.labelKey', [...at, 'key'], { key: req.key });
    const op = str(req.operator);
    if (op !== undefined && !SELECTOR_OPERATORS.includes(op)) c.add('schema.enum', [...at, 'operator'], { value: op, allowed: SELECTOR_OPERATORS });
    const values = list(req.values);
    if ((op === 'In' || op === 'NotIn') && values.length === 0) c.add('schema.selectorValues', [...at, 'values'], { operator: op, needs: true });
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) c.add('schema.selectorValues', [...at, 'values'], { operator: op, needs: false });
    values.forEach((v, j) => typeof v === 'string' && !isLabelValue(v) && c.add('schema.labelValue', [...at, 'values', j], { value: v }));
  });
}

const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function resources(c: Checker, value: unknown, path: FieldPath): void {
  const res = obj(value);
  const requests = obj(res.requests);
  const limits = obj(res.limits);
  for (const [group, map] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, q] of Object.entries(map)) {
      const at: FieldPath = [...path, group, name];
      const standard = STANDARD_RESOURCES.includes(name) || /^hugepages-/.test(name);
      if (!standard && !(name.includes('/') && isQualifiedName(name))) c.add('schema.resourceName', at, { name });
      const n = quantityValue(q);
      if (n !== undefined && n < 0) c.add('schema.negative', at, { value: q });
    }
  }
  for (const [name, limit] of Object.entries(limits)) {
    const request = requests[name];
    const l = quantityValue(limit);
    const r = quantityValue(request);
    if (l !== undefined && r !== undefined && r > l) {
      c.add('schema.limitBelowRequest', [...path, 'requests', name], { resource: name, request, limit });
    }
  }
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function probe(c: Checker, value: unknown, path: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): void {
  if (!isObj(value)) return;
  const handlers = PROBE_HANDLERS.filter((h) => value[h] !== undefined && value[h] !== null);
  if (handlers.length !== 1) c.add('schema.oneOf', path, { fields: PROBE_HANDLERS, set: handlers });
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    c.range(value[f], [...path, f], 0);
  }
  const success = int(value.successThreshold);
  if (kind !== 'readiness' && success !== undefined && success > 1) c.add('schema.successThreshold', [...path, 'successThreshold'], { value: success });
  c.portRef(obj(value.httpGet).port, [...path, 'httpGet', 'port']);
  c.portRef(obj(value.tcpSocket).port, [...path, 'tcpSocket', 'port']);
}

const MAX_ID = 2147483647;

/** Profiles of type Localhost name their profile; other types must not. */
function profile(c: Checker, value: unknown, path: FieldPath): void {
  const p = obj(value);
  if (p.type === 'Localhost' && !p.localhostProfile) c.add('schema.required', [...path, 'localhostProfile'], { field: 'localhostProfile', type: 'Localhost' });
  if (p.type !== 'Localhost' && p.localhostProfile) c.add('schema.forbidden', [...path, 'localhostProfile'], { field: 'localhostProfile', when: String(p.type) });
}

/** A Pod's or a container's securityContext: ids in range, profiles, and fields that exclude each other. */
function securityContext(c: Checker, value: unknown, path: FieldPath, hostUsers: unknown): void {
  const sc = obj(value);
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) c.range(sc[f], [...path, f], 0, MAX_ID);
  list(sc.supplementalGroups).forEach((g, i) => c.range(g, [...path, 'supplementalGroups', i], 0, MAX_ID));
  profile(c, sc.seccompProfile, [...path, 'seccompProfile']);
  profile(c, sc.appArmorProfile, [...path, 'appArmorProfile']);
  if (sc.allowPrivilegeEscalation === false) {
    const adds = list(obj(sc.capabilities).add);
    if (sc.privileged === true) c.add('schema.escalation', [...path, 'privileged'], { field: 'privileged' });
    else if (adds.includes('CAP_SYS_ADMIN')) c.add('schema.escalation', [...path, 'capabilities', 'add'], { field: 'CAP_SYS_ADMIN' });
  }
  if (sc.procMount === 'Unmasked' && hostUsers !== false) c.add('schema.procMount', [...path, 'procMount'], {});
}

function container(c: Checker, value: unknown, path: FieldPath, volumes: Set<string>, init: boolean, hostUsers: unknown): void {
  const ctr = obj(value);
  c.dnsLabel(ctr.name, [...path, 'name'], 'container');
  const ports = list(ctr.ports).map(obj);
  ports.forEach((p, i) => {
    const at: FieldPath = [...path, 'ports', i];
    if (Number.isInteger(p.containerPort) && !isPortNumber(p.containerPort)) c.add('schema.range', [...at, 'containerPort'], { value: p.containerPort, min: 1, max: 65535 });
    if (Number.isInteger(p.hostPort) && p.hostPort !== 0 && !isPortNumber(p.hostPort)) c.add('schema.range', [...at, 'hostPort'], { value: p.hostPort, min: 1, max: 65535 });
    if (typeof p.name === 'string' && !isPortName(p.name)) c.add('schema.portName', [...at, 'name'], { value: p.name });
  });
  c.duplicates(ports.map((p, i) => [p.name, [...path, 'ports', i, 'name']]), 'port name');
  list(ctr.env).forEach((e, i) => {
    const env = obj(e);
    const at: FieldPath = [...path, 'env', i];
    if (typeof env.name === 'string' && !isEnvName(env.name)) c.add('schema.envName', [...at, 'name'], { name: env.name });
    if (env.value !== undefined && env.value !== null && env.value !== '' && isObj(env.valueFrom)) c.add('schema.oneOf', at, { fields: ['value', 'valueFrom'], set: ['value', 'valueFrom'] });
  });
  resources(c, ctr.resources, [...path, 'resources']);
  securityContext(c, ctr.securityContext, [...path, 'securityContext'], hostUsers);
  const mounts = list(ctr.volumeMounts).map(obj);
  mounts.forEach((m, i) => {
    const at: FieldPath = [...path, 'volumeMounts', i];
    if (typeof m.name === 'string' && !volumes.has(m.name)) c.add('schema.volumeNotFound', [...at, 'name'], { name: m.name, volumes: [...volumes] });
    const sub = str(m.subPath);
    if (sub && (sub.startsWith('/') || sub.split('/').includes('..'))) c.add('schema.subPath', [...at, 'subPath'], { value: sub });
  });
  c.duplicates(mounts.map((m, i) => [m.mountPath, [...path, 'volumeMounts', i, 'mountPath']]), 'mountPath');
  // Init containers take no probes (except a sidecar's, restartPolicy Always).
  const sidecar = init && ctr.restartPolicy === 'Always';
  for (const [field, kind] of [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']] as const) {
    if (init && !sidecar && ctr[field] !== undefined && ctr[field] !== null) c.add('schema.forbidden', [...path, field], { field });
    else probe(c, ctr[field], [...path, field], kind);
  }
}

function podSpec(c: Checker, value: unknown, path: FieldPath, restartPolicies?: readonly string[]): void {
  const spec = obj(value);
  const vols = list(spec.volumes).map(obj);
  vols.forEach((v, i) => {
    const at: FieldPath = [...path, 'volumes', i];
    c.dnsLabel(v.name, [...at, 'name'], 'volume');
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
    if (sources.length > 1) c.add('schema.oneOf', at, { fields: sources, set: sources });
  });
  c.duplicates(vols.map((v, i) => [v.name, [...path, 'volumes', i, 'name']]), 'volume');
  const volumeNames = new Set(vols.map((v) => v.name).filter((n): n is string => typeof n === 'string'));
  const all: [unknown, FieldPath][] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    list(spec[field]).forEach((ctr, i) => {
      container(c, ctr, [...path, field, i], volumeNames, field === 'initContainers', spec.hostUsers);
      all.push([obj(ctr).name, [...path, field, i, 'name']]);
    });
  }
  c.duplicates(all, 'container');
  if (restartPolicies) {
    const rp = spec.restartPolicy ?? 'Always';
    if (typeof rp === 'string' && !restartPolicies.includes(rp)) {
      c.add('schema.restartPolicy', [...path, 'restartPolicy'], { value: spec.restartPolicy, allowed: restartPolicies });
    }
  }
  c.range(spec.activeDeadlineSeconds, [...path, 'activeDeadlineSeconds'], 1);
  securityContext(c, spec.securityContext, [...path, 'securityContext'], spec.hostUsers);
  labels(c, spec.nodeSelector, [...path, 'nodeSelector']);
  const pairs: [unknown, FieldPath][] = [];
  list(spec.topologySpreadConstraints).forEach((t, i) => {
    const tsc = obj(t);
    const at: FieldPath = [...path, 'topologySpreadConstraints', i];
    c.range(tsc.maxSkew, [...at, 'maxSkew'], 1);
    c.range(tsc.minDomains, [...at, 'minDomains'], 1);
    if (tsc.minDomains !== undefined && tsc.minDomains !== null && tsc.whenUnsatisfiable !== 'DoNotSchedule') {
      c.add('schema.minDomains', [...at, 'minDomains'], { value: tsc.whenUnsatisfiable });
    }
    if (typeof tsc.topologyKey === 'string') {
      if (tsc.topologyKey === '') c.add('schema.required', [...at, 'topologyKey'], { field: 'topologyKey', type: 'TopologySpreadConstraint' });
      else if (!isQualifiedName(tsc.topologyKey)) c.add('schema.labelKey', [...at, 'topologyKey'], { key: tsc.topologyKey });
    }
    labelSelector(c, tsc.labelSelector, [...at, 'labelSelector']);
    pairs.push([[tsc.topologyKey, tsc.whenUnsatisfiable], at]);
  });
  c.duplicates(pairs, 'topologySpreadConstraint');
  affinity(c, spec.affinity, [...path, 'affinity']);
}

function affinity(c: Checker, value: unknown, path: FieldPath): void {
  const aff = obj(value);
  list(obj(aff.nodeAffinity).preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    c.range(obj(t).weight, [...path, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i, 'weight'], 1, 100),
  );
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = obj(aff[kind]);
    list(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const at: FieldPath = [...path, kind, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      c.range(obj(t).weight, [...at, 'weight'], 1, 100);
      podAffinityTerm(c, obj(t).podAffinityTerm, [...at, 'podAffinityTerm']);
    });
    list(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      podAffinityTerm(c, t, [...path, kind, 'requiredDuringSchedulingIgnoredDuringExecution', i]),
    );
  }
}

function podAffinityTerm(c: Checker, value: unknown, path: FieldPath): void {
  const term = obj(value);
  if (typeof term.topologyKey === 'string') {
    if (term.topologyKey === '') c.add('schema.required', [...path, 'topologyKey'], { field: 'topologyKey', type: 'PodAffinityTerm' });
    else if (!isQualifiedName(term.topologyKey)) c.add('schema.labelKey', [...path, 'topologyKey'], { key: term.topologyKey });
  }
  labelSelector(c, term.labelSelector, [...path, 'labelSelector']);
}

/** A Pod template: its labels, its spec, and (for workloads with a selector) whether they match. */
function template(c: Checker, value: unknown, path: FieldPath, restartPolicies: readonly string[]): void {
  const tpl = obj(value);
  metadata(c, obj(tpl.metadata), [...path, 'metadata']);
  podSpec(c, tpl.spec, [...path, 'spec'], restartPolicies);
}

function selectorSelectsTemplate(c: Checker, spec: Obj, path: FieldPath): void {
  const selector = obj(spec.selector);
  labelSelector(c, selector, [...path, 'selector']);
  const hasTerms = Object.keys(obj(selector.matchLabels)).length > 0 || list(selector.matchExpressions).length > 0;
  if (isObj(spec.selector) && !hasTerms) {
    c.add('schema.emptySelector', [...path, 'selector'], {});
    return;
  }
  const tplLabels = obj(obj(obj(spec.template).metadata).labels);
  if (hasTerms && !selectorMatches(selector as LabelSelector, tplLabels)) {
    c.add('schema.selectorMismatch', [...path, 'template', 'metadata', 'labels'], { selector: selector.matchLabels ?? selector.matchExpressions });
  }
}

function deploymentSpec(c: Checker, spec: Obj, path: FieldPath): void {
  c.range(spec.replicas, [...path, 'replicas'], 0);
  c.range(spec.minReadySeconds, [...path, 'minReadySeconds'], 0);
  c.range(spec.revisionHistoryLimit, [...path, 'revisionHistoryLimit'], 0);
  c.range(spec.progressDeadlineSeconds, [...path, 'progressDeadlineSeconds'], 1);
  const deadline = int(spec.progressDeadlineSeconds);
  const ready = int(spec.minReadySeconds) ?? 0;
  if (deadline !== undefined && deadline <= ready) c.add('schema.progressDeadline', [...path, 'progressDeadlineSeconds'], { value: deadline, minReadySeconds: ready });
  selectorSelectsTemplate(c, spec, path);
  const strategy = obj(spec.strategy);
  const rolling = strategy.rollingUpdate;
  if (strategy.type === 'Recreate' && rolling !== undefined && rolling !== null) {
    c.add('schema.forbidden', [...path, 'strategy', 'rollingUpdate'], { field: 'rollingUpdate', when: 'Recreate' });
  }
  if (isObj(rolling)) {
    const surge = rollingValue(c, rolling.maxSurge, [...path, 'strategy', 'rollingUpdate', 'maxSurge'], false);
    const unavailable = rollingValue(c, rolling.maxUnavailable, [...path, 'strategy', 'rollingUpdate', 'maxUnavailable'], true);
    if (surge === 0 && unavailable === 0) c.add('schema.rollingZero', [...path, 'strategy', 'rollingUpdate', 'maxUnavailable'], {});
  }
  template(c, spec.template, [...path, 'template'], ['Always']);
}

/** maxSurge / maxUnavailable: an integer ≥ 0 or a percentage (≤ 100% for maxUnavailable). */
function rollingValue(c: Checker, value: unknown, path: FieldPath, capped: boolean): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = percentOrInt(value);
  if (n === undefined || n < 0 || (capped && typeof value === 'string' && n > 100)) {
    c.add('schema.intOrPercent', path, { value, max: capped ? 100 : undefined });
    return undefined;
  }
  return n;
}

const JOB_RESTART = ['OnFailure', 'Never'];

/** `defaulted`: a Job (not a CronJob's template) gets `completions: 1` when neither it nor `parallelism` is set. */
function jobSpec(c: Checker, spec: Obj, path: FieldPath, defaulted: boolean): void {
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished', 'activeDeadlineSeconds']) c.range(spec[f], [...path, f], 0);
  const tplSpec = obj(obj(spec.template).spec);
  if (isObj(spec.podFailurePolicy) && tplSpec.restartPolicy !== 'Never') {
    c.add('schema.podFailurePolicy', [...path, 'template', 'spec', 'restartPolicy'], { value: tplSpec.restartPolicy });
  }
  const unset = (v: unknown) => v === undefined || v === null;
  if (spec.completionMode === 'Indexed' && unset(spec.completions) && !(defaulted && unset(spec.parallelism))) {
    c.add('schema.required', [...path, 'completions'], { field: 'completions', type: 'JobSpec' });
  }
  const names = ['initContainers', 'containers'].flatMap((f) => list(tplSpec[f]).map((ctr) => obj(ctr).name));
  list(obj(spec.podFailurePolicy).rules).forEach((r, i) => {
    const rule = obj(r);
    const at: FieldPath = [...path, 'podFailurePolicy', 'rules', i];
    if (rule.action === 'FailIndex' && unset(spec.backoffLimitPerIndex)) c.add('schema.failIndex', [...at, 'action'], {});
    const name = obj(rule.onExitCodes).containerName;
    if (typeof name === 'string' && !names.includes(name)) c.add('schema.containerNotFound', [...at, 'onExitCodes', 'containerName'], { name, containers: names });
  });
  if (spec.manualSelector !== true && spec.selector !== undefined && spec.selector !== null) {
    c.add('schema.jobSelector', [...path, 'selector'], {});
  }
  template(c, spec.template, [...path, 'template'], JOB_RESTART);
}

function cronJobSpec(c: Checker, spec: Obj, path: FieldPath): void {
  const schedule = str(spec.schedule);
  if (schedule !== undefined) {
    if (/\b(CRON_)?TZ=/.test(schedule)) c.add('schema.cronTz', [...path, 'schedule'], { value: schedule });
    else if (!schedule.trim().startsWith('@every ')) {
      const parsed = schedule.trim() === '' ? 'está vacío' : parseCron(schedule);
      if (typeof parsed === 'string') c.add('schema.cron', [...path, 'schedule'], { value: schedule, reason: parsed });
    }
  }
  const tz = str(spec.timeZone);
  if (tz !== undefined && !isIanaZone(tz)) c.add('schema.timeZone', [...path, 'timeZone'], { value: tz });
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) c.range(spec[f], [...path, f], 0);
  const job = obj(spec.jobTemplate);
  metadata(c, obj(job.metadata), [...path, 'jobTemplate', 'metadata']);
  jobSpec(c, obj(job.spec), [...path, 'jobTemplate', 'spec'], false);
}

function serviceSpec(c: Checker, spec: Obj, path: FieldPath): void {
  const type = str(spec.type) ?? 'ClusterIP';
  const ports = list(spec.ports).map(obj);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && type !== 'ExternalName' && !headless) c.add('schema.required', [...path, 'ports'], { field: 'ports', type: 'ServiceSpec' });
  const external = type === 'NodePort' || type === 'LoadBalancer';
  if (headless && type !== 'ClusterIP') c.add('schema.headlessType', [...path, 'clusterIP'], { type });
  ports.forEach((p, i) => {
    const at: FieldPath = [...path, 'ports', i];
    if (Number.isInteger(p.port) && !isPortNumber(p.port)) c.add('schema.range', [...at, 'port'], { value: p.port, min: 1, max: 65535 });
    if (p.targetPort !== 0) c.portRef(p.targetPort, [...at, 'targetPort']);
    if (ports.length > 1 && (p.name === undefined || p.name === null || p.name === '')) c.add('schema.portNameRequired', [...at, 'name'], {});
    if (typeof p.name === 'string' && p.name !== '') c.dnsLabel(p.name, [...at, 'name'], 'servicePort');
    if (Number.isInteger(p.nodePort) && p.nodePort !== 0) {
      if (!external) c.add('schema.nodePortType', [...at, 'nodePort'], { type });
      else c.range(p.nodePort, [...at, 'nodePort'], 30000, 32767);
    }
  });
  c.duplicates(ports.map((p, i) => [p.name, [...path, 'ports', i, 'name']]), 'port name');
  c.duplicates(ports.map((p, i) => [[p.port, p.protocol ?? 'TCP'], [...path, 'ports', i, 'port']]), 'port');
  labels(c, spec.selector, [...path, 'selector']);
  if (type === 'ExternalName' && !spec.externalName) c.add('schema.required', [...path, 'externalName'], { field: 'externalName', type: 'ServiceSpec' });
  if (spec.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy !== null && spec.externalTrafficPolicy !== '' && !external) {
    c.add('schema.externalTrafficPolicy', [...path, 'externalTrafficPolicy'], { type });
  }
  if (spec.sessionAffinity === 'None' && isObj(spec.sessionAffinityConfig)) {
    c.add('schema.forbidden', [...path, 'sessionAffinityConfig'], { field: 'sessionAffinityConfig', when: 'None' });
  }
}

function dataKeys(c: Checker, value: Obj, field: string, base64: boolean): void {
  for (const [key, v] of Object.entries(obj(value[field]))) {
    if (!isConfigKey(key)) c.add('schema.configKey', [field, key], { key });
    if (base64 && typeof v === 'string' && !isBase64(v)) c.add('schema.base64', [field, key], { key });
  }
}

function hpaSpec(c: Checker, spec: Obj, path: FieldPath): void {
  c.range(spec.minReplicas, [...path, 'minReplicas'], 1);
  c.range(spec.maxReplicas, [...path, 'maxReplicas'], 1);
  const min = int(spec.minReplicas) ?? 1;
  const max = int(spec.maxReplicas);
  if (max !== undefined && max >= 1 && min >= 1 && max < min) c.add('schema.maxBelowMin', [...path, 'maxReplicas'], { min, max });
  const ref = obj(spec.scaleTargetRef);
  if (typeof ref.apiVersion === 'string' || ref.apiVersion === undefined) {
    if (!String(ref.apiVersion ?? '').includes('/')) c.add('schema.scaleTargetGroup', [...path, 'scaleTargetRef', 'apiVersion'], { value: ref.apiVersion });
  }
  for (const direction of ['scaleUp', 'scaleDown']) {
    const rules = obj(obj(spec.behavior)[direction]);
    const at: FieldPath = [...path, 'behavior', direction];
    c.range(rules.stabilizationWindowSeconds, [...at, 'stabilizationWindowSeconds'], 0, 3600);
    list(rules.policies).forEach((p, i) => {
      c.range(obj(p).periodSeconds, [...at, 'policies', i, 'periodSeconds'], 1, 1800);
      c.range(obj(p).value, [...at, 'policies', i, 'value'], 1);
    });
  }
  list(spec.metrics).forEach((m, i) => {
    const metric = obj(m);
    for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
      const target = obj(obj(metric[source]).target);
      c.range(target.averageUtilization, [...path, 'metrics', i, source, 'target', 'averageUtilization'], 1);
    }
  });
}

function pdbSpec(c: Checker, spec: Obj, path: FieldPath): void {
  const set = (v: unknown) => v !== undefined && v !== null;
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) c.add('schema.oneOf', path, { fields: ['minAvailable', 'maxUnavailable'], set: ['minAvailable', 'maxUnavailable'] });
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!set(spec[f])) continue;
    const n = percentOrInt(spec[f]);
    if (n === undefined || n < 0 || (typeof spec[f] === 'string' && n > 100)) c.add('schema.intOrPercent', [...path, f], { value: spec[f], max: 100 });
  }
  labelSelector(c, spec.selector, [...path, 'selector']);
}

function pvcSpec(c: Checker, spec: Obj, path: FieldPath): void {
  c.required(spec.accessModes, [...path, 'accessModes'], 'accessModes', 'PersistentVolumeClaimSpec');
  const modes = list(spec.accessModes);
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) c.add('schema.readWriteOncePod', [...path, 'accessModes'], {});
  const storage = obj(obj(spec.resources).requests).storage;
  if (c.required(storage, [...path, 'resources', 'requests', 'storage'], 'storage', 'resources.requests')) {
    const n = quantityValue(storage);
    if (n !== undefined && n <= 0) c.add('schema.positive', [...path, 'resources', 'requests', 'storage'], { value: storage });
  }
  labelSelector(c, spec.selector, [...path, 'selector']);
}

function networkPolicySpec(c: Checker, spec: Obj, path: FieldPath): void {
  labelSelector(c, spec.podSelector, [...path, 'podSelector']);
  for (const [dir, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[dir]).forEach((r, i) => {
      const rule = obj(r);
      const at: FieldPath = [...path, dir, i];
      list(rule.ports).forEach((p, j) => {
        const port = obj(p);
        c.portRef(port.port, [...at, 'ports', j, 'port']);
        if (port.endPort !== undefined && port.endPort !== null) {
          if (!Number.isInteger(port.port)) c.add('schema.endPort', [...at, 'ports', j, 'endPort'], {});
          else if (Number.isInteger(port.endPort) && (port.endPort as number) < (port.port as number)) c.add('schema.range', [...at, 'ports', j, 'endPort'], { value: port.endPort, min: port.port, max: 65535 });
        }
      });
      list(rule[peersField]).forEach((peer, j) => {
        const p = obj(peer);
        labelSelector(c, p.podSelector, [...at, peersField, j, 'podSelector']);
        labelSelector(c, p.namespaceSelector, [...at, peersField, j, 'namespaceSelector']);
        const ip = obj(p.ipBlock);
        if (typeof ip.cidr === 'string' && !isCidr(ip.cidr)) c.add('schema.cidr', [...at, peersField, j, 'ipBlock', 'cidr'], { value: ip.cidr });
        if (isObj(p.ipBlock) && (isObj(p.podSelector) || isObj(p.namespaceSelector))) c.add('schema.ipBlockAlone', [...at, peersField, j], {});
      });
    });
  }
}

/** `address/prefix` (host bits may be set, and IPv4 octets may have leading zeros, as Kubernetes' sloppy parser allows). */
function isCidr(v: string): boolean {
  const [address = '', prefix = '', ...rest] = v.split('/');
  const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && address.split('.').every((o) => Number(o) <= 255);
  const family = v4 ? 4 : isIP(address) === 6 ? 6 : 0;
  return rest.length === 0 && family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function roleRules(c: Checker, value: Obj, namespaced: boolean): void {
  list(value.rules).forEach((r, i) => {
    const rule = obj(r);
    const at: FieldPath = ['rules', i];
    c.required(rule.verbs, [...at, 'verbs'], 'verbs', 'PolicyRule');
    const urls = list(rule.nonResourceURLs);
    if (urls.length > 0 && namespaced) c.add('schema.forbidden', [...at, 'nonResourceURLs'], { field: 'nonResourceURLs', when: 'Role' });
    if (urls.length === 0) {
      c.required(rule.apiGroups, [...at, 'apiGroups'], 'apiGroups', 'PolicyRule');
      c.required(rule.resources, [...at, 'resources'], 'resources', 'PolicyRule');
    }
  });
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function roleBinding(c: Checker, value: Obj, namespaced: boolean): void {
  const ref = obj(value.roleRef);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (typeof ref.kind === 'string' && !kinds.includes(ref.kind)) c.add('schema.enum', ['roleRef', 'kind'], { value: ref.kind, allowed: kinds });
  if (typeof ref.apiGroup === 'string' && ref.apiGroup !== RBAC_GROUP) c.add('schema.enum', ['roleRef', 'apiGroup'], { value: ref.apiGroup, allowed: [RBAC_GROUP] });
  if (typeof ref.name === 'string' && !isPathSegment(ref.name)) c.add('schema.name', ['roleRef', 'name'], { value: ref.name, kind: ref.kind, rule: 'pathSegment' });
  list(value.subjects).forEach((s, i) => {
    const subject = obj(s);
    const at: FieldPath = ['subjects', i];
    const kinds = ['ServiceAccount', 'User', 'Group'];
    if (typeof subject.kind === 'string' && !kinds.includes(subject.kind)) {
      c.add('schema.enum', [...at, 'kind'], { value: subject.kind, allowed: kinds });
      return;
    }
    const group = subject.apiGroup ?? '';
    if (subject.kind === 'ServiceAccount') {
      if (group !== '') c.add('schema.enum', [...at, 'apiGroup'], { value: group, allowed: [''] });
      if (typeof subject.name === 'string' && !isDnsSubdomain(subject.name)) c.add('schema.name', [...at, 'name'], { value: subject.name, kind: 'ServiceAccount', rule: 'subdomain' });
      if (!namespaced) c.required(subject.namespace, [...at, 'namespace'], 'namespace', 'Subject');
    } else if (typeof subject.kind === 'string' && group !== RBAC_GROUP) {
      c.add('schema.enum', [...at, 'apiGroup'], { value: group, allowed: [RBAC_GROUP] });
    }
  });
}

/** Problems the API server's validation finds in one object that already matches the schema's types. */
export function apiRuleProblems(value: Obj): ProblemAt[] {
  const c = new Checker();
  const kind = str(value.kind) ?? '';
  metadata(c, obj(value.metadata), ['metadata'], kind);
  const spec = obj(value.spec);
  switch (kind) {
    case 'Pod':
      podSpec(c, spec, ['spec']);
      break;
    case 'Deployment':
      deploymentSpec(c, spec, ['spec']);
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      selectorSelectsTemplate(c, spec, ['spec']);
      template(c, spec.template, ['spec', 'template'], ['Always']);
      break;
    case 'Job':
      jobSpec(c, spec, ['spec'], true);
      break;
    case 'CronJob':
      cronJobSpec(c, spec, ['spec']);
      break;
    case 'Service':
      serviceSpec(c, spec, ['spec']);
      break;
    case 'ConfigMap':
      dataKeys(c, value, 'data', false);
      dataKeys(c, value, 'binaryData', true);
      for (const key of Object.keys(obj(value.data))) if (key in obj(value.binaryData)) c.add('schema.duplicate', ['binaryData', key], { value: key, what: 'key' });
      break;
    case 'Secret':
      dataKeys(c, value, 'data', true);
      dataKeys(c, value, 'stringData', false);
      break;
    case 'HorizontalPodAutoscaler':
      hpaSpec(c, spec, ['spec']);
      break;
    case 'PodDisruptionBudget':
      pdbSpec(c, spec, ['spec']);
      break;
    case 'PersistentVolumeClaim':
      pvcSpec(c, spec, ['spec']);
      break;
    case 'NetworkPolicy':
      networkPolicySpec(c, spec, ['spec']);
      break;
    case 'Role':
    case 'ClusterRole':
      roleRules(c, value, kind === 'Role');
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      roleBinding(c, value, kind === 'RoleBinding');
      break;
    default:
      break;
  }
  return c.out;
}
