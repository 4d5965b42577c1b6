// Containers: which one, its image, args, ports, env, probes and resources.
import type { Problem } from '../messages/problem.ts';
import { Node, podSpec } from '../model.ts';
import { quantityValue } from './quantity.ts';

export type Container = Record<string, unknown>;

/**
 * A container's variables as the kubelet computes them: name → value after `$(VAR)` expansion,
 * `undefined` when the value is only known at run time (`valueFrom`, or a reference to one).
 */
export interface ContainerEnv {
  values: Map<string, string | undefined>;
  /** `envFrom` may define any other name at run time. */
  open: boolean;
}

/**
 * The kubelet's `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion):
 * `$(NAME)` becomes the variable's value, `$$` is an escaped `$`, and a reference to an undefined
 * variable (or an unterminated one) stays as written. `undefined` when the result depends on a
 * value only known at run time.
 */
export function expandVars(text: string, env: ContainerEnv): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$' || i + 1 === text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    const close = next === '(' ? text.indexOf(')', i + 2) : -1;
    if (next === '$') out += '$';
    else if (close < 0) out += `$${next}`;
    else {
      const name = text.slice(i + 2, close);
      if (env.values.has(name) || env.open) {
        const value = env.values.get(name);
        if (value === undefined) return undefined;
        out += value;
      } else out += `$(${name})`;
      i = close - 1;
    }
    i++;
  }
  return out;
}

/**
 * The container's variables in the kubelet's order: `envFrom` first (unknown here), then `env`,
 * each `value` expanded against the variables defined before it; a repeated name keeps the last.
 */
export function containerEnv(container: Node<Container>): ContainerEnv {
  const env: ContainerEnv = { values: new Map(), open: container.at('envFrom').items().length > 0 };
  for (const e of container.at('env').items<Record<string, unknown>>()) {
    const { name, value, valueFrom } = e.value ?? {};
    if (typeof name !== 'string') continue;
    env.values.set(name, valueFrom !== undefined ? undefined : expandVars(typeof value === 'string' ? value : String(value ?? ''), env));
  }
  return env;
}

/**
 * `command` and `args` as the kubelet runs them: `$(VAR)` expanded from the container's whole
 * env. An item whose value is only known at run time is kept as written.
 */
export function expandedCommand(container: Node<Container>): { command?: unknown[]; args?: unknown[] } {
  const env = containerEnv(container);
  const expand = (list: unknown) =>
    Array.isArray(list) ? list.map((item) => (typeof item === 'string' ? (expandVars(item, env) ?? item) : item)) : (list as undefined);
  return { command: expand(container.value.command), args: expand(container.value.args) };
}

/** The named container of a workload, or its only container when no name is given. */
export function findContainer(workload: Node, name?: string): Node<Container> | Problem {
  const containers = podSpec(workload).at('containers').items<Container>();
  const found = name ? containers.find((c) => c.value?.name === name) : containers[0];
  if (found) return found;
  return {
    code: 'container.missing',
    at: podSpec(workload).location('containers'),
    params: {
      kind: workload.object.kind,
      name: workload.object.name,
      container: name ?? '',
      found: containers.map((c) => `\`${String(c.value?.name)}\``).join(', '),
    },
  };
}

export function imageIs(container: Node<Container>, expected: string): Problem[] {
  const image = container.value.image;
  const problems: Problem[] = [];
  if (image !== expected) {
    problems.push({ code: 'image.value', at: container.location('image'), params: { actual: image ?? '', expected } });
  }
  if (container.value.imagePullPolicy === 'Always' && typeof image === 'string' && image.startsWith('taller/')) {
    problems.push({ code: 'image.pullAlways', at: container.location('imagePullPolicy'), params: { image } });
  }
  return problems;
}

/** The image's entrypoint stays; the subcommand and flags go in `args`. */
export function argsAre(container: Node<Container>, expected: readonly string[]): Problem[] {
  const { args, command } = expandedCommand(container);
  const actual = [...((command as unknown[]) ?? []), ...((args as unknown[]) ?? [])];
  if (command === undefined && JSON.stringify(args) === JSON.stringify(expected)) return [];
  return [
    {
      code: 'args.value',
      at: container.location(command !== undefined ? 'command' : 'args'),
      params: { actual: actual.length ? actual : '(la orden por defecto de la imagen)', expected },
    },
  ];
}

export function exposesPort(container: Node<Container>, port: number, portName?: string): Problem[] {
  const ports = container.at('ports').items<Record<string, unknown>>();
  const match = ports.find((p) => p.value?.containerPort === port);
  if (!match) {
    return [{ code: 'port.missing', at: container.location('ports'), params: { port, portName } }];
  }
  if (portName && match.value.name !== portName) {
    return [
      { code: 'port.name', at: match.location('name'), params: { port, portName, actual: match.value.name ?? '(sin nombre)' } },
    ];
  }
  return [];
}

