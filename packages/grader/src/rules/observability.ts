// Observability (exercise 11): probes that reach the server's port, the log file written into a
// shared emptyDir, a native sidecar following that same file, and Prometheus' scrape annotations.
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import { Node, podSpec } from '../model.ts';
import { containerEnv, expandedCommand, imageIs, runsSubcommand, undeclaredMounts, type Container } from './containers.ts';

type Probe = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
type Port = { name?: unknown; containerPort?: unknown };
type Mount = { name?: unknown; mountPath?: unknown; subPath?: unknown; subPathExpr?: unknown; readOnly?: unknown };

const SERVE_DEFAULT_PORT = 8080;
const WORKSHOP_IMAGE = 'taller/app-datos:1.0';

/** The port `serve` listens on: a numeric `PORT` in env (after `$(VAR)` expansion), else 8080. */
export function servePort(container: Node<Container>): number {
  const value = containerEnv(container).values.get('PORT');
  return typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : SERVE_DEFAULT_PORT;
}

const declaredPorts = (container: Node<Container>) => container.at('ports').items<Port>().map((p) => p.value ?? {});
const showPorts = (ports: Port[]) =>
  ports.map((p) => `\`${String(p.containerPort)}\`${p.name ? ` (\`${String(p.name)}\`)` : ''}`).join(', ') || 'ninguno';

/**
 * Where a probe's `port` (a number, or the name of a declared container port) lands, or the
 * problem when it is a name the container does not declare or a port the server does not use.
 */
function probePortProblem(container: Node<Container>, probe: Probe, handler: Node<Record<string, unknown>>): Problem | undefined {
  const port = handler.value.port;
  const ports = declaredPorts(container);
  const listen = servePort(container);
  const named = typeof port === 'string' ? ports.find((p) => p.name === port) : undefined;
  const resolved = typeof port === 'number' ? port : named?.containerPort;
  if (resolved === listen) return undefined;
  return {
    code: 'observability.probePort',
    at: handler.location('port'),
    params: {
      probe,
      port,
      resolved,
      listen,
      ports: showPorts(ports),
      unknownName: typeof port === 'string' && !named,
      quoted: typeof port === 'string' && /^\d+$/.test(port),
    },
  };
}

/**
 * The probe exists and asks the server on its own port: `httpGet` on one of `paths` (the first is
 * the one to suggest), or, when `tcpAllowed`, a `tcpSocket` check of that port.
 */
export function probeOnServePort(container: Node<Container>, probe: Probe, paths: readonly string[], tcpAllowed = false): Problem[] {
  const node = container.at<Record<string, unknown>>(probe);
  const path0 = paths[0]!;
  if (!node.exists) return [{ code: 'observability.probeMissing', at: container.location(), params: { probe, path: path0, container: container.value.name } }];
  const http = node.at<Record<string, unknown>>('httpGet');
  const tcp = node.at<Record<string, unknown>>('tcpSocket');
  if (tcp.exists && tcpAllowed) {
    const p = probePortProblem(container, probe, tcp);
    return p ? [p] : [];
  }
  const other = http.exists ? undefined : tcp.exists ? 'tcpSocket' : node.at('exec').exists ? 'exec' : node.at('grpc').exists ? 'grpc' : 'nada';
  if (other || http.value.scheme === 'HTTPS') {
    return [{ code: 'observability.probeHandler', at: node.location(other ? [] : ['httpGet', 'scheme']), params: { probe, handler: other ?? 'HTTPS', path: path0 } }];
  }
  if (!paths.includes(http.value.path as string)) {
    return [{ code: 'observability.probePath', at: http.location('path'), params: { probe, actual: http.value.path, paths } }];
  }
  const p = probePortProblem(container, probe, http);
  return p ? [p] : [];
}

/** A container of the Pod template by name, wherever it is declared. */
function locate(workload: Node, name: string): { node: Node<Container>; list: 'initContainers' | 'containers' } | undefined {
  for (const list of ['initContainers', 'containers'] as const) {
    const node = podSpec(workload).at(list).items<Container>().find((c) => c.value?.name === name);
    if (node) return { node, list };
  }
  return undefined;
}

function missingContainer(workload: Node, name: string, sidecar: boolean): Problem {
  const spec = podSpec(workload);
  const names = (['initContainers', 'containers'] as const).flatMap((list) =>
    spec.at(list).items<Container>().map((c) => `\`${String(c.value?.name)}\` (${list})`),
  );
  return {
    code: sidecar ? 'observability.sidecarMissing' : 'container.missing',
    at: spec.location(sidecar && spec.at('initContainers').exists ? 'initContainers' : 'containers'),
    params: { kind: workload.object.kind, name: workload.object.name, container: name, found: names.join(', ') },
  };
}

