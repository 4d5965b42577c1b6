// Where the live tier runs: kind (cluster `taller`, created on first use and reused), minikube
// (profile `taller`) or an existing context. Chosen by TALLER_CLUSTER, else detected in that order.
// Providers differ only in how a cluster is created and how an image gets into it.
import path from 'node:path';
import { REPO_ROOT } from '../catalog/paths.ts';
import { KUBERNETES_VERSION } from '../schema/version.ts';
import { withLock } from '../system/lock.ts';
import { run } from '../system/process.ts';
import { isLocalContext, readKubeconfig } from './kubeconfig.ts';
import { step } from './progress.ts';

export const CLUSTER_NAME = 'taller';
export const KIND_NODE_IMAGE = `kindest/node:${KUBERNETES_VERSION}`;
export const KIND_CONFIG = path.join(REPO_ROOT, 'packages/grader/kind/taller.yaml');

export type ProviderName = 'kind' | 'minikube' | 'existing';

export interface Target {
  provider: ProviderName;
  context: string;
  /** The kubeconfig reduced to this context (see kubeconfig.ts): all client-node ever loads. */
  kubeconfig: string;
}

/** A target, or the Spanish reason there is none (with what to install). */
export type Resolution = Target | { reason: string };

const INSTALL =
  'instala Docker y kind (o minikube) como explica docs/instalacion.md, o apunta a un clúster local con TALLER_CLUSTER=existing';

async function has(cmd: string, args: string[]): Promise<boolean> {
  const r = await run(cmd, args, { timeoutMs: 20_000 });
  return r.code === 0;
}

export async function resolveTarget(env: NodeJS.ProcessEnv = process.env): Promise<Resolution> {
  const wanted = env.TALLER_CLUSTER?.toLowerCase();
  if (wanted && !['kind', 'minikube', 'existing'].includes(wanted)) {
    return { reason: `TALLER_CLUSTER=${env.TALLER_CLUSTER} no es válido: usa kind, minikube o existing` };
  }
  if (wanted === 'existing' || (!wanted && env.TALLER_CONTEXT)) return existing(env);
  if (wanted === 'kind') return kind(env);
  if (wanted === 'minikube') return minikube(env);
  // Detection: kind needs a working Docker; minikube brings its own driver.
  if ((await has('kind', ['version'])) && (await has('docker', ['info']))) return kind(env);
  if (await has('minikube', ['version'])) return minikube(env);
  const fallback = await existing(env);
  if ('context' in fallback) return fallback;
  // A current context that is not usable deserves its own reason; no kubeconfig, the generic one.
  const kc = readKubeconfig(env);
  if ('reason' in kc || kc.current) return fallback;
  return { reason: `no hay ningún clúster disponible: ${INSTALL}` };
}

function existing(env: NodeJS.ProcessEnv): Promise<Resolution> {
  const named = env.TALLER_CONTEXT || undefined;
  return use(env, named, !named);
}

/**
 * The context, checked: it exists, its cluster exists, and (unless the learner named it) it is
 * local. Nothing of it runs before that (client-node gets only this context, after the check).
 */
async function use(env: NodeJS.ProcessEnv, name: string | undefined, mustBeLocal: boolean, provider: ProviderName = 'existing'): Promise<Resolution> {
  const kc = readKubeconfig(env);
  if ('reason' in kc) return { reason: `${kc.reason} (E25)` };
  const context = name ?? kc.current;
  if (!context) return { reason: `no hay contexto en tu kubeconfig (E25): ${INSTALL}` };
  const facts = kc.contexts.get(context);
  if (!facts) return { reason: `el contexto «${context}» no está en tu kubeconfig (E25)` };
  if (!facts.cluster || !facts.server) {
    return { reason: `el contexto «${context}» apunta al clúster «${facts.cluster ?? ''}», que no está en tu kubeconfig o no tiene \`server\` (E25): revisa \`kubectl config view\`` };
  }
  if (mustBeLocal && !(await isLocalContext(context, facts))) {
    return {
      reason: `el contexto «${context}» (servidor ${facts.server}) no parece un clúster local y el corrector no lo toca; si es tuyo y de pruebas, nómbralo con TALLER_CONTEXT=${context}`,
    };
  }
  return { provider, context, kubeconfig: kc.only(context) };
}

async function kind(env: NodeJS.ProcessEnv): Promise<Resolution> {
  if (!(await has('kind', ['version']))) return { reason: 'TALLER_CLUSTER=kind, pero kind no está instalado (ver docs/instalacion.md)' };
  if (!(await has('docker', ['info']))) return { reason: 'kind necesita Docker, y Docker no responde (E01/E02 en docs/solucion-de-problemas.md)' };
  return withLock(
    'kind-taller',
    `crear el clúster kind «${CLUSTER_NAME}»`,
    async () => {
      const clusters = await run('kind', ['get', 'clusters'], { timeoutMs: 30_000 });
      if (!clusters.stdout.split('\n').includes(CLUSTER_NAME)) {
        const s = step(`Creando el clúster kind «${CLUSTER_NAME}» (${KIND_NODE_IMAGE}); la primera vez tarda uno o dos minutos`);
        const r = await run(
          'kind',
          ['create', 'cluster', '--name', CLUSTER_NAME, '--image', KIND_NODE_IMAGE, '--config', KIND_CONFIG, '--wait', '180s'],
          { timeoutMs: 10 * 60_000 },
        );
        s.done(r.code === 0);
        if (r.code !== 0) return { reason: `kind no pudo crear el clúster (E22): ${lastLines(r.stderr)}` };
      }
      return use(env, `kind-${CLUSTER_NAME}`, true, 'kind');
    },
    { maxWaitMs: 15 * 60_000 },
  );
}

async function minikube(env: NodeJS.ProcessEnv): Promise<Resolution> {
  if (!(await has('minikube', ['version']))) return { reason: 'TALLER_CLUSTER=minikube, pero minikube no está instalado (ver docs/instalacion.md)' };
  return withLock('minikube-taller', `arrancar minikube «${CLUSTER_NAME}»`, async () => {
    const status = await run('minikube', ['-p', CLUSTER_NAME, 'status', '-o', 'json'], { timeoutMs: 30_000 });
    if (!status.stdout.includes('"APIServer":"Running"')) {
      const s = step(`Arrancando minikube (perfil «${CLUSTER_NAME}»); la primera vez tarda unos minutos`);
      const r = await run(
        'minikube',
        ['start', '-p', CLUSTER_NAME, `--kubernetes-version=${KUBERNETES_VERSION}`, '--cpus=2', '--memory=4g'],
        { timeoutMs: 15 * 60_000 },
      );
      s.done(r.code === 0);
      if (r.code !== 0) return { reason: `minikube no pudo arrancar (E06): ${lastLines(r.stderr || r.stdout)}` };
    }
    return use(env, CLUSTER_NAME, true, 'minikube');
  });
}

function lastLines(text: string, n = 3): string {
  return text.trim().split('\n').slice(-n).join(' / ');
}