export function envIs(container: Node<Container>, name: string, value: string): Problem[] {
  const env = container.at('env').items<Record<string, unknown>>();
  // The kubelet keeps the last entry of a repeated name.
  const entry = env.filter((e) => e.value?.name === name).at(-1);
  if (!entry) return [{ code: 'env.missing', at: container.location('env'), params: { name, value } }];
  if (containerEnv(container).values.get(name) !== value) {
    return [{ code: 'env.value', at: entry.location('value'), params: { name, value, actual: entry.value.value ?? '' } }];
  }
  return [];
}

/** An HTTP readiness (or other) probe on `path`, on one of the accepted ports. */
export function hasHttpProbe(
  container: Node<Container>,
  probe: 'readinessProbe' | 'livenessProbe' | 'startupProbe',
  path: string,
  ports: readonly (string | number)[],
): Problem[] {
  const node = container.at(probe);
  if (!node.exists) return [{ code: 'probe.missing', at: container.location(), params: { probe, path } }];
  const http = node.at<Record<string, unknown>>('httpGet');
  const expected = `una petición HTTP a \`${path}\` en el puerto ${ports.map((p) => `\`${p}\``).join(' o ')}`;
  if (!http.exists) {
    return [{ code: 'probe.wrong', at: node.location(), params: { probe, actual: 'otra cosa que no es `httpGet`', expected } }];
  }
  const { path: actualPath, port } = http.value;
  if (actualPath !== path || !ports.includes(port as string | number)) {
    return [
      {
        code: 'probe.wrong',
        at: http.location(actualPath !== path ? 'path' : 'port'),
        params: { probe, actual: `\`${String(actualPath)}\` en el puerto \`${String(port)}\``, expected },
      },
    ];
  }
  return [];
}

export function requests(container: Node<Container>, resources: readonly ('cpu' | 'memory')[]): Problem[] {
  const name = container.value.name;
  return resources
    .filter((r) => container.at(['resources', 'requests', r]).value === undefined)
    .map((resource) => ({
      code: 'resources.requestMissing',
      at: container.location('resources'),
      params: { container: name, resource },
    }));
}

/** Each resource has a limit, and it is not below what the container requests. */
export function limitsCoverRequests(container: Node<Container>, resources: readonly ('cpu' | 'memory')[]): Problem[] {
  const name = container.value.name;
  return resources.flatMap((resource): Problem[] => {
    const limit = container.at(['resources', 'limits', resource]).value;
    const request = container.at(['resources', 'requests', resource]).value;
    if (limit === undefined) {
      return [{ code: 'resources.limitMissing', at: container.location('resources'), params: { container: name, resource } }];
    }
    const l = quantityValue(limit);
    const r = quantityValue(request);
    if (l === undefined || r === undefined || l >= r) return [];
    return [{ code: 'resources.limitBelowRequest', at: container.location(['resources', 'limits', resource]), params: { resource, limit, request } }];
  });
}

/** A memory limit is set and is not below the memory request. */
export const memoryLimitCoversRequest = (container: Node<Container>): Problem[] => limitsCoverRequests(container, ['memory']);

/** The first argument is the image's subcommand (`etl`, `serve` …); flags may follow. */
export function runsSubcommand(container: Node<Container>, subcommand: string): Problem[] {
  const { args, command } = expandedCommand(container);
  if (command === undefined && Array.isArray(args) && args[0] === subcommand) return [];
  return [
    {
      code: 'args.subcommand',
      at: container.location(command !== undefined ? 'command' : 'args'),
      params: { subcommand, actual: [...((command as unknown[]) ?? []), ...((args as unknown[]) ?? [])] },
    },
  ];
}

/**
 * The container's mounts naming a volume its Pod does not declare, as the schema line reports them
 * (same code and place). A rule about mounts returns these rather than reasoning about a mount that
 * cannot exist; its line is then skipped as a repeat of the schema line's problem.
 */
export function undeclaredMounts(container: Node<Container>): Problem[] {
  const spec = new Node<{ volumes?: unknown }>(container.object, container.path.slice(0, -2));
  const declared = (Array.isArray(spec.value?.volumes) ? spec.value.volumes : []) as { name?: unknown }[];
  const volumes = new Set(declared.map((v) => v?.name).filter((n): n is string => typeof n === 'string'));
  return container
    .at('volumeMounts')
    .items<{ name?: unknown }>()
    .filter((m) => typeof m.value?.name === 'string' && !volumes.has(m.value.name))
    .map((m) => ({ code: 'schema.volumeNotFound', at: m.location('name'), params: { name: m.value.name, volumes: [...volumes] } }));
}