/** The sidecar is native: listed in `initContainers` with `restartPolicy: Always`. */
export function nativeSidecar(workload: Node, name: string): Problem[] {
  const found = locate(workload, name);
  if (!found) return [missingContainer(workload, name, true)];
  const policy = found.node.value.restartPolicy;
  if (found.list === 'containers') return [{ code: 'observability.sidecarRegular', at: found.node.location(), params: { name } }];
  if (policy === 'Always') return [];
  return [
    {
      code: 'observability.sidecarNotRestartable',
      at: found.node.location(policy === undefined ? [] : 'restartPolicy'),
      params: { name, policy },
    },
  ];
}

/** A file path resolved to the volume that holds it: the volume's name and the path inside it. */
interface InVolume {
  volume: string;
  inside: string;
  mount: Node<Mount>;
}

/**
 * Which mounted volume holds `file` in this container (the deepest mount wins, as in the kernel),
 * and where inside the volume it is (subPath included); undefined when no mount holds it.
 */
function resolveInVolume(container: Node<Container>, file: string): InVolume | undefined {
  const holders = container
    .at('volumeMounts')
    .items<Mount>()
    .map((m) => ({ m, rel: typeof m.value?.mountPath === 'string' ? path.posix.relative(m.value.mountPath, file) : '..' }))
    .filter(({ rel }) => rel !== '' && !rel.startsWith('..') && !path.posix.isAbsolute(rel))
    .sort((a, b) => a.rel.length - b.rel.length);
  const best = holders[0];
  if (!best) return undefined;
  const sub = String(best.m.value.subPath ?? best.m.value.subPathExpr ?? '');
  return { volume: String(best.m.value.name), inside: path.posix.normalize(path.posix.join(sub, best.rel)), mount: best.m };
}

const isAbsoluteFile = (file: unknown): file is string => typeof file === 'string' && path.posix.isAbsolute(file) && !file.endsWith('/');

/** The app's `LOG_FILE`, resolved into its volume; a problem when it is missing or not in an emptyDir. */
function appLogFile(workload: Node, app: string): InVolume | Problem {
  const found = locate(workload, app);
  if (!found) return missingContainer(workload, app, false);
  const container = found.node;
  // The kubelet keeps the last entry of a repeated name, and expands `$(VAR)` in its value.
  const entry = container.at('env').items<Record<string, unknown>>().filter((e) => e.value?.name === 'LOG_FILE').at(-1);
  if (!entry) return { code: 'observability.logFileMissing', at: container.location(container.value.env ? 'env' : []), params: { container: app } };
  if (entry.value.valueFrom !== undefined) return { code: 'observability.logFileNotLiteral', at: entry.location('valueFrom'), params: {} };
  const file = containerEnv(container).values.get('LOG_FILE');
  const written = entry.value.value;
  if (file === undefined) return { code: 'observability.logFileNotLiteral', at: entry.location('value'), params: { written } };
  if (!isAbsoluteFile(file)) return { code: 'observability.logFileNotAbsolute', at: entry.location('value'), params: { file, written } };
  const undeclared = undeclaredMounts(container);
  if (undeclared.length > 0) return undeclared[0]!;
  const inVolume = resolveInVolume(container, file);
  const mounts = container.at('volumeMounts').items<Mount>().map((m) => `\`${String(m.value?.mountPath)}\``).join(', ');
  if (!inVolume) {
    const isMountPath = container.at('volumeMounts').items<Mount>().some((m) => typeof m.value?.mountPath === 'string' && path.posix.relative(m.value.mountPath, file) === '');
    return { code: 'observability.logFileNotMounted', at: entry.location('value'), params: { file, written, mounts, isMountPath } };
  }
  // Declared: undeclaredMounts above returned otherwise.
  const volume = volumeNamed(workload, inVolume.volume)!;
  if (!volume.at('emptyDir').exists) {
    const type = Object.keys(volume.value).find((k) => k !== 'name') ?? 'desconocido';
    return { code: 'observability.volumeNotEmptyDir', at: volume.location(), params: { volume: inVolume.volume, type } };
  }
  if (inVolume.mount.value.readOnly === true) {
    return { code: 'observability.logFileReadOnly', at: inVolume.mount.location('readOnly'), params: { file, written, mountPath: inVolume.mount.value.mountPath } };
  }
  return inVolume;
}

