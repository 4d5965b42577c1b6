// The objects the differential test sends to both the static tier and a real kube-apiserver:
// every solution's objects, every mutant's objects, and variants generated from them field
// class by field class — from the schema (enums, integers, types, unknown and required fields)
// and from the validation and Pod Security rules (names, labels, ports, ranges, cross-field).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ExerciseConfig } from '../src/catalog/exercise.ts';
import { loadManifests } from '../src/parse/manifests.ts';
import { parseYaml } from '../src/parse/yaml.ts';
import { exercisesUnderProof, materialize } from '../src/prove/variants.ts';
import type { PodSecurityLevel } from '../src/schema/pod-security.ts';
import { schemaFile, type Schema } from '../src/schema/validate.ts';

type Obj = Record<string, unknown>;
type Path = (string | number)[];

export interface Case {
  exercise: string;
  level?: PodSecurityLevel;
  clusterScoped?: readonly string[];
  /** `solution`, `mutant:<name>`, or the generated field class (`enum:Container.imagePullPolicy`). */
  source: string;
  description: string;
  value: Obj;
}

const pinned = schemaFile();
const short = (typeName: string) => typeName.slice(typeName.lastIndexOf('.') + 1);

interface Exercise {
  slug: string;
  config: ExerciseConfig;
  solutionDir: string;
  mutants: ReturnType<typeof exercisesUnderProof>[number]['prove']['mutants'];
}

function kubernetesExercises(): Exercise[] {
  return exercisesUnderProof()
    .map((e) => ({
      slug: e.slug,
      config: (JSON.parse(readFileSync(path.join(e.exerciseDir, 'package.json'), 'utf8')) as { taller: ExerciseConfig }).taller,
      solutionDir: e.solutionDir,
      mutants: e.prove.mutants,
    }))
    .filter((e) => e.config.manifests && !e.config.kustomize);
}

/** Every YAML document under the manifests folder, as plain data (what `kubectl` would send). */
function documents(dir: string, folder: string): Obj[] {
  const m = loadManifests(dir, { folder });
  const out: Obj[] = [];
  for (const file of m.files) {
    const parsed = parseYaml(readFileSync(path.join(dir, file), 'utf8'), file);
    if (parsed.problems.length) continue; // unreadable YAML: neither side has an object to judge
    for (const doc of parsed.documents) {
      const v = doc.value as Obj | null;
      if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
      if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) out.push(...(v.items as Obj[]));
      else out.push(v);
    }
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
function get(value: unknown, p: Path): unknown {
  return p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);
}
/** A copy of `seed` with `edit` applied to the node at `p`. */
function edited(seed: Obj, p: Path, edit: (node: Obj) => void): Obj {
  const copy = clone(seed);
  const node = get(copy, p);
  if (node && typeof node === 'object') edit(node as Obj);
  return copy;
}

interface Located {
  path: Path;
  typeName: string;
  schema: Schema;
}

/** Every object node of `value` with its schema type, found by walking the schema. */
function locate(value: Obj): Located[] {
  const def = pinned.kinds[`${String(value.apiVersion)}/${String(value.kind)}`]?.definition;
  const out: Located[] = [];
  const walk = (v: unknown, s: Schema, p: Path) => {
    if (v === null || v === undefined) return;
    let typeName: string | undefined;
    if (s.$ref) {
      typeName = s.$ref;
      s = pinned.definitions[s.$ref] ?? {};
    }
    if (Array.isArray(v) && s.items) return v.forEach((item, i) => walk(item, s.items!, [...p, i]));
    if (typeof v !== 'object' || Array.isArray(v) || !s.properties) return;
    if (typeName) out.push({ path: p, typeName: short(typeName), schema: s });
    for (const [k, child] of Object.entries(v as Obj)) if (s.properties[k]) walk(child, s.properties[k]!, [...p, k]);
  };
  if (def) walk(value, { $ref: def }, []);
  return out;
}

/** Where in the seed, what changed there, and the changed object. */
type Variant = [where: string, what: string, value: Obj];

