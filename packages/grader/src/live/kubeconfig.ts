// The kubeconfig, read as kubectl reads it (the KUBECONFIG list, else ~/.kube/config; missing
// files skipped; the first file wins per cluster, user and context name; current-context from the
// first file that sets it) but bounded: at most 1 MiB a file, pipes read without blocking and
// within a deadline. client-node then loads only what was read here, for the chosen context, so it
// never reads a file itself nor sees another context's credential plugin.
//
// Which contexts the kit may touch: kind's, Docker or Rancher Desktop's when their server is on
// loopback; a minikube profile's (its cluster entry carries minikube's extension) when its server
// is loopback or the profile's own address; the kit's CI cluster. Any other only by TALLER_CONTEXT.
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from '../system/process.ts';

export const CI_CONTEXT = 'kwok-taller-ci';
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;
const PIPE_DEADLINE_MS = 2000;
const LOOKUP_TIMEOUT_MS = 2000;
const MINIKUBE_IP_TIMEOUT_MS = 15_000;

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
interface Named {
  name: string;
  [k: string]: unknown;
}

export interface ContextFacts {
  cluster?: string;
  /** The cluster's server URL, when the cluster entry exists. */
  server?: string;
  /** The cluster entry carries minikube's extension. */
  minikube: boolean;
}

export interface Kubeconfig {
  current?: string;
  contexts: Map<string, ContextFacts>;
  /** Only `context`, its cluster and its user, as a kubeconfig text for client-node's `loadFromString`. */
  only(context: string): string;
}

export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter(Boolean) : [path.join(os.homedir(), '.kube', 'config')];
}

/** The text of one kubeconfig file; undefined when it does not exist (kubectl skips it), else the reason it cannot be used. */
export function readBounded(file: string, deadlineMs = PIPE_DEADLINE_MS): { text: string } | { reason: string } | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return { reason: `${file} es una carpeta, no un kubeconfig` };
  if (stat.isFile() && stat.size > MAX_KUBECONFIG_BYTES) return { reason: `${file} ocupa más de 1 MB: no parece un kubeconfig` };
  let fd: number;
  try {
    // Non-blocking: a FIFO without a writer, or one that never writes, must not hang the grader.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { reason: `no se puede leer ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const deadline = Date.now() + deadlineMs;
  try {
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') return { reason: `no se puede leer ${file} (${code ?? String(err)})` };
        if (Date.now() > deadline) return { reason: `${file} no terminó de llegar en ${deadlineMs / 1000} s (¿una tubería que nadie escribe?)` };
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        continue;
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_KUBECONFIG_BYTES) return { reason: `${file} ocupa más de 1 MB: no parece un kubeconfig` };
      chunks.push(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** kubectl resolves these paths against the folder of the file that names them. */
const CLUSTER_PATHS = ['certificate-authority'];
const USER_PATHS = ['client-certificate', 'client-key', 'tokenFile', 'token-file'];

function resolvePaths(entry: Mapping, field: 'cluster' | 'user', dir: string): Named {
  const inner = isMapping(entry[field]) ? { ...(entry[field] as Mapping) } : {};
  for (const key of field === 'cluster' ? CLUSTER_PATHS : USER_PATHS) {
    const v = inner[key];
    if (typeof v === 'string' && v && !path.isAbsolute(v)) inner[key] = path.join(dir, v);
  }
  if (field === 'user' && isMapping(inner.exec) && typeof inner.exec.command === 'string' && inner.exec.command.includes('/') && !path.isAbsolute(inner.exec.command)) {
    inner.exec = { ...inner.exec, command: path.join(dir, inner.exec.command) };
  }
  return { ...entry, name: entry.name as string, [field]: inner };
}

/** The merged kubeconfig, or the reason it cannot be used (a file kubectl would reject too). */
export function readKubeconfig(env: NodeJS.ProcessEnv = process.env): Kubeconfig | { reason: string } {
  const clusters = new Map<string, Named>();
  const users = new Map<string, Named>();
  const contexts = new Map<string, Named>();
  let current: string | undefined;
  for (const file of kubeconfigFiles(env)) {
    const read = readBounded(file);
    if (!read) continue;
    if ('reason' in read) return { reason: `tu kubeconfig no se puede usar: ${read.reason}` };
    let raw: unknown;
    try {
      raw = parse(read.text, { maxAliasCount: 100 }) ?? {};
    } catch (err) {
      return { reason: `tu kubeconfig ${file} no es YAML válido (${(err as Error).message.split('\n')[0]}): corrígelo (\`kubectl config view\` también fallará)` };
    }
    if (!isMapping(raw)) return { reason: `tu kubeconfig ${file} no es un kubeconfig (debe ser un mapa con clusters, users y contexts)` };
    if (typeof raw['current-context'] === 'string' && raw['current-context']) current ??= raw['current-context'];
    const dir = path.dirname(file);
    for (const [key, into, field] of [['clusters', clusters, 'cluster'], ['users', users, 'user'], ['contexts', contexts, 'context']] as const) {
      const list = raw[key];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) return { reason: `en tu kubeconfig ${file}, \`${key}\` no es una lista` };
      for (const entry of list) {
        if (!isMapping(entry) || typeof entry.name !== 'string' || !entry.name) continue;
        // The first file wins, as in kubectl.
        if (into.has(entry.name)) continue;
        into.set(entry.name, field === 'context' ? { ...entry, name: entry.name } : resolvePaths(entry, field, dir));
      }
    }
  }
  const facts = new Map<string, ContextFacts>();
  for (const [name, ctx] of contexts) {
    const inner = isMapping(ctx.context) ? ctx.context : {};
    const clusterName = typeof inner.cluster === 'string' ? inner.cluster : undefined;
    const cluster = clusterName ? clusters.get(clusterName)?.cluster : undefined;
    const c = isMapping(cluster) ? cluster : undefined;
    const extensions = Array.isArray(c?.extensions) ? c.extensions : [];
    const minikube = extensions.some((e) => isMapping(e) && isMapping(e.extension) && String(e.extension.provider ?? '').includes('minikube'));
    facts.set(name, { cluster: clusterName, server: typeof c?.server === 'string' ? c.server : undefined, minikube });
  }
  return {
    current,
    contexts: facts,
    only(name: string): string {
      const ctx = contexts.get(name)!;
      const inner = isMapping(ctx.context) ? ctx.context : {};
      const cluster = clusters.get(String(inner.cluster));
      const user = typeof inner.user === 'string' ? users.get(inner.user) : undefined;
      return JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': name,
        clusters: cluster ? [cluster] : [],
        users: user ? [user] : [],
        contexts: [{ name, context: { ...inner, ...(user ? {} : { user: undefined }) } }],
      });
    },
  };
}