function volumeNamed(workload: Node, name: string): Node<Record<string, unknown>> | undefined {
  return podSpec(workload).at('volumes').items<Record<string, unknown>>().find((v) => v.value?.name === name);
}

const isProblem = (v: InVolume | Problem): v is Problem => 'code' in v;

/** The app container sets `LOG_FILE` to a file inside a writable emptyDir mount. */
export function logFileInEmptyDir(workload: Node, app: string): Problem[] {
  const found = appLogFile(workload, app);
  return isProblem(found) ? [found] : [];
}

/**
 * The sidecar runs the workshop image's `tail FILE`, and FILE is, through the sidecar's own
 * mounts, the same file of the same volume the app writes as `LOG_FILE` (mount paths may differ).
 */
export function sidecarFollowsLogFile(workload: Node, sidecar: string, app: string): Problem[] {
  const found = locate(workload, sidecar);
  if (!found) return [missingContainer(workload, sidecar, true)];
  const container = found.node;
  const problems = [...imageIs(container, WORKSHOP_IMAGE), ...runsSubcommand(container, 'tail')];
  if (problems.length) return problems;
  // runsSubcommand() passed: no `command`, and `args` is a list (expanded from the sidecar's env).
  const args = expandedCommand(container).args!;
  const file = args[1];
  const tailed = (container.value.args as unknown[])[1];
  if (args.length !== 2 || !isAbsoluteFile(file)) {
    return [{ code: 'observability.tailArgs', at: container.location('args'), params: { args, follow: args.some((a) => /^-(f|F|-follow)/.test(String(a))) } }];
  }
  const logged = appLogFile(workload, app);
  if (isProblem(logged)) return [{ code: 'observability.tailWithoutLogFile', at: container.location('args'), params: { app } }];
  const undeclared = undeclaredMounts(container);
  if (undeclared.length > 0) return undeclared;
  const read = resolveInVolume(container, file);
  if (!read) {
    return [{ code: 'observability.tailNotMounted', at: container.location(['args', 1]), params: { file, written: tailed, volume: logged.volume } }];
  }
  if (read.volume !== logged.volume || read.inside !== logged.inside) {
    return [
      {
        code: 'observability.tailOtherFile',
        at: container.location(['args', 1]),
        params: { file, written: tailed, read, logged, sameVolume: read.volume === logged.volume },
      },
    ];
  }
  return [];
}

const SCRAPE = 'prometheus.io/scrape';
const PATH = 'prometheus.io/path';
const PORT = 'prometheus.io/port';

/**
 * The Pod template carries Prometheus' scrape annotations as strings: scrape "true", the metrics
 * path, and the number of the port the server listens on.
 */
export function prometheusScrape(workload: Node, app: string, metricsPath: string): Problem[] {
  const annotations = new Node<Record<string, unknown>>(workload.object, [...podSpec(workload).path.slice(0, -1), 'metadata', 'annotations']);
  const found = locate(workload, app);
  const port = found ? servePort(found.node) : SERVE_DEFAULT_PORT;
  const given = annotations.exists && typeof annotations.value === 'object' ? annotations.value : {};
  if (![SCRAPE, PATH, PORT].some((k) => k in given)) {
    // Prometheus discovers Pods: annotations on the Deployment itself are never seen.
    const outer = workload.at<Record<string, unknown>>('metadata.annotations');
    const misplaced = workload.object.kind !== 'Pod' && outer.exists && typeof outer.value === 'object' && SCRAPE in outer.value;
    return [
      {
        code: misplaced ? 'observability.annotationsMisplaced' : 'observability.annotationsMissing',
        at: misplaced ? outer.location() : annotations.location(),
        params: { kind: workload.object.kind, path: metricsPath, port },
      },
    ];
  }
  const expected: Record<string, string> = { [SCRAPE]: 'true', [PATH]: metricsPath, [PORT]: String(port) };
  return Object.entries(expected).flatMap(([key, value]): Problem[] => {
    const actual = given[key];
    if (actual === value) return [];
    const at = annotations.location(actual === undefined ? [] : [key]);
    if (actual === undefined) return [{ code: 'observability.annotationMissing', at, params: { key, value } }];
    if (typeof actual !== 'string') return [{ code: 'observability.annotationNotString', at, params: { key, actual, value } }];
    return [{ code: 'observability.annotationValue', at, params: { key, actual, value, isPortName: key === PORT && !/^\d+$/.test(actual) } }];
  });
}