/** Variants from the schema alone: each enum, integer, typed, required and unknown field present. */
function schemaVariants(seed: Obj): [string, Variant][] {
  const out: [string, Variant][] = [];
  for (const { path: p, typeName, schema } of locate(seed)) {
    const node = get(seed, p) as Obj;
    const where = p.join('.') || '(raíz)';
    for (const [field, value] of Object.entries(node)) {
      let prop = schema.properties![field]!;
      if (prop.$ref) prop = pinned.definitions[prop.$ref] ?? {};
      const cls = `${typeName}.${field}`;
      if (prop.enum && typeof value === 'string') {
        const alts = new Set([value.toLowerCase(), value.toUpperCase(), `${value}s`, ...prop.enum.map(String)]);
        alts.delete(value);
        alts.delete('');
        for (const alt of alts) out.push([`enum:${cls}`, [where, `.${field}: ${alt}`, edited(seed, p, (n) => (n[field] = alt))]]);
      } else if (prop.type === 'integer' && Number.isInteger(value)) {
        for (const alt of [-1, 0, 1]) if (alt !== value) out.push([`integer:${cls}`, [where, `.${field}: ${alt}`, edited(seed, p, (n) => (n[field] = alt))]]);
        out.push([`type:${cls}`, [where, `.${field}: "${String(value)}"`, edited(seed, p, (n) => (n[field] = String(value)))]]);
      } else if (prop.type === 'string' && typeof value === 'string') {
        out.push([`type:${cls}`, [where, `.${field}: [texto]`, edited(seed, p, (n) => (n[field] = [value]))]]);
      } else if (prop.type === 'boolean' && typeof value === 'boolean') {
        out.push([`boolean:${cls}`, [where, `.${field}: ${!value}`, edited(seed, p, (n) => (n[field] = !value))]]);
        out.push([`type:${cls}`, [where, `.${field}: "${String(value)}"`, edited(seed, p, (n) => (n[field] = String(value)))]]);
      }
    }
    for (const req of schema.required ?? []) {
      if (req in node) out.push([`required:${typeName}.${req}`, [where, ` sin ${req}`, edited(seed, p, (n) => delete n[req])]]);
    }
    const first = Object.keys(node).find((k) => k !== 'apiVersion' && k !== 'kind');
    if (first) {
      const typo = first === first.toLowerCase() ? `${first}s` : first.toLowerCase();
      out.push([`unknown:${typeName}`, [where, `.${typo}`, edited(seed, p, (n) => (n[typo] = n[first]))]]);
    }
  }
  return out;
}

