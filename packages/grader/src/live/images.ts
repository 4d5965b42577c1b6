// The workshop image `taller/app-datos:1.0` in the cluster: built from packages/app-datos when
// Docker lacks the current build, and loaded only when the cluster lacks that exact build. One
// mechanism: the build carries a label with the content hash of its folder, and both Docker's
// copy and the node's copy are compared by that label. Nothing is ever pulled (`:latest` never).
// Upstream images an exercise names (redis for 13) are simpler: pulled once into Docker, loaded
// the same way, and only when the node has no copy at all.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../catalog/paths.ts';
import { withLock } from '../system/lock.ts';
import { run } from '../system/process.ts';
import { step } from './progress.ts';
import { CLUSTER_NAME, type Target } from './providers.ts';

export const WORKSHOP_IMAGE = 'taller/app-datos:1.0';
const CONTEXT_DIR = path.join(REPO_ROOT, 'packages/app-datos');
const HASH_LABEL = 'taller.contenido';
const IGNORED = new Set(['test', 'node_modules', '__pycache__']);

/** A hash of every file that goes into the image (what .dockerignore keeps out does not count). */
export function contentHash(dir = CONTEXT_DIR): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (IGNORED.has(entry.name) || entry.name.endsWith('.pyc')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) hash.update(child).update('\0').update(readFileSync(path.join(dir, child))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 16);
}

