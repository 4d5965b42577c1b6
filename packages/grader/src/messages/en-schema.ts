// English twin of es-schema.ts: API server validation and Pod Security messages.
import type { Catalogue } from './types.ts';
import { code, maybe } from './format.ts';

const list = (v: unknown) => (Array.isArray(v) ? v.map(code).join(', ') : '');
const NAME_RULES: Record<string, string> = {
  label: 'lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters (a DNS-1123 label)',
  subdomain: 'lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit (a DNS-1123 subdomain)',
  pathSegment: 'any text without `/` or `%` other than `.` and `..`',
};
const WHAT: Record<string, string> = {
  container: 'The container name',
  volume: 'The volume name',
  servicePort: 'The Service port name',
  'port name': 'the port name',
  mountPath: 'the mount path',
  port: 'the port (with its protocol)',
  topologySpreadConstraint: 'the `topologyKey` + `whenUnsatisfiable` pair',
  key: 'the key',
};
const CONTROLS: Record<string, string> = {
  hostNamespaces: "sharing the node's network, processes or IPC",
  hostPath: 'a `hostPath` volume (a folder of the node)',
  volumeTypes: 'a volume type `restricted` does not allow',
  privileged: 'a privileged container',
  capabilities: 'Linux capabilities the level does not allow',
  hostPorts: 'a `hostPort` (a port of the node)',
  seccompProfile: 'a seccomp profile the level does not allow',
  appArmorProfile: 'the AppArmor profile `Unconfined`',
  seLinuxOptions: 'SELinux options the level does not allow',
  procMount: 'a `procMount` other than `Default`',
  sysctls: 'an unsafe sysctl',
  hostProcess: 'a Windows `hostProcess` container',
  allowPrivilegeEscalation: 'allowing privilege escalation',
  runAsNonRoot: 'running as root (`runAsNonRoot: true` is missing)',
  runAsUser: '`runAsUser: 0` (root)',
};