/** The address part of a server URL, without IPv6 brackets. */
function hostOf(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    return new URL(server).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return undefined;
  }
}

function loopbackAddress(address: string): boolean {
  if (net.isIPv4(address)) return address.startsWith('127.');
  if (net.isIPv6(address)) return address === '::1' || /^::ffff:127\./i.test(address);
  return false;
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** The server is on this machine: a loopback address, `localhost`, or a name that resolves only to loopback (Docker Desktop's `kubernetes.docker.internal`). */
export async function onLoopback(server: string | undefined, resolve: Resolver = systemResolver): Promise<boolean> {
  const host = hostOf(server);
  if (!host) return false;
  if (net.isIP(host)) return loopbackAddress(host);
  if (host === 'localhost') return true;
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      resolve(host),
      new Promise<string[]>((r) => {
        timer = setTimeout(() => r([]), LOOKUP_TIMEOUT_MS);
      }),
    ]);
    return addresses.length > 0 && addresses.every(loopbackAddress);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `minikube -p <profile> ip`, bounded; undefined when minikube does not answer. */
export async function minikubeIp(profile: string): Promise<string | undefined> {
  const r = await run('minikube', ['-p', profile, 'ip'], { timeoutMs: MINIKUBE_IP_TIMEOUT_MS });
  const ip = r.stdout.trim();
  return r.code === 0 && net.isIP(ip) ? ip : undefined;
}

export interface TrustDeps {
  resolve?: Resolver;
  minikubeIp?: (profile: string) => Promise<string | undefined>;
}

/** The kit may use this context without being told (see the rule at the top of this file). */
export async function isLocalContext(name: string, facts: ContextFacts | undefined, deps: TrustDeps = {}): Promise<boolean> {
  if (name === CI_CONTEXT) return true;
  if (!facts?.server) return false;
  const loopback = () => onLoopback(facts.server, deps.resolve);
  if (name.startsWith('kind-') || name === 'docker-desktop' || name === 'rancher-desktop') return loopback();
  if (facts.minikube) {
    if (await loopback()) return true;
    const ip = await (deps.minikubeIp ?? minikubeIp)(name);
    return ip !== undefined && hostOf(facts.server) === ip;
  }
  return false;
}
