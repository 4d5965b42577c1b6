// Live checks of exercise 09, on the applied (rendered) overlay: the rollout, failing at once when
// the Deployment asks for another number of replicas, and what the running application shows at
// `/config`. `/config` is read inside the Pod (exec, like `kubectl exec … -- python3 …`): a
// client Pod's `pedir` keeps only the first 200 characters of a body, and the mounted file may
// come after them.
import type * as k8s from '@kubernetes/client-node';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { sameName } from '../kustomize/overlay.ts';
import { poll } from './checks.ts';
import { shortError } from './cluster.ts';
import { podsReady, podsWithLabels, rolloutComplete, templateLabels } from './dataplane.ts';
import { execInPod } from './exec.ts';
import type { Admission } from './run.ts';
import { locationOf, sourceOf } from './run.ts';

/** A Deployment rolled out with `replicas` available; a different `spec.replicas` fails without waiting. */
export async function rolloutWithReplicas(a: Admission, ex: Exercise, name: string, replicas: number): Promise<Problem[]> {
  const at = locationOf(ex, 'Deployment', name);
  const apps = a.cluster.kc.makeApiClient(a.cluster.lib.AppsV1Api);
  let desired: number;
  try {
    desired = (await apps.readNamespacedDeployment({ name, namespace: a.namespace })).spec?.replicas ?? 1;
  } catch (err) {
    return [{ code: 'live.lost', at, params: { error: shortError(err) } }];
  }
  if (desired !== replicas) {
    // Waiting cannot change what the Deployment asks for.
    const overlay = ex.config.kustomize ? ` (lo que construye \`${ex.config.manifests ?? 'k8s'}/${ex.config.kustomize.live}\`)` : '';
    const evidence = [`el Deployment aplicado${overlay} pide ${desired} réplica${desired === 1 ? '' : 's'} (\`spec.replicas\`)`];
    return [{ code: 'live.rollout', at, params: { name, replicas, evidence, namespace: a.namespace } }];
  }
  return rolloutComplete(a, ex, name, replicas);
}

export interface ConfigExpected {
  /** Variables `/config` must show under `entorno`. */
  env: Record<string, string>;
  /** Files under /etc/app-datos that `/config` must show, each with the content of that key of this ConfigMap. */
  files: Record<string, string>;
}

interface Shown {
  entorno?: Record<string, string>;
  archivos?: Record<string, string>;
}

const isReady = (p: k8s.V1Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** The port the application listens on: the container's `http` port, its first port, or the default 8080. */
function portOf(container: { ports?: { name?: string; containerPort?: number }[] } | undefined): number {
  const ports = container?.ports ?? [];
  return (ports.find((p) => p.name === 'http') ?? ports[0])?.containerPort ?? 8080;
}

/** The content of `key` in the applied ConfigMap whose name (a generator's suffix ignored) is `configMap`. */
function appliedContent(ex: Exercise, configMap: string, key: string): string | undefined {
  const cm = ex.manifests().objects.find((o) => o.kind === 'ConfigMap' && sameName('ConfigMap', o.name, configMap));
  const data = cm?.value.data as Record<string, unknown> | undefined;
  return typeof data?.[key] === 'string' ? (data[key] as string) : undefined;
}

function summary(shown: Shown, expected: ConfigExpected): string {
  const env = Object.keys(expected.env).map((k) => `${k}=${shown.entorno?.[k] ?? '(no está)'}`);
  const files = Object.keys(shown.archivos ?? {});
  return `${env.join(', ')}; archivos: ${files.length ? files.map((f) => `\`${f}\``).join(', ') : 'ninguno'}`;
}

/**
 * A Ready Pod of the Deployment answers `/config` with the expected variables and files. The
 * answer is final once it arrives: variables do not change in a running container.
 */
export async function configShows(a: Admission, ex: Exercise, deployment: string, expected: ConfigExpected): Promise<Problem[]> {
  const at = locationOf(ex, 'Deployment', deployment);
  const ready = await podsReady(a, ex, 'Deployment', deployment, 1);
  if (ready.length > 0) return ready;
  const template = (sourceOf(ex, 'Deployment', deployment)?.value.spec as { template?: { spec?: { containers?: { name?: string }[] } } } | undefined)?.template;
  const container = template?.spec?.containers?.[0] as { name?: string; ports?: { name?: string; containerPort?: number }[] } | undefined;
  const port = portOf(container);
  const files = Object.entries(expected.files).map(([file, configMap]) => ({ file, content: appliedContent(ex, configMap, file) }));
  const script = `import sys,urllib.request;sys.stdout.write(urllib.request.urlopen("http://127.0.0.1:${port}/config",timeout=5).read().decode("utf-8"))`;
  const wanted = [...Object.entries(expected.env).map(([k, v]) => `\`${k}=${v}\``), ...files.map((f) => `\`${f.file}\` con el contenido del ConfigMap`)].join(' y ');
  return poll(
    async () => {
      const pod = (await podsWithLabels(a, templateLabels(ex, 'Deployment', deployment))).find(isReady);
      const url = `http://${pod?.metadata?.name ?? '<pod>'}:${port}/config`;
      const fail = (got: string, settled: boolean, evidence: string[] = []): { problems: Problem[]; settled: boolean } => ({
        settled,
        problems: [{ code: 'live.configShown', at, params: { url, expected: wanted, got, evidence } }],
      });
      if (!pod?.metadata?.name || !container?.name) return fail('ningún Pod preparado', false);
      const r = await execInPod(a, pod.metadata.name, container.name, ['python3', '-c', script]);
      if (r.code !== 0) return fail(r.error ?? (r.stderr.trim().split('\n').at(-1) || `código ${r.code}`), false);
      let shown: Shown;
      try {
        shown = JSON.parse(r.stdout) as Shown;
      } catch {
        return fail(`algo que no es JSON: ${r.stdout.slice(0, 120)}`, true);
      }
      const envOk = Object.entries(expected.env).every(([k, v]) => shown.entorno?.[k] === v);
      const filesOk = files.every((f) => f.content !== undefined && shown.archivos?.[f.file]?.trimEnd() === f.content.trimEnd());
      if (envOk && filesOk) return { problems: [] };
      const differs = files.filter((f) => shown.archivos?.[f.file] !== undefined && shown.archivos[f.file]?.trimEnd() !== f.content?.trimEnd());
      const evidence = differs.map((f) => `\`${f.file}\` en el Pod empieza por ${JSON.stringify(shown.archivos?.[f.file]?.slice(0, 60))}`);
      return fail(summary(shown, expected), true, evidence);
    },
    { timeoutMs: 30_000, intervalMs: 2000, at },
  );
}
