// Pod Security: a Namespace's Pod Security Admission labels, and the security context the
// `restricted` standard asks of every container. A container's value overrides its Pod's, as
// in Kubernetes; fields that exist only per container are read only there.
import type { Problem } from '../messages/problem.ts';
import { podSpec, type Node } from '../model.ts';
import type { FieldPath } from '../parse/location.ts';
import { suggest } from '../schema/suggest.ts';
import type { Container } from './containers.ts';

const PSA = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'warn', 'audit'] as const;
const KNOWN_KEYS = MODES.flatMap((m) => [`${PSA}${m}`, `${PSA}${m}-version`]);

/** The Namespace enforces, warns and audits `level`; version labels, when written, are among `versions`. */
export function podSecurityLevel(namespace: Node, level: string, versions: readonly string[]): Problem[] {
  const labels = (namespace.at<Record<string, unknown>>('metadata.labels').value ?? {}) as Record<string, unknown>;
  const annotations = (namespace.at<Record<string, unknown>>('metadata.annotations').value ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const where = (key: string) => namespace.location(['metadata', 'labels', key]);
  for (const mode of MODES) {
    const key = `${PSA}${mode}`;
    const actual = labels[key];
    if (actual === undefined) {
      problems.push({ code: 'psa.labelMissing', at: where(key), params: { key, level, inAnnotations: key in annotations || undefined } });
    } else if (actual !== level) {
      problems.push({ code: 'psa.labelValue', at: where(key), params: { key, actual, level } });
    }
    const versionKey = `${key}-version`;
    const version = labels[versionKey];
    if (version !== undefined && !versions.includes(String(version))) {
      problems.push({ code: 'psa.version', at: where(versionKey), params: { key: versionKey, actual: version, versions: versions.join('` o `') } });
    }
  }
  for (const key of Object.keys(labels).filter((k) => k.startsWith(PSA) && !KNOWN_KEYS.includes(k))) {
    problems.push({ code: 'psa.labelUnknown', at: where(key), params: { key, suggestion: suggest(key, KNOWN_KEYS) } });
  }
  return problems;
}

/** The controls of the `restricted` standard a rubric line can ask for, one at a time. */
export type RestrictedControl = 'runAsNonRoot' | 'seccompProfile' | 'allowPrivilegeEscalation' | 'capabilities' | 'readOnlyRootFilesystem';
export const RESTRICTED_CONTROLS: readonly RestrictedControl[] = [
  'runAsNonRoot',
  'seccompProfile',
  'allowPrivilegeEscalation',
  'capabilities',
  'readOnlyRootFilesystem',
];

type Context = Record<string, unknown>;

interface Subject {
  container: Node<Container>;
  name: string;
  pod: Node<Context>;
}

/** Init containers too: Pod Security checks them, and a Pod with one unsafe container is refused. */
function containersOf(workload: Node): Subject[] {
  const spec = podSpec(workload);
  const pod = spec.at<Context>('securityContext');
  return ['initContainers', 'containers'].flatMap((list) =>
    spec.at(list).items<Container>().map((container) => ({ container, name: String(container.value?.name ?? '?'), pod })),
  );
}

/** A value set on the container wins over the Pod's; returns the value and where it was written. */
function effective(s: Subject, path: FieldPath): { value: unknown; at: Node } {
  const own = s.container.at(['securityContext', ...path]);
  if (own.value !== undefined) return { value: own.value, at: own };
  const inherited = s.pod.at(path);
  if (inherited.value !== undefined) return { value: inherited.value, at: inherited };
  return { value: undefined, at: own };
}

const inContainer = (s: Subject, field: string) => s.container.at(['securityContext', field]);

function check(s: Subject, control: RestrictedControl): Problem[] {
  const container = s.name;
  switch (control) {
    case 'runAsNonRoot': {
      const problems: Problem[] = [];
      const nonRoot = effective(s, ['runAsNonRoot']);
      if (nonRoot.value !== true) {
        // Written nowhere: point at the Pod's securityContext, where one line covers every container.
        const at = nonRoot.value === undefined ? s.pod.location('runAsNonRoot') : nonRoot.at.location();
        const overridden = inContainer(s, 'runAsNonRoot').value === false && s.pod.at('runAsNonRoot').value === true;
        problems.push({ code: 'security.runAsNonRoot', at, params: { container, actual: nonRoot.value, overridden: overridden || undefined } });
      }
      const user = effective(s, ['runAsUser']);
      if (user.value === 0) problems.push({ code: 'security.runAsRoot', at: user.at.location(), params: { container } });
      return problems;
    }
    case 'seccompProfile': {
      const type = effective(s, ['seccompProfile', 'type']);
      if (type.value === 'RuntimeDefault') return [];
      const at = type.value === undefined ? s.pod.location(['seccompProfile', 'type']) : type.at.location();
      return [{ code: 'security.seccomp', at, params: { container, actual: type.value } }];
    }
    case 'allowPrivilegeEscalation': {
      const problems: Problem[] = [];
      const privileged = inContainer(s, 'privileged');
      if (privileged.value === true) problems.push({ code: 'security.privileged', at: privileged.location(), params: { container } });
      const ape = inContainer(s, 'allowPrivilegeEscalation');
      if (ape.value !== false) problems.push({ code: 'security.privilegeEscalation', at: ape.location(), params: { container, actual: ape.value } });
      return problems;
    }
    case 'capabilities': {
      const problems: Problem[] = [];
      const caps = s.container.at(['securityContext', 'capabilities']);
      const drop = caps.at<unknown[]>('drop');
      const dropped = Array.isArray(drop.value) ? drop.value : [];
      if (!dropped.includes('ALL')) {
        const lower = dropped.find((c) => typeof c === 'string' && c.toUpperCase() === 'ALL');
        problems.push({ code: 'security.capabilitiesDrop', at: drop.location(), params: { container, actual: dropped.length ? dropped : undefined, lower } });
      }
      const add = caps.at<unknown[]>('add');
      const added = (Array.isArray(add.value) ? add.value : []).filter((c) => c !== 'NET_BIND_SERVICE');
      if (added.length) problems.push({ code: 'security.capabilitiesAdd', at: add.location(), params: { container, added } });
      return problems;
    }
    case 'readOnlyRootFilesystem': {
      const ro = inContainer(s, 'readOnlyRootFilesystem');
      if (ro.value === true) return [];
      return [{ code: 'security.readOnlyRoot', at: ro.location(), params: { container, actual: ro.value } }];
    }
  }
}

/** Every container of the workload (init containers included) meets one control. */
export function restrictedControl(workload: Node, control: RestrictedControl): Problem[] {
  return containersOf(workload).flatMap((s) => check(s, control));
}

/** Every control at once (what Pod Security `restricted` needs, plus a read-only root). */
export function restrictedSecurityContext(workload: Node): Problem[] {
  return RESTRICTED_CONTROLS.flatMap((control) => restrictedControl(workload, control));
}
