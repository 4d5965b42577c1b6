// Rules on a kind cluster configuration (exercise 05; the subject is the Node of the document):
// what kind accepts, the nodes it would create and their roles, the workers' labels, and the
// port the control-plane publishes on the host.
import type { Problem } from '../messages/problem.ts';
import type { Node } from '../model.ts';
import { kindSchemaProblems } from '../schema/kind.ts';
import { suggest } from '../schema/suggest.ts';

export interface KindExpectations {
  controlPlanes: number;
  workers: number;
  /** Labels every worker carries (and no control-plane, or those Pods could land there too). */
  workerLabels: Record<string, string>;
  /** A host port published by a control-plane node. */
  port: { hostPort: number; containerPort: number; listenAddress: string };
}

type Fields = Record<string, unknown>;

export interface ConfigNode {
  /** Undefined for the node kind creates when the file lists none. */
  node?: Node<Fields>;
  index: number;
  role: string;
}

const isMap = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The nodes kind would create: `nodes` as written (no `role` means control-plane), or its default single control-plane. */
export function kindNodesOf(config: Node): ConfigNode[] {
  const items = config.at('nodes').items<Fields>();
  if (items.length === 0) return [{ index: 0, role: 'control-plane' }];
  return items.map((node, index) => {
    const role = isMap(node.value) ? node.value.role : undefined;
    return { node, index, role: role === undefined || role === null ? 'control-plane' : String(role) };
  });
}

const where = (config: Node, n: ConfigNode, sub: (string | number)[] = []) => (n.node ? n.node.location(sub) : config.location());

/** Everything kind itself would refuse, each at its file:line and field path. */
export function kindConfigValid(config: Node): Problem[] {
  return kindSchemaProblems(config.value).map(({ path, ...p }) => ({ ...p, at: config.location(path) }));
}

export function kindRoles(config: Node, e: KindExpectations): Problem[] {
  const nodes = kindNodesOf(config);
  const controlPlanes = nodes.filter((n) => n.role === 'control-plane').length;
  const workers = nodes.filter((n) => n.role === 'worker').length;
  const others = nodes.filter((n) => n.role !== 'control-plane' && n.role !== 'worker');
  if (controlPlanes === e.controlPlanes && workers === e.workers && others.length === 0) return [];
  const listed = nodes.filter((n) => n.node);
  return [
    {
      code: 'kind.roles',
      at: config.location(listed.length ? ['nodes'] : []),
      params: {
        controlPlanes,
        workers,
        expectedControlPlanes: e.controlPlanes,
        expectedWorkers: e.workers,
        others: others.map((n) => n.role),
        implicit: listed.length === 0,
        nodes: listed.map((n) => `${n.role} (línea ${where(config, n).line})`).join(', '),
      },
    },
  ];
}

export function kindWorkerLabels(config: Node, e: KindExpectations): Problem[] {
  const nodes = kindNodesOf(config);
  const workers = nodes.filter((n) => n.role === 'worker');
  const expected = Object.entries(e.workerLabels);
  const shown = expected.map(([k, v]) => `${k}: ${v}`).join(', ');
  if (workers.length === 0) return [{ code: 'kind.labels.noWorkers', at: config.location(config.at('nodes').exists ? ['nodes'] : []), params: { labels: shown } }];
  const problems: Problem[] = [];
  for (const w of workers) {
    const labels = w.node!.at('labels');
    const map = isMap(labels.value) ? labels.value : undefined;
    for (const [key, value] of expected) {
      if (map && key in map) {
        if (String(map[key]) !== value) {
          problems.push({ code: 'kind.labels.value', at: labels.location([key]), params: { index: w.index, key, actual: map[key], expected: value } });
        }
        continue;
      }
      // The kubeadm way (`node-labels` in a patch) works too, but the exercise asks for `labels`.
      const patches = w.node!.at('kubeadmConfigPatches').value;
      const viaPatch = Array.isArray(patches) && patches.some((p) => typeof p === 'string' && p.includes(`${key}=${value}`));
      problems.push({
        code: 'kind.labels.missing',
        at: map ? labels.location() : w.node!.location(),
        params: { index: w.index, key, value, near: map ? suggest(key, Object.keys(map)) : undefined, notMap: labels.exists && !map, viaPatch },
      });
    }
  }
  for (const c of nodes.filter((n) => n.role === 'control-plane' && n.node)) {
    const labels = c.node!.at('labels').value;
    for (const [key, value] of expected) {
      if (isMap(labels) && String(labels[key]) === value) {
        problems.push({ code: 'kind.labels.onControlPlane', at: c.node!.location(['labels', key]), params: { index: c.index, key, value } });
      }
    }
  }
  return problems;
}

