// The guest book (exercise 13): one Redis leader, followers replicating it, a frontend that
// writes to the leader, Services that each select one role only, and a Service reachable from
// outside the cluster (NodePort or LoadBalancer).
import type { Problem } from '../messages/problem.ts';
import { podLabels, type Node } from '../model.ts';
import { containerEnv, expandedCommand, type Container } from './containers.ts';
import { selectorMatches, serviceSelects, showLabels } from './selectors.ts';

type Labels = Record<string, unknown>;

/** A single replica (or none written: the default is 1). Two leaders are two separate databases. */
export function singleReplica(workload: Node): Problem[] {
  const replicas = workload.at('spec.replicas');
  if (!replicas.exists || replicas.value === 1) return [];
  return [{ code: 'redis.leaderReplicas', at: workload.location('spec.replicas'), params: { name: workload.object.name, actual: replicas.value } }];
}

/**
 * The container starts Redis as a replica of `host`:`port`: `--replicaof HOST PORT` among its
 * arguments (after an optional `redis-server`, in `args` or in `command` + `args`), host and port
 * as two items. Other options may follow.
 */
export function replicaOf(container: Node<Container>, host: string, port: number): Problem[] {
  const { command, args } = expandedCommand(container);
  const argv = [...((command as unknown[] | undefined) ?? []), ...((args as unknown[] | undefined) ?? [])].map(String);
  const at = container.location(command !== undefined && args === undefined ? 'command' : 'args');
  const expected = ['--replicaof', host, String(port)];
  const i = argv.findIndex((a) => /^--(replicaof|slaveof)$/i.test(a));
  if (i < 0) {
    const joined = argv.find((a) => /^--(replicaof|slaveof)[ =]/i.test(a));
    if (joined) return [{ code: 'redis.replicaOfJoined', at, params: { actual: joined, expected } }];
    return [{ code: 'redis.replicaOfMissing', at, params: { expected, actual: argv } }];
  }
  if (argv[i]!.toLowerCase() === '--slaveof') return [{ code: 'redis.slaveof', at, params: { expected } }];
  const [actualHost, actualPort] = [argv[i + 1], argv[i + 2]];
  if (actualHost && /\s/.test(actualHost.trim())) return [{ code: 'redis.replicaOfJoined', at, params: { actual: actualHost, expected } }];
  if (actualHost !== host) return [{ code: 'redis.replicaOfHost', at, params: { actual: actualHost ?? '(nada)', host, expected } }];
  if (actualPort !== String(port)) return [{ code: 'redis.replicaOfPort', at, params: { actual: actualPort ?? '(nada)', port, expected } }];
  return [];
}

/** The Service selects the workload's Pods, and none of the other workloads' Pods. */
export function serviceSelectsOnly(service: Node, workload: Node, others: readonly Node[]): Problem[] {
  const base = serviceSelects(service, workload);
  if (base.length) return base;
  const selector = service.at<Labels>('spec.selector');
  const caught = others.filter((o) => selectorMatches({ matchLabels: selector.value }, podLabels(o).value ?? {}));
  return caught.map((other) => ({
    code: 'service.selectsOthers',
    at: selector.location(),
    params: {
      service: service.object.name,
      selector: showLabels(selector.value),
      workload: workload.object.name,
      other: other.object.name,
      labels: showLabels(podLabels(other).value ?? {}),
    },
  }));
}

/** The Deployment's selector does not also match another workload's Pod template. */
export function selectorOwnPodsOnly(workload: Node, others: readonly Node[]): Problem[] {
  const selector = workload.at<{ matchLabels?: Labels }>('spec.selector');
  if (!selector.exists) return [];
  return others
    .filter((o) => selectorMatches(selector.value, podLabels(o).value ?? {}))
    .map((other) => ({
      code: 'selector.overlaps',
      at: selector.location(),
      params: { workload: workload.object.name, other: other.object.name, labels: showLabels(podLabels(other).value ?? {}) },
    }));
}

/**
 * Reachable from outside the cluster: `type: NodePort` with `nodePort` fixed on one of its ports,
 * or `type: LoadBalancer` (its node port may be left to Kubernetes).
 */
export function exposedOutside(service: Node, nodePort: number): Problem[] {
  const type = (service.at('spec.type').value as string | undefined) ?? 'ClusterIP';
  if (type === 'LoadBalancer') return [];
  if (type !== 'NodePort') return [{ code: 'service.notExposed', at: service.location('spec.type'), params: { actual: type, nodePort } }];
  const ports = service.at('spec.ports').items<Record<string, unknown>>();
  if (ports.some((p) => p.value?.nodePort === nodePort)) return [];
  const written = ports.find((p) => p.value?.nodePort !== undefined);
  if (written) {
    const actual = written.value.nodePort;
    const outOfRange = typeof actual === 'number' && (actual < 30000 || actual > 32767);
    return [{ code: 'service.nodePortValue', at: written.location('nodePort'), params: { actual, nodePort, outOfRange } }];
  }
  return [{ code: 'service.nodePortMissing', at: service.location('spec.ports'), params: { nodePort } }];
}

function literalEnv(container: Node<Container>, name: string): { node?: Node<Record<string, unknown>>; value?: unknown } {
  // The kubelet keeps the last entry of a repeated name, with `$(VAR)` expanded.
  const node = container.at('env').items<Record<string, unknown>>().filter((e) => e.value?.name === name).at(-1);
  return { node, value: node && node.value.valueFrom === undefined ? containerEnv(container).values.get(name) : node?.value.value };
}

/**
 * The frontend writes to the leader (`REDIS_HOST`) and, when `REDIS_HOST_LECTURA` is set, reads
 * from the followers' Service or the leader's: a follower refuses writes (`-READONLY`).
 */
export function redisHosts(container: Node<Container>, leader: string, followers: string): Problem[] {
  const problems: Problem[] = [];
  const write = literalEnv(container, 'REDIS_HOST');
  if (!write.node) {
    problems.push({ code: 'redis.writeHostMissing', at: container.location('env'), params: { leader } });
  } else if (write.value !== leader) {
    problems.push({
      code: 'redis.writeHost',
      at: write.node.location(write.node.value.valueFrom !== undefined ? 'valueFrom' : 'value'),
      params: { actual: write.value ?? '(valueFrom)', leader, followers },
    });
  }
  const read = literalEnv(container, 'REDIS_HOST_LECTURA');
  if (read.node && read.value !== followers && read.value !== leader) {
    problems.push({
      code: 'redis.readHost',
      at: read.node.location(read.node.value.valueFrom !== undefined ? 'valueFrom' : 'value'),
      params: { actual: read.value ?? '(valueFrom)', leader, followers },
    });
  }
  return problems;
}