async function dockerLabel(): Promise<string | undefined> {
  const r = await run('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${HASH_LABEL}" }}`, WORKSHOP_IMAGE], { timeoutMs: 30_000 });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Builds the image in Docker when Docker lacks this build. Returns a Spanish reason on failure. */
export async function ensureBuilt(hash = contentHash()): Promise<string | undefined> {
  if ((await dockerLabel()) === hash) return undefined;
  return withLock('image-app-datos', `construir ${WORKSHOP_IMAGE}`, async () => {
    if ((await dockerLabel()) === hash) return undefined;
    const s = step(`Construyendo la imagen del taller ${WORKSHOP_IMAGE}`);
    const r = await run('docker', ['build', '--label', `${HASH_LABEL}=${hash}`, '-t', WORKSHOP_IMAGE, CONTEXT_DIR], {
      timeoutMs: 10 * 60_000,
    });
    s.done(r.code === 0);
    return r.code === 0 ? undefined : `no se pudo construir ${WORKSHOP_IMAGE}: ${r.stderr.trim().split('\n').slice(-5).join(' / ')}`;
  });
}

// How to run a command on the cluster's node, per provider.
const ON_NODE: Record<'kind' | 'minikube', string[]> = {
  kind: ['docker', 'exec', `${CLUSTER_NAME}-control-plane`],
  minikube: ['minikube', '-p', CLUSTER_NAME, 'ssh', '--', 'sudo'],
};

/** The label of the node's copy of the image, read through crictl on the node. */
async function nodeLabel(provider: 'kind' | 'minikube'): Promise<string | undefined> {
  const [cmd, ...prefix] = ON_NODE[provider];
  const r = await run(cmd!, [...prefix, 'crictl', 'inspecti', '-o', 'json', `docker.io/${WORKSHOP_IMAGE}`], { timeoutMs: 60_000 });
  if (r.code !== 0) return undefined;
  try {
    const info = JSON.parse(r.stdout) as { info?: { imageSpec?: { config?: { Labels?: Record<string, string> } } } };
    return info.info?.imageSpec?.config?.Labels?.[HASH_LABEL];
  } catch {
    return undefined;
  }
}

/**
 * Makes the cluster run the current build of the workshop image. kind: `docker image save` +
 * `kind load image-archive` (plain `kind load docker-image` fails with Docker's containerd
 * image store); minikube: `minikube image load`. An existing context shares Docker's images
 * (Docker Desktop) or has its own loader, so nothing is done for it.
 */
export async function ensureLoaded(target: Target): Promise<string | undefined> {
  if (target.provider === 'existing') return undefined;
  const hash = contentHash();
  const built = await ensureBuilt(hash);
  if (built) return built;
  const provider = target.provider;
  return withLock(`load-${provider}`, `cargar ${WORKSHOP_IMAGE} en ${provider}`, async () => {
    if ((await nodeLabel(provider)) === hash) return undefined;
    return loadImage(provider, WORKSHOP_IMAGE);
  });
}

/** Docker's image from the host into the cluster's node; a Spanish reason on failure (E23). */
async function loadImage(provider: 'kind' | 'minikube', image: string): Promise<string | undefined> {
  if (provider === 'kind') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taller-imagen-'));
    const archive = path.join(dir, 'imagen.tar');
    const s = step(`Cargando ${image} en el clúster kind «${CLUSTER_NAME}»`);
    try {
      const arch = os.arch() === 'arm64' ? 'arm64' : 'amd64';
      let save = await run('docker', ['image', 'save', '--platform', `linux/${arch}`, '-o', archive, image], { timeoutMs: 5 * 60_000 });
      // Older Docker has no --platform for save; its image store holds one platform anyway.
      if (save.code !== 0 && save.stderr.includes('platform')) save = await run('docker', ['image', 'save', '-o', archive, image], { timeoutMs: 5 * 60_000 });
      const load = save.code === 0 ? await run('kind', ['load', 'image-archive', archive, '--name', CLUSTER_NAME], { timeoutMs: 5 * 60_000 }) : save;
      s.done(load.code === 0);
      return load.code === 0 ? undefined : `no se pudo cargar ${image} en kind (E23): ${load.stderr.trim().split('\n').slice(-3).join(' / ')}`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const s = step(`Cargando ${image} en minikube «${CLUSTER_NAME}»`);
  const load = await run('minikube', ['-p', CLUSTER_NAME, 'image', 'load', '--overwrite=true', image], { timeoutMs: 5 * 60_000 });
  s.done(load.code === 0);
  return load.code === 0 ? undefined : `no se pudo cargar ${image} en minikube (E23): ${load.stderr.trim().split('\n').slice(-3).join(' / ')}`;
}

/** `redis:7.2` → `docker.io/library/redis:7.2`: the name the node's runtime files it under. */
export function fullImageName(image: string): string {
  let name = image.includes('/') ? image : `library/${image}`;
  const registry = name.split('/')[0]!;
  if (!/[.:]/.test(registry) && registry !== 'localhost') name = `docker.io/${name}`;
  return name;
}

/**
 * An upstream image an exercise names (`taller.images` in its package.json, e.g. `redis:7.0-bookworm`)
 * on the node: when the node lacks it, pulled once into Docker (unless Docker has it) and loaded
 * like the workshop image, so the cluster never pulls it itself (rate limits, proxies: E14, E15).
 * Any copy on the node counts: the tag is pinned, and a patch release more or less changes nothing.
 */
export async function ensureUpstreamLoaded(target: Target, image: string): Promise<string | undefined> {
  if (target.provider === 'existing') return undefined;
  const provider = target.provider;
  return withLock(`load-${provider}`, `cargar ${image} en ${provider}`, async () => {
    const [cmd, ...prefix] = ON_NODE[provider];
    const onNode = await run(cmd!, [...prefix, 'crictl', 'inspecti', '-q', fullImageName(image)], { timeoutMs: 60_000 });
    if (onNode.code === 0) return undefined;
    const inDocker = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
    if (inDocker.code !== 0) {
      const s = step(`Descargando ${image} con Docker (solo la primera vez)`);
      const pull = await run('docker', ['pull', image], { timeoutMs: 15 * 60_000 });
      s.done(pull.code === 0);
      if (pull.code !== 0) {
        const why = pull.stderr.trim().split('\n').slice(-2).join(' / ');
        return `no se pudo descargar ${image} (E14 si dice «toomanyrequests», E15 detrás de un proxy): ${why}`;
      }
    }
    return loadImage(provider, image);
  });
}