const LONG = (n: number) => 'a'.repeat(n);
type Edit = (node: Obj) => void;
/** Values each field class takes in the rule variants: valid ones too, so the static tier must not reject what the server accepts. */
const RULES: Record<string, [string, Edit][]> = {
  ObjectMeta: [
    ...['Mi_Config', 'api.datos', 'API', '-api', 'api-', LONG(52), LONG(53), LONG(63), LONG(64), LONG(254), 'a:b'].map(
      (v): [string, Edit] => [`name: ${v}`, (n) => n.name !== undefined && (n.name = v)],
    ),
    ...['Mi_Config', 'mi config', 'app.kubernetes.io/name', 'a/b/c', '-x', 'ejemplo.com/', LONG(64), 'Ejemplo.COM/x'].map(
      (k): [string, Edit] => [`labels[${k}]`, (n) => (n.labels = { ...(n.labels as Obj), [k]: 'x' })],
    ),
    ...['Mi_Config', 'mi config', LONG(63), LONG(64), '', 'a/b', '-x', '1.0'].map(
      (v): [string, Edit] => [`labels.extra: ${v}`, (n) => (n.labels = { ...(n.labels as Obj), extra: v })],
    ),
    ...['Mi Anotacion', 'ejemplo.com/nota', 'A.B/Nota', 'a/b/c'].map((k): [string, Edit] => [`annotations[${k}]`, (n) => (n.annotations = { ...(n.annotations as Obj), [k]: 'x' })]),
  ],
  Container: [
    ...['API', 'api_1', LONG(63), LONG(64), 'a.b'].map((v): [string, Edit] => [`name: ${v}`, (n) => (n.name = v)]),
    ['env[MI VAR]', (n) => (n.env = [...((n.env as Obj[]) ?? []), { name: 'MI VAR', value: 'x' }])],
    ['env[A=B]', (n) => (n.env = [...((n.env as Obj[]) ?? []), { name: 'A=B', value: 'x' }])],
    ['env[1VAR]', (n) => (n.env = [...((n.env as Obj[]) ?? []), { name: '1VAR', value: 'x' }])],
    ['env[AÑO]', (n) => (n.env = [...((n.env as Obj[]) ?? []), { name: 'AÑO', value: 'x' }])],
    ['env value y valueFrom', (n) => (n.env = [...((n.env as Obj[]) ?? []), { name: 'X', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }])],
    ['volumeMounts a un volumen inexistente', (n) => (n.volumeMounts = [...((n.volumeMounts as Obj[]) ?? []), { name: 'no-existe', mountPath: '/no-existe' }])],
    ['resources.requests.memoria', (n) => (n.resources = { ...(n.resources as Obj), requests: { ...(obj(n.resources).requests as Obj), memoria: '1Gi' } })],
    ['resources.requests.cpu: -1', (n) => (n.resources = { ...(n.resources as Obj), requests: { ...(obj(n.resources).requests as Obj), cpu: '-1' } })],
    ...['128MB', '1e9', '0.5Gi', '500 m', '1.5', '-0', '1Ki', '1k', '1K'].map((q): [string, Edit] => [`requests.memory: ${q}`, (n) => (n.resources = { requests: { memory: q } })]),
    ...['0.0001', '100m', '1m', '0.5'].map((q): [string, Edit] => [`requests.cpu: ${q}`, (n) => (n.resources = { requests: { cpu: q } })]),
    ['limits.cpu < requests.cpu', (n) => (n.resources = { requests: { cpu: '500m' }, limits: { cpu: '250m' } })],
    ['limits.memory < requests.memory', (n) => (n.resources = { requests: { memory: '256Mi' }, limits: { memory: '128Mi' } })],
    ['limits.memory = requests.memory', (n) => (n.resources = { requests: { memory: '128Mi' }, limits: { memory: '128Mi' } })],
    ['limits.cpu 1 > requests 999m', (n) => (n.resources = { requests: { cpu: '999m' }, limits: { cpu: '1' } })],
    ['puerto repetido', (n) => Array.isArray(n.ports) && n.ports.length && (n.ports = [...(n.ports as Obj[]), clone(n.ports[0] as Obj)])],
    ['sonda con dos acciones', (n) => (n.livenessProbe = { httpGet: { path: '/', port: 8080 }, tcpSocket: { port: 8080 } })],
    ['sonda sin acción', (n) => (n.readinessProbe = { periodSeconds: 5 })],
    ['liveness successThreshold 2', (n) => (n.livenessProbe = { tcpSocket: { port: 8080 }, successThreshold: 2 })],
    ['readiness successThreshold 2', (n) => (n.readinessProbe = { tcpSocket: { port: 8080 }, successThreshold: 2 })],
    ['sonda periodSeconds -1', (n) => (n.readinessProbe = { tcpSocket: { port: 8080 }, periodSeconds: -1 })],
    ['sonda al puerto HTTP', (n) => (n.readinessProbe = { httpGet: { path: '/', port: 'HTTP' } })],
    ['sonda al puerto 70000', (n) => (n.readinessProbe = { httpGet: { path: '/', port: 70000 } })],
    // Pod Security
    ['privileged', (n) => (n.securityContext = { ...(n.securityContext as Obj), privileged: true })],
    ['capabilities.add SYS_ADMIN', (n) => (n.securityContext = { ...(n.securityContext as Obj), capabilities: { ...obj(obj(n.securityContext).capabilities), add: ['SYS_ADMIN'] } })],
    ['capabilities.add NET_BIND_SERVICE', (n) => (n.securityContext = { ...(n.securityContext as Obj), capabilities: { ...obj(obj(n.securityContext).capabilities), add: ['NET_BIND_SERVICE'] } })],
    ['capabilities.add CHOWN', (n) => (n.securityContext = { ...(n.securityContext as Obj), capabilities: { ...obj(obj(n.securityContext).capabilities), add: ['CHOWN'] } })],
    ['capabilities.drop all', (n) => (n.securityContext = { ...(n.securityContext as Obj), capabilities: { drop: ['all'] } })],
    ['capabilities.add CAP_SYS_ADMIN sin escalada', (n) => (n.securityContext = { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } })],
    ['subPath absoluto', (n) => Array.isArray(n.volumeMounts) && n.volumeMounts.length && Object.assign(n.volumeMounts[0] as Obj, { subPath: '/datos' })],
    ['subPath con ..', (n) => Array.isArray(n.volumeMounts) && n.volumeMounts.length && Object.assign(n.volumeMounts[0] as Obj, { subPath: '../datos' })],
    ['appArmorProfile Unconfined', (n) => (n.securityContext = { ...(n.securityContext as Obj), appArmorProfile: { type: 'Unconfined' } })],
    ['procMount Unmasked', (n) => (n.securityContext = { ...(n.securityContext as Obj), procMount: 'Unmasked' })],
    ['seccomp Unconfined', (n) => (n.securityContext = { ...(n.securityContext as Obj), seccompProfile: { type: 'Unconfined' } })],
    ['runAsUser 0', (n) => (n.securityContext = { ...(n.securityContext as Obj), runAsUser: 0 })],
    ['runAsNonRoot false', (n) => (n.securityContext = { ...(n.securityContext as Obj), runAsNonRoot: false })],
    ['allowPrivilegeEscalation true', (n) => (n.securityContext = { ...(n.securityContext as Obj), allowPrivilegeEscalation: true })],
    ['seLinuxOptions.user', (n) => (n.securityContext = { ...(n.securityContext as Obj), seLinuxOptions: { user: 'system_u' } })],
  ],
  ContainerPort: [
    ...[0, -1, 65535, 65536].map((v): [string, Edit] => [`containerPort: ${v}`, (n) => (n.containerPort = v)]),
    ...['http-metrics-long', 'metricas-largas', 'HTTP', '8080', 'a--b', '-web', 'web'].map((v): [string, Edit] => [`name: ${v}`, (n) => (n.name = v)]),
    ...[8080, 70000].map((v): [string, Edit] => [`hostPort: ${v}`, (n) => (n.hostPort = v)]),
  ],
  PodSpec: [
    ['restartPolicy ausente', (n) => delete n.restartPolicy],
    ['dos contenedores con el mismo nombre', (n) => Array.isArray(n.containers) && n.containers.length && (n.containers = [...(n.containers as Obj[]), clone(n.containers[0] as Obj)])],
    ['volumen Datos', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'Datos', emptyDir: {} }])],
    ['volumen repetido', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'rep', emptyDir: {} }, { name: 'rep', emptyDir: {} }])],
    ['volumen sin origen', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'vacio' }])],
    ['volumen con dos orígenes', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'doble', emptyDir: {}, configMap: { name: 'x' } }])],
    ['nodeSelector[Mi Nodo]', (n) => (n.nodeSelector = { 'Mi Nodo': 'x' })],
    ['activeDeadlineSeconds 0', (n) => (n.activeDeadlineSeconds = 0)],
    ...[0, 1, 2].map((v): [string, Edit] => [`maxSkew ${v}`, (n) => (n.topologySpreadConstraints = [{ maxSkew: v, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } }])]),
    ['topologyKey vacío', (n) => (n.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }])],
    ['minDomains con ScheduleAnyway', (n) => (n.topologySpreadConstraints = [{ maxSkew: 1, minDomains: 2, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }])],
    ['topología repetida', (n) => (n.topologySpreadConstraints = [1, 2].map((s) => ({ maxSkew: s, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' })))],
    ...[0, 1, 100, 101].map((w): [string, Edit] => [`nodeAffinity weight ${w}`, (n) => (n.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: w, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }] } })]),
    ...[0, 101].map((w): [string, Edit] => [`podAntiAffinity weight ${w}`, (n) => (n.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: w, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } } }] } })]),
    ['podAffinity sin topologyKey', (n) => (n.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', labelSelector: { matchLabels: { app: 'x' } } }] } })],
    ['matchExpressions In sin values', (n) => (n.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] } })],
    ['matchExpressions operador in', (n) => (n.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'in', values: ['x'] }] } }] } })],
    // Pod Security
    ...['hostNetwork', 'hostPID', 'hostIPC'].map((f): [string, Edit] => [`${f}: true`, (n) => (n[f] = true)]),
    ['volumen hostPath', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'nodo', hostPath: { path: '/tmp' } }])],
    ['volumen gitRepo', (n) => (n.volumes = [...((n.volumes as Obj[]) ?? []), { name: 'nfs', nfs: { server: 'x', path: '/' } }])],
    ['sysctl inseguro', (n) => (n.securityContext = { ...(n.securityContext as Obj), sysctls: [{ name: 'kernel.msgmax', value: '65536' }] })],
    ['sysctl seguro', (n) => (n.securityContext = { ...(n.securityContext as Obj), sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] })],
    ['pod runAsUser 0', (n) => (n.securityContext = { ...(n.securityContext as Obj), runAsUser: 0 })],
    ['pod sin securityContext', (n) => delete n.securityContext],
  ],
  DeploymentSpec: [
    ['selector que no coincide', (n) => (n.selector = { matchLabels: { app: 'otra' } })],
    ['selector vacío', (n) => (n.selector = {})],
    ['maxSurge 0 y maxUnavailable 0', (n) => (n.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })],
    ['maxUnavailable 150%', (n) => (n.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } })],
    ['maxSurge 150%', (n) => (n.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '150%' } })],
    ['maxSurge 25 %', (n) => (n.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25 %' } })],
    ['Recreate con rollingUpdate', (n) => (n.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } })],
    ['progressDeadlineSeconds ≤ minReadySeconds', (n) => Object.assign(n, { minReadySeconds: 30, progressDeadlineSeconds: 30 })],
  ],
  JobSpec: [
    ['podFailurePolicy con OnFailure', (n) => {
      n.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
      (obj(obj(n.template).spec)).restartPolicy = 'OnFailure';
    }],
    ['podFailurePolicy con Never', (n) => {
      n.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] };
      (obj(obj(n.template).spec)).restartPolicy = 'Never';
    }],
    ['selector sin manualSelector', (n) => (n.selector = { matchLabels: { app: 'x' } })],
    ['Indexed sin completions', (n) => Object.assign(n, { completionMode: 'Indexed', completions: undefined })],
  ],
  CronJobSpec: [
    ...['europe/madrid', 'Europe/Madrid', 'Marte/Base', 'UTC', 'Local', 'Etc/GMT+2', 'America/Argentina/Buenos_Aires'].map((tz): [string, Edit] => [`timeZone: ${tz}`, (n) => (n.timeZone = tz)]),
    ...['0 25 * * *', '*/5 * * * *', 'TZ=UTC 0 6 * * *', '@daily', '0 6 * *', '0 6 * * 1-5', '0 6 * * MON', '0 6 * * 7', '0 6 * * 1-7', '0 6 1-31 * 1', '@every 1h', ''].map((s): [string, Edit] => [`schedule: ${s}`, (n) => (n.schedule = s)]),
  ],
  ServiceSpec: [
    ['dos puertos sin nombre', (n) => (n.ports = [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8081 }])],
    ['puerto repetido', (n) => (n.ports = [{ name: 'a', port: 80 }, { name: 'b', port: 80 }])],
    ['nombre de puerto repetido', (n) => (n.ports = [{ name: 'a', port: 80 }, { name: 'a', port: 81 }])],
    ['nombre de puerto HTTP', (n) => (n.ports = [{ name: 'HTTP', port: 80 }])],
    ['nombre de puerto 8080', (n) => (n.ports = [{ name: '8080', port: 80 }])],
    ...[0, 65536, 443].map((p): [string, Edit] => [`port: ${p}`, (n) => (n.ports = [{ port: p, targetPort: 8080 }])]),
    ...['HTTP', 'http', '8080', 70000, 0].map((t): [string, Edit] => [`targetPort: ${String(t)}`, (n) => (n.ports = [{ port: 80, targetPort: t }])]),
    ['nodePort en ClusterIP', (n) => Object.assign(n, { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }] })],
    ['NodePort 80', (n) => Object.assign(n, { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })],
    ['NodePort 30999', (n) => Object.assign(n, { type: 'NodePort', ports: [{ port: 80, nodePort: 30999 }] })],
    ['externalTrafficPolicy en ClusterIP', (n) => Object.assign(n, { type: 'ClusterIP', externalTrafficPolicy: 'Local' })],
    ['selector[Mi App]', (n) => (n.selector = { 'Mi App': 'x' })],
    ['ExternalName sin externalName', (n) => Object.assign(n, { type: 'ExternalName', selector: undefined, ports: undefined })],
    ['sin puertos', (n) => delete n.ports],
  ],
  HorizontalPodAutoscalerSpec: [
    ['minReplicas 0', (n) => (n.minReplicas = 0)],
    ['maxReplicas < minReplicas', (n) => Object.assign(n, { minReplicas: 3, maxReplicas: 2 })],
    ['averageUtilization 0', (n) => (n.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }])],
  ],
  PodDisruptionBudgetSpec: [
    ['minAvailable y maxUnavailable', (n) => Object.assign(n, { minAvailable: 1, maxUnavailable: 1 })],
    ['minAvailable 150%', (n) => Object.assign(n, { minAvailable: '150%', maxUnavailable: undefined })],
    ['minAvailable 50%', (n) => Object.assign(n, { minAvailable: '50%', maxUnavailable: undefined })],
    ['minAvailable -1', (n) => Object.assign(n, { minAvailable: -1, maxUnavailable: undefined })],
  ],
  PersistentVolumeClaimSpec: [
    ['accessModes vacío', (n) => (n.accessModes = [])],
    ['ReadWriteOncePod con ReadWriteOnce', (n) => (n.accessModes = ['ReadWriteOncePod', 'ReadWriteOnce'])],
    ...['0', '-1Gi', '1Gi', '1GB'].map((q): [string, Edit] => [`storage: ${q}`, (n) => (n.resources = { requests: { storage: q } })]),
    ['sin storage', (n) => (n.resources = {})],
  ],
  NetworkPolicySpec: [
    ['puerto HTTP', (n) => (n.ingress = [{ ports: [{ port: 'HTTP' }] }])],
    ['endPort < port', (n) => (n.ingress = [{ ports: [{ port: 8080, endPort: 8000 }] }])],
    ['endPort con puerto con nombre', (n) => (n.ingress = [{ ports: [{ port: 'http', endPort: 8000 }] }])],
    ...['10.0.0.0/33', '10.0.0.1/8', '010.0.0.0/8', 'fe80::/64', 'fe80::/129', '10.0.0.0/8/8'].map((cidr): [string, Edit] => [`cidr ${cidr}`, (n) => (n.ingress = [{ from: [{ ipBlock: { cidr } }] }])]),
    ['cidr sin máscara', (n) => (n.ingress = [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }])],
    ['ipBlock con podSelector', (n) => (n.ingress = [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }])],
    ['podSelector[Mi App]', (n) => (n.podSelector = { matchLabels: { 'Mi App': 'x' } })],
  ],
  ConfigMap: [
    ...['mi clave', 'config/app', '.env', '..x', 'a_b-c.d'].map((k): [string, Edit] => [`data[${k}]`, (n) => (n.data = { ...(n.data as Obj), [k]: 'x' })]),
  ],
  Secret: [
    ['data no base64', (n) => (n.data = { ...(n.data as Obj), clave: 'no es base64' })],
    ['data base64', (n) => (n.data = { ...(n.data as Obj), clave: 'aG9sYQ==' })],
    ['data base64 sin relleno', (n) => (n.data = { ...(n.data as Obj), clave: 'aG9sYQ' })],
    ['stringData[mi clave]', (n) => (n.stringData = { ...(n.stringData as Obj), 'mi clave': 'x' })],
  ],
  PolicyRule: [
    ['verbs vacío', (n) => (n.verbs = [])],
    ['nonResourceURLs en un Role', (n) => (n.nonResourceURLs = ['/healthz'])],
    ['sin apiGroups', (n) => delete n.apiGroups],
  ],
  RoleRef: [
    ['kind role', (n) => (n.kind = 'role')],
    ['apiGroup rbac', (n) => (n.apiGroup = 'rbac')],
  ],
  Subject: [
    ['kind serviceaccount', (n) => (n.kind = 'serviceaccount')],
    ['ServiceAccount con apiGroup rbac', (n) => (n.apiGroup = 'rbac.authorization.k8s.io')],
    ['nombre Lector_Config', (n) => (n.name = 'Lector_Config')],
  ],
};

