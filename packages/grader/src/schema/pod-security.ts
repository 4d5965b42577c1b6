// Pod Security Standards (k8s.io/pod-security-admission, policy version 1.34): what a namespace
// that enforces `baseline` or `restricted` refuses in a Pod, or warns about in a workload's Pod
// template (which the API server then refuses when the controller creates the Pods).
import type { FieldPath } from '../parse/location.ts';
import type { ProblemAt } from './validate.ts';

export type PodSecurityLevel = 'baseline' | 'restricted';

/** The controls of `restricted` that the kit's own rubric lines grade (rules/security.ts); the schema line leaves them to those lines. */
export const GRADED_CONTROLS = ['runAsNonRoot', 'runAsUser', 'seccompProfile', 'allowPrivilegeEscalation', 'privileged', 'capabilities'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Where the Pod template is in each workload kind. */
export function podTemplatePath(kind: string): FieldPath | undefined {
  switch (kind) {
    case 'Pod':
      return [];
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return ['spec', 'template'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template'];
    default:
      return undefined;
  }
}

function at(value: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);
}

/** Every Pod Security violation of the object's Pod (template) at `level`; `control` names the check. */
export function podSecurityProblems(value: Obj, level: PodSecurityLevel): ProblemAt[] {
  const base = podTemplatePath(String(value.kind));
  if (!base) return [];
  const pod = obj(at(value, base));
  const spec = obj(pod.spec);
  const specPath: FieldPath = [...base, 'spec'];
  const out: ProblemAt[] = [];
  const add = (control: string, path: FieldPath, detail: Record<string, unknown> = {}) =>
    out.push({ code: 'schema.podSecurity', path, params: { control, level, ...detail } });

  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f] === true) add('hostNamespaces', [...specPath, f], { field: f });
  const podSc = obj(spec.securityContext);
  const scPath: FieldPath = [...specPath, 'securityContext'];
  const containers: [Obj, FieldPath][] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(spec[field]).forEach((c, i) => containers.push([obj(c), [...specPath, field, i]]));
  }
  list(spec.volumes).forEach((v, i) => {
    const vol = obj(v);
    const types = Object.keys(vol).filter((k) => k !== 'name' && vol[k] !== null && vol[k] !== undefined);
    if (types.includes('hostPath')) add('hostPath', [...specPath, 'volumes', i, 'hostPath']);
    else if (level === 'restricted') {
      for (const t of types.filter((t) => !RESTRICTED_VOLUMES.has(t))) add('volumeTypes', [...specPath, 'volumes', i, t], { field: t });
    }
  });
  const seccompBad = (sc: Obj) => obj(sc.seccompProfile).type === 'Unconfined';
  const appArmorBad = (sc: Obj) => {
    const t = obj(sc.appArmorProfile).type;
    return t !== undefined && t !== null && t !== 'RuntimeDefault' && t !== 'Localhost';
  };
  const seLinuxBad = (sc: Obj) => {
    const o = obj(sc.seLinuxOptions);
    return !SELINUX_TYPES.has(String(o.type ?? '')) || (o.user ?? '') !== '' || (o.role ?? '') !== '';
  };
  if (level === 'restricted' && podSc.runAsUser === 0) add('runAsUser', [...scPath, 'runAsUser'], { field: 'runAsUser' });
  if (seccompBad(podSc)) add('seccompProfile', [...scPath, 'seccompProfile', 'type'], { field: 'seccompProfile.type' });
  if (appArmorBad(podSc)) add('appArmorProfile', [...scPath, 'appArmorProfile', 'type'], { field: 'appArmorProfile.type' });
  if (seLinuxBad(podSc)) add('seLinuxOptions', [...scPath, 'seLinuxOptions'], { field: 'seLinuxOptions' });
  if (obj(podSc.windowsOptions).hostProcess === true) add('hostProcess', [...scPath, 'windowsOptions', 'hostProcess'], { field: 'hostProcess' });
  list(podSc.sysctls).forEach((s, i) => {
    const name = obj(s).name;
    if (typeof name === 'string' && !SAFE_SYSCTLS.has(name)) add('sysctls', [...scPath, 'sysctls', i, 'name'], { field: name });
  });
  for (const [key, v] of Object.entries(obj(obj(pod.metadata).annotations))) {
    if (key.startsWith(APPARMOR_ANNOTATION) && v !== 'runtime/default' && !String(v).startsWith('localhost/')) {
      add('appArmorProfile', [...base, 'metadata', 'annotations', key], { field: key });
    }
  }
  for (const [c, path] of containers) {
    const sc = obj(c.securityContext);
    const cPath: FieldPath = [...path, 'securityContext'];
    if (sc.privileged === true) add('privileged', [...cPath, 'privileged'], { field: 'privileged' });
    const addCaps = list(obj(sc.capabilities).add);
    const allowedAdd = (cap: unknown) => (level === 'restricted' ? cap === 'NET_BIND_SERVICE' : BASELINE_CAPABILITIES.has(String(cap)));
    addCaps.forEach((cap, i) => allowedAdd(cap) || add('capabilities', [...cPath, 'capabilities', 'add', i], { field: String(cap) }));
    list(c.ports).forEach((p, i) => {
      const hostPort = obj(p).hostPort;
      if (Number.isInteger(hostPort) && hostPort !== 0) add('hostPorts', [...path, 'ports', i, 'hostPort']);
    });
    if (seccompBad(sc)) add('seccompProfile', [...cPath, 'seccompProfile', 'type'], { field: 'seccompProfile.type' });
    if (appArmorBad(sc)) add('appArmorProfile', [...cPath, 'appArmorProfile', 'type'], { field: 'appArmorProfile.type' });
    if (seLinuxBad(sc)) add('seLinuxOptions', [...cPath, 'seLinuxOptions'], { field: 'seLinuxOptions' });
    if (sc.procMount !== undefined && sc.procMount !== null && sc.procMount !== 'Default') add('procMount', [...cPath, 'procMount'], { field: 'procMount' });
    if (obj(sc.windowsOptions).hostProcess === true) add('hostProcess', [...cPath, 'windowsOptions', 'hostProcess'], { field: 'hostProcess' });
    if (level !== 'restricted') continue;
    if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation', [...cPath, 'allowPrivilegeEscalation'], { field: 'allowPrivilegeEscalation' });
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (nonRoot !== true) add('runAsNonRoot', [...cPath, 'runAsNonRoot'], { field: 'runAsNonRoot' });
    if (sc.runAsUser === 0) add('runAsUser', [...cPath, 'runAsUser'], { field: 'runAsUser' });
    const seccomp = obj(sc.seccompProfile).type ?? obj(podSc.seccompProfile).type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost' && !seccompBad(sc)) add('seccompProfile', [...cPath, 'seccompProfile', 'type'], { field: 'seccompProfile.type' });
    if (!list(obj(sc.capabilities).drop).includes('ALL')) add('capabilities', [...cPath, 'capabilities', 'drop'], { field: 'drop' });
  }
  return out;
}