export const enSchema: Catalogue = {
  'schema.name': {
    what: (p) =>
      `${code(p.value)} is not a valid ${p.kind ?? 'object'} name: ${NAME_RULES[String(p.rule)] ?? ''}${maybe(p.max === undefined ? undefined : String(p.max), (m) => `, and at most ${m} characters`)}.`,
    fix: () => 'Use a name such as `api-datos`: no capitals, spaces or `_`.',
  },
  'schema.labelKey': {
    what: (p) => `${code(p.key)} is not a valid label key: letters, digits, \`-\`, \`_\` and \`.\` (up to 63), starting and ending with a letter or digit, with an optional DNS prefix and \`/\`.`,
    fix: () => 'For example `app` or `app.kubernetes.io/name`.',
  },
  'schema.labelValue': {
    what: (p) => `${code(p.value)} is not a valid label value: up to 63 letters, digits, \`-\`, \`_\` and \`.\`, starting and ending with a letter or digit.`,
    fix: () => 'Remove spaces, `/` and `:` from the value (for example `mi-config` instead of `Mi Config`).',
  },
  'schema.annotationKey': {
    what: (p) => `${code(p.key)} is not a valid annotation key (an optional DNS prefix, \`/\` and a name of up to 63 characters).`,
  },
  'schema.dnsLabel': {
    what: (p) => `${WHAT[String(p.what)] ?? 'The name'} ${code(p.value)} is not valid: lowercase letters, digits and \`-\`, starting and ending with a letter or digit, at most 63 characters.`,
  },
  'schema.portName': {
    what: (p) => `${code(p.value)} is not a valid port name: at most 15 lowercase letters, digits and \`-\`, with at least one letter and no \`-\` at either end or twice in a row.`,
    fix: () => 'For example `http` or `metricas`; or give the port number.',
  },
  'schema.range': {
    what: (p) =>
      p.max === undefined || p.max === null
        ? `${code(p.value)} is too small: the minimum is ${String(p.min)}.`
        : `${code(p.value)} is out of range: it must be between ${String(p.min)} and ${String(p.max)}.`,
  },
  'schema.duplicate': {
    what: (p) => `${WHAT[String(p.what)] ?? String(p.what)} ${code(p.value)} is repeated in the same list.`,
    fix: () => 'Each element needs its own: change or remove the repeated one.',
  },
  'schema.selectorValues': {
    what: (p) => (p.needs ? `The ${code(p.operator)} operator needs a \`values\` list with some value.` : `The ${code(p.operator)} operator takes no \`values\`.`),
  },
  'schema.resourceName': {
    what: (p) => `${code(p.name)} is not a resource Kubernetes knows.`,
    fix: () => "A container's resources are `cpu`, `memory` and `ephemeral-storage` (in English, lowercase).",
  },
  'schema.negative': {
    what: (p) => `${code(p.value)} is negative; a resource quantity cannot be.`,
  },
  'schema.positive': {
    what: (p) => `${code(p.value)} must be greater than zero.`,
  },
  'schema.limitBelowRequest': {
    what: (p) => `The ${code(p.resource)} request (${code(p.request)}) is greater than its limit (${code(p.limit)}); Kubernetes rejects it.`,
    fix: () => 'Lower `requests` or raise `limits`: the request must be at most the limit.',
  },
  'schema.oneOf': {
    what: (p) =>
      Array.isArray(p.set) && p.set.length > 1 ? `Only one of ${list(p.fields)} may be here, and there are ${list(p.set)}.` : `One of ${list(p.fields)} is missing.`,
  },
  'schema.successThreshold': {
    what: (p) => `\`successThreshold\` is ${String(p.value)}; a liveness or startup probe needs 1.`,
    fix: () => 'Remove `successThreshold` or set it to 1.',
  },
  'schema.envName': {
    what: (p) => `${code(p.name)} is not a valid environment variable name (printable ASCII, no \`=\`).`,
  },
  'schema.volumeNotFound': {
    what: (p) => `There is no volume ${code(p.name)} in the template.${maybe(Array.isArray(p.volumes) && p.volumes.length ? list(p.volumes) : undefined, (s) => ` Volumes: ${s}.`)}`,
    fix: () => "A `volumeMounts` `name` must be a volume declared in the same Pod's `volumes`.",
  },
  'schema.subPath': {
    what: (p) => `\`subPath\` ${code(p.value)} must be a relative path without \`..\`.`,
  },
  'schema.forbidden': {
    what: (p) => `The field ${code(p.field)} is not allowed here${maybe(p.when, (w) => ` with ${code(w)}`)}.`,
    fix: (p) => `Remove ${code(p.field)}.`,
  },
  'schema.restartPolicy': {
    what: (p) => `\`restartPolicy\` ${p.value === undefined ? 'is missing and defaults to `Always`' : `is ${code(p.value)}`}; only ${list(p.allowed)} is allowed here.`,
    fix: (p) => `Set \`restartPolicy: ${String((p.allowed as string[] | undefined)?.[0] ?? 'Never')}\` in the Pod template.`,
  },
  'schema.escalation': {
    what: (p) => `${code(p.field)} with \`allowPrivilegeEscalation: false\` is a contradiction: a privileged container (or one with \`SYS_ADMIN\`) can always escalate privileges.`,
    fix: () => 'Remove `privileged: true` (or the `SYS_ADMIN` capability).',
  },
  'schema.procMount': {
    what: () => '`procMount: Unmasked` is only allowed with `hostUsers: false` on the Pod.',
    fix: () => 'Remove `procMount` (the default is `Default`).',
  },
  'schema.scaleTargetGroup': {
    what: (p) => `\`scaleTargetRef.apiVersion\` ${p.value === undefined ? 'is missing' : `is ${code(p.value)}`}: it must include the API group, such as \`apps/v1\`.`,
    fix: () => 'Set `apiVersion: apps/v1` in `scaleTargetRef` to scale a Deployment.',
  },
  'schema.headlessType': {
    what: (p) => `\`clusterIP: None\` (a Service without an IP) is only allowed in \`ClusterIP\` Services, and this one is \`${String(p.type)}\`.`,
    fix: () => 'Remove `clusterIP: None`.',
  },
  'schema.failIndex': {
    what: () => 'The `FailIndex` action needs `backoffLimitPerIndex` on the Job.',
    fix: () => 'Add `backoffLimitPerIndex` or use another action (`FailJob`, `Ignore`, `Count`).',
  },
  'schema.containerNotFound': {
    what: (p) => `There is no container ${code(p.name)} in the template.${maybe(Array.isArray(p.containers) && p.containers.length ? list(p.containers) : undefined, (s) => ` Containers: ${s}.`)}`,
    fix: () => "Use the `name` of one of the Pod template's containers.",
  },
  'schema.minDomains': {
    what: () => '`minDomains` is only allowed with `whenUnsatisfiable: DoNotSchedule`.',
  },
  'schema.emptySelector': {
    what: () => 'The selector is empty; an empty selector is not allowed here.',
    fix: () => "Put the Pod template's labels in `matchLabels`.",
  },
  'schema.selectorMismatch': {
    what: (p) => `The template's labels do not match the selector (${code(p.selector)}); the \`apps/v1\` API rejects the object.`,
    fix: () => '`spec.template.metadata.labels` must include the labels of `spec.selector.matchLabels`.',
  },
  'schema.progressDeadline': {
    what: (p) => `\`progressDeadlineSeconds\` (${String(p.value)}) must be greater than \`minReadySeconds\` (${String(p.minReadySeconds)}).`,
  },
  'schema.rollingZero': {
    what: () => '`maxSurge` and `maxUnavailable` cannot both be 0: the rollout could not progress.',
  },
  'schema.intOrPercent': {
    what: (p) => `${code(p.value)} is not valid: it must be a non-negative integer or a percentage such as \`25%\`${p.max ? ' (at most `100%`)' : ''}.`,
  },
  'schema.podFailurePolicy': {
    what: (p) => `\`podFailurePolicy\` needs \`restartPolicy: Never\` in the template, and it ${p.value === undefined ? 'is missing' : `is ${code(p.value)}`}.`,
    fix: () => 'Set `restartPolicy: Never` or remove `podFailurePolicy`.',
  },
  'schema.jobSelector': {
    what: () => 'A Job generates its own `selector`; writing it is only allowed with `manualSelector: true`.',
    fix: () => "Remove the Job's `spec.selector`.",
  },
  'schema.cronTz': {
    what: (p) => `The \`schedule\` ${code(p.value)} contains \`TZ=\`; Kubernetes does not allow it there.`,
    fix: () => 'Put the time zone in `spec.timeZone` (for example `Europe/Madrid`).',
  },
  'schema.cron': {
    what: (p) => (p.value === '' ? 'The `schedule` is empty.' : `The \`schedule\` ${code(p.value)} is not a valid cron expression: ${String(p.reason)}.`),
    fix: () => 'Five fields: minute, hour, day of month, month and day of week (for example `0 6 * * *`).',
  },
  'schema.timeZone': {
    what: (p) => `${code(p.value)} is not an IANA time zone.`,
    fix: () => 'Use a name such as `Europe/Madrid` or `UTC` (case matters).',
  },
  'schema.portNameRequired': {
    what: () => 'A Service with several ports needs a `name` on each.',
    fix: () => 'Add `name:` (for example `http`) to each port.',
  },
  'schema.nodePortType': {
    what: (p) => `\`nodePort\` is only allowed in \`NodePort\` or \`LoadBalancer\` Services, and this one is \`${String(p.type)}\`.`,
  },
  'schema.externalTrafficPolicy': {
    what: (p) => `\`externalTrafficPolicy\` is only allowed in \`NodePort\` or \`LoadBalancer\` Services, and this one is \`${String(p.type)}\`.`,
  },
  'schema.configKey': {
    what: (p) => `${code(p.key)} is not a valid key: letters, digits, \`-\`, \`_\` and \`.\` (no spaces or \`/\`).`,
  },
  'schema.base64': {
    what: (p) => `The value of ${code(p.key)} in \`data\` is not base64.`,
    fix: () => '`data` values are base64 (`echo -n value | base64`); to write them as they are, use `stringData`.',
  },
  'schema.maxBelowMin': {
    what: (p) => `\`maxReplicas\` (${String(p.max)}) is less than \`minReplicas\` (${String(p.min)}).`,
  },
  'schema.readWriteOncePod': {
    what: () => '`ReadWriteOncePod` cannot be combined with other access modes.',
  },
  'schema.endPort': {
    what: () => '`endPort` is only allowed when `port` is a number.',
  },
  'schema.cidr': {
    what: (p) => `${code(p.value)} is not a valid CIDR block (for example \`10.0.0.0/16\`).`,
  },
  'schema.ipBlockAlone': {
    what: () => 'An `ipBlock` cannot be combined with `podSelector` or `namespaceSelector` in the same element.',
    fix: () => 'Put them in separate elements of the list.',
  },
  'schema.podSecurity': {
    what: (p) =>
      `The exercise's namespace enforces Pod Security \`${String(p.level)}\`, which does not allow ${CONTROLS[String(p.control)] ?? String(p.control)}${maybe(p.field as string | undefined, (f) => ` (${code(f)})`)}: Kubernetes would refuse the Pods.`,
    fix: () => 'Remove that field or give it a value the level allows.',
  },
};