function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

/** Variants from the validation and Pod Security rules, wherever their field class appears. */
function ruleVariants(seed: Obj): [string, Variant][] {
  const out: [string, Variant][] = [];
  for (const { path: p, typeName } of locate(seed)) {
    const rules = RULES[typeName];
    if (!rules) continue;
    if (typeName === 'ObjectMeta' && p.length !== 1) continue; // the object's own metadata; templates share the labels rules
    for (const [label, edit] of rules) out.push([`rule:${typeName}`, [p.join('.') || '(raíz)', `: ${label}`, edited(seed, p, edit)]]);
  }
  return out;
}

const MAX_REPEATS = 2;

/** Every case: solutions, mutants, generated variants; one per distinct object and namespace level. */
export function differentialCases(): Case[] {
  const cases: Case[] = [];
  const seen = new Set<string>();
  const repeats = new Map<string, number>();
  const add = (c: Case) => {
    const key = `${c.level ?? ''}\n${JSON.stringify(c.value)}`;
    if (seen.has(key)) return;
    seen.add(key);
    cases.push(c);
  };
  for (const ex of kubernetesExercises()) {
    const folder = ex.config.manifests!;
    const base = { exercise: ex.slug, level: ex.config.podSecurity, clusterScoped: ex.config.clusterScoped };
    const seeds = documents(ex.solutionDir, folder);
    for (const value of seeds) add({ ...base, source: 'solution', description: `${String(value.kind)} de la solución`, value });
    for (const mutant of ex.mutants) {
      let dir: string;
      try {
        dir = materialize(ex.solutionDir, mutant);
      } catch {
        continue; // a stale edit is the proof's failure to report, not this test's
      }
      for (const value of documents(dir, folder)) add({ ...base, source: `mutant:${mutant.name}`, description: `${String(value.kind)} del mutante ${mutant.name}`, value });
      rmSync(dir, { recursive: true, force: true });
    }
    for (const seed of seeds) {
      for (const [source, [where, what, value]] of [...schemaVariants(seed), ...ruleVariants(seed)]) {
        // The same change to the same field class of the same kind says little more a third time.
        const key = `${base.level ?? ''}|${String(seed.kind)}|${source}|${what}`;
        const seenTimes = repeats.get(key) ?? 0;
        if (seenTimes >= MAX_REPEATS) continue;
        repeats.set(key, seenTimes + 1);
        add({ ...base, source, description: `${String(seed.kind)}/${String(obj(seed.metadata).name)} ${where}${what}`, value });
      }
    }
  }
  return cases;
}