interface Mapping {
  owner: ConfigNode;
  node: Node<Fields>;
}

export function kindPortMapping(config: Node, e: KindExpectations): Problem[] {
  const want = e.port;
  const nodes = kindNodesOf(config);
  const mappings: Mapping[] = nodes.flatMap((owner) =>
    owner.node ? owner.node.at('extraPortMappings').items<Fields>().filter((m) => isMap(m.value)).map((node) => ({ owner, node })) : [],
  );
  const score = ({ node: { value: m } }: Mapping) =>
    (m.containerPort === want.containerPort ? 4 : 0) + (m.hostPort === want.hostPort ? 2 : 0) + (m.hostPort === want.containerPort && m.containerPort === want.hostPort ? 3 : 0);
  const best = (list: Mapping[]) => [...list].sort((a, b) => score(b) - score(a))[0];
  const onControlPlane = best(mappings.filter((m) => m.owner.role === 'control-plane'));
  const onWorker = best(mappings.filter((m) => m.owner.role !== 'control-plane' && score(m) > 0));
  const params = { hostPort: want.hostPort, containerPort: want.containerPort, listenAddress: want.listenAddress };
  if (onWorker && (!onControlPlane || score(onControlPlane) === 0)) {
    return [{ code: 'kind.port.onWorker', at: onWorker.node.location(), params: { ...params, index: onWorker.owner.index } }];
  }
  if (!onControlPlane) {
    // `- "8081:30080"`: the `docker run -p` way, which kind does not read.
    const dockerStyle = nodes
      .filter((n) => n.role === 'control-plane' && n.node)
      .flatMap((n) => n.node!.at('extraPortMappings').items())
      .find((m) => typeof m.value === 'string' || typeof m.value === 'number');
    if (dockerStyle) return [{ code: 'kind.port.dockerStyle', at: dockerStyle.location(), params: { ...params, value: dockerStyle.value } }];
    const cp = nodes.find((n) => n.role === 'control-plane');
    return [{ code: 'kind.port.missing', at: cp ? where(config, cp) : config.location(['nodes']), params }];
  }
  const m = onControlPlane.node;
  const v = m.value;
  const problems: Problem[] = [];
  if (v.hostPort === want.containerPort && v.containerPort === want.hostPort) {
    problems.push({ code: 'kind.port.swapped', at: m.location('hostPort'), params });
  } else {
    for (const field of ['containerPort', 'hostPort'] as const) {
      if (v[field] !== want[field]) {
        problems.push({ code: 'kind.port.field', at: m.location(v[field] === undefined ? [] : field), params: { field, actual: v[field], expected: want[field] } });
      }
    }
  }
  if (v.listenAddress !== want.listenAddress) {
    problems.push({ code: 'kind.port.listenAddress', at: m.location(v.listenAddress === undefined ? [] : 'listenAddress'), params: { ...params, actual: v.listenAddress } });
  }
  if (v.protocol !== undefined && v.protocol !== null && String(v.protocol).toUpperCase() !== 'TCP') {
    problems.push({ code: 'kind.port.protocol', at: m.location('protocol'), params: { actual: v.protocol } });
  }
  return problems;
}

/** Every rule at once: the live tier only creates a cluster from a file that passes them all. */
export function kindConfigProblems(config: Node, e: KindExpectations): Problem[] {
  return [...kindConfigValid(config), ...kindRoles(config, e), ...kindWorkerLabels(config, e), ...kindPortMapping(config, e)];
}
