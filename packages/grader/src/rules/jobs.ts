// Jobs (and a CronJob's jobTemplate): restart policy, and that the `etl` args agree with the
// mounts — `--entrada` reads the ConfigMap's mount, `--salida` is writable and outside it.
import type { Problem } from '../messages/problem.ts';
import { podSpec, type Node } from '../model.ts';
import { expandedCommand, undeclaredMounts, type Container } from './containers.ts';

export function jobRestartPolicy(job: Node): Problem[] {
  const spec = podSpec(job);
  const policy = spec.at('restartPolicy').value;
  if (policy === 'Never' || policy === 'OnFailure') return [];
  return [{ code: 'job.restartPolicy', at: spec.location('restartPolicy'), params: { actual: policy ?? undefined } }];
}

/** The path given after a flag, in either `--flag value` or `--flag=value` form. */
export function flagValue(args: readonly unknown[], flag: string): string | undefined {
  for (const [i, a] of args.entries()) {
    if (a === flag && typeof args[i + 1] === 'string') return args[i + 1] as string;
    if (typeof a === 'string' && a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

const within = (p: string, dir: string) => {
  const clean = (s: string) => s.replace(/\/+$/, '') || '/';
  const d = clean(dir);
  const q = clean(p);
  return q === d || q.startsWith(d === '/' ? '/' : `${d}/`);
};

interface Mount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export function etlArgsMatchMounts(job: Node, container: Node<Container>, configMap: string): Problem[] {
  const undeclared = undeclaredMounts(container);
  if (undeclared.length > 0) return undeclared;
  const spec = podSpec(job);
  const expanded = expandedCommand(container);
  const args = [...(expanded.command ?? []), ...(expanded.args ?? [])];
  const argsAt = container.location(container.value.args ? 'args' : []);
  const mounts = (container.value.volumeMounts as Mount[] | undefined) ?? [];
  const volumes = (spec.value.volumes as Record<string, unknown>[] | undefined) ?? [];
  const volumeOf = (m: Mount) => volumes.find((v) => v.name === m.name);
  const isConfigMap = (m: Mount) => (volumeOf(m)?.configMap as { name?: string } | undefined)?.name === configMap;
  const mountsText = mounts.map((m) => `\`${m.mountPath}\``).join(', ');
  const problems: Problem[] = [];

  const entrada = flagValue(args, '--entrada');
  // A ConfigMap volume mounted where `--entrada` points, but naming another ConfigMap: the
  // mistake is the volume's `configMap.name`, not the args.
  const otherConfigMap = entrada
    ? mounts
        .filter((m) => within(entrada, m.mountPath))
        .map((m) => volumes.findIndex((v) => v.name === m.name))
        .find((i) => i >= 0 && typeof (volumes[i]!.configMap as { name?: unknown } | undefined)?.name === 'string')
    : undefined;
  if (!entrada) problems.push({ code: 'job.argsMissing', at: argsAt, params: { flag: '--entrada' } });
  else if (!mounts.some((m) => isConfigMap(m) && within(entrada, m.mountPath)) && otherConfigMap !== undefined) {
    const volume = volumes[otherConfigMap]!;
    problems.push({
      code: 'job.configMapName',
      at: spec.location(['volumes', otherConfigMap, 'configMap', 'name']),
      params: { volume: volume.name, actual: (volume.configMap as { name: string }).name, expected: configMap, path: entrada },
    });
  } else if (!mounts.some((m) => isConfigMap(m) && within(entrada, m.mountPath))) {
    problems.push({
      code: 'job.mountMismatch',
      at: argsAt,
      params: { flag: '--entrada', path: entrada, volume: `del ConfigMap \`${configMap}\``, mounts: mountsText },
    });
  }

  const salida = flagValue(args, '--salida');
  if (!salida) problems.push({ code: 'job.argsMissing', at: argsAt, params: { flag: '--salida' } });
  else {
    // The deepest mount holding the path is where writes land; a ConfigMap never takes them.
    const holders = mounts.filter((m) => within(salida, m.mountPath)).sort((a, b) => b.mountPath.length - a.mountPath.length);
    const blocking = holders.find(isConfigMap) ?? (holders[0]?.readOnly ? holders[0] : undefined);
    if (blocking) {
      problems.push({ code: 'job.salidaReadOnly', at: argsAt, params: { path: salida, mount: blocking.mountPath, readOnlyMount: !isConfigMap(blocking) } });
    } else if (holders.length === 0) {
      problems.push({
        code: 'job.mountMismatch',
        at: argsAt,
        params: { flag: '--salida', path: salida, volume: 'escribible', mounts: mountsText },
      });
    }
  }
  return problems;
}
