// The live tier of exercise 14, the capture pipeline. The run namespace enforces the
// `restricted` Pod Security standard from its creation (LiveOptions.namespace), the grader's own
// `wikipedia-falsa` runs beside the learner's objects, and the ConfigMap's WIKIPEDIA_BASE_URL is
// pointed at it when applied. A Job made from the CronJob captures the pages onto the claim; the
// viewer must then serve, through its Service, exactly the pages the fake Wikipedia gave.
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import type { Context } from 'mocha';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { Node } from '../model.ts';
import { captureTitles } from '../rules/pipeline.ts';
import { poll } from './checks.ts';
import { shortError, statusOf } from './cluster.ts';
import { CLIENT_LOOK_MS, httpFromCluster, jobCompletes, jobFromCronJob, podDiagnosis, rolloutComplete, type HttpResult } from './dataplane.ts';
import { graderPod, MANAGED_BY } from './grader-pod.ts';
import { locationOf, sourceOf, type Admission, type ApplyTransform } from './run.ts';
import { skipWith } from './skip.ts';


const FIXTURE = 'taller-wikipedia-falsa';
const FIXTURE_LABELS = { ...MANAGED_BY, 'taller/rol': 'wikipedia-falsa' };
// The same security context as the grader's client Pods: admitted under `restricted`.

const fixtureBase = (namespace: string) => `http://${FIXTURE}.${namespace}.svc.cluster.local`;
/** The REST path `captura` asks for (MediaWiki's page HTML). */
const pagePath = (title: string) => `/w/rest.php/v1/page/${encodeURIComponent(title)}/html`;

/**
 * At apply time, the ConfigMap's base-URL key names the fake Wikipedia of this run. Only a key the
 * learner wrote is rewritten: a misspelt one stays missing, and the capture shows it.
 */
export function baseUrlToFixture(configMap: string, key: string): ApplyTransform {
  return (obj, value, namespace) => {
    const data = value.data as Record<string, unknown> | undefined;
    if (obj.kind !== 'ConfigMap' || obj.name !== configMap || !data || !(key in data)) return value;
    return { ...value, data: { ...data, [key]: fixtureBase(namespace) } };
  };
}

type Template = { metadata?: { labels?: Record<string, string> }; spec?: k8s.V1PodSpec };

function podTemplate(kind: string, live: Record<string, unknown>): Template | undefined {
  const spec = live.spec as { template?: Template; jobTemplate?: { spec?: { template?: Template } } } | undefined;
  return kind === 'CronJob' ? spec?.jobTemplate?.spec?.template : spec?.template;
}

/**
 * The Pods each workload would create are admitted in this (restricted) namespace: a server-side
 * dry-run of a Pod made from the workload's template as the cluster stored it. Pod Security
 * judges Pods, not their workloads, so this is what the Job or ReplicaSet would meet.
 */
export async function podsAdmitted(a: Admission, ex: Exercise, workloads: readonly { kind: string; name: string }[]): Promise<Problem[]> {
  const found = await Promise.all(
    workloads.map(({ kind, name }) => {
      const at = locationOf(ex, kind, name);
      const source = sourceOf(ex, kind, name);
      if (!source) return [{ code: 'live.notFound', at, params: { kind, name } }];
      return poll(async () => {
        const live = (await a.cluster.objects.read({ apiVersion: source.apiVersion, kind, metadata: { name, namespace: a.namespace } })) as unknown as Record<string, unknown>;
        const template = podTemplate(kind, live);
        const body: k8s.V1Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `taller-admision-${randomBytes(3).toString('hex')}`, labels: template?.metadata?.labels },
          spec: template?.spec,
        };
        try {
          await a.cluster.core.createNamespacedPod({ namespace: a.namespace, body, dryRun: 'All' });
          return { problems: [] };
        } catch (err) {
          const status = statusOf(err);
          if (!status?.message) throw err;
          // The namespace's default ServiceAccount may not exist yet: that passes in a moment.
          const transient = /error looking up service account/i.test(status.message);
          const message = status.message.replace(/^pods? "[^"]*" is forbidden: /, '');
          return { settled: !transient, problems: [{ code: 'pipeline.podSecurity', at, params: { kind, name, message } }] };
        }
      }, { timeoutMs: 15_000, at });
    }),
  );
  return found.flat();
}

/** The names the exercise gives its objects. */
export interface Pipeline {
  cronJob: string;
  claim: string;
  configMap: string;
  titlesKey: string;
  viewer: string;
  service: string;
  port: number;
}

interface Capture {
  job?: string;
  problems: Problem[];
}
const captures = new WeakMap<Admission, Promise<Capture>>();

/** The grader's fake Wikipedia (Pod and Service), Ready; problems when it does not come up. */
async function startFixture(a: Admission, ex: Exercise): Promise<Problem[]> {
  const at = { file: `${ex.config.manifests ?? 'k8s'}/` };
  const core = a.cluster.core;
  try {
    await core.createNamespacedPod({
      namespace: a.namespace,
      body: graderPod(FIXTURE, FIXTURE_LABELS, {
        name: 'wikipedia-falsa',
        args: ['wikipedia-falsa', '--puerto', '8080'],
        ports: [{ name: 'http', containerPort: 8080 }],
        readinessProbe: { httpGet: { path: '/_peticiones', port: 'http' }, periodSeconds: 1 },
      }),
    });
    await core.createNamespacedService({
      namespace: a.namespace,
      body: { metadata: { name: FIXTURE, labels: FIXTURE_LABELS }, spec: { selector: FIXTURE_LABELS, ports: [{ port: 80, targetPort: 'http' }] } },
    });
  } catch (err) {
    return [{ code: 'pipeline.fixture', at, params: { error: shortError(err) } }];
  }
  return poll(async () => {
    const pod = await core.readNamespacedPod({ name: FIXTURE, namespace: a.namespace });
    if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return { problems: [] };
    return { problems: [{ code: 'pipeline.fixture', at, params: { error: 'no llegó a estar preparada', evidence: await podDiagnosis(a, pod) } }] };
  }, { timeoutMs: 60_000, at });
}

/** Once per run: the fake Wikipedia, then a Job made from the CronJob (`kubectl create job --from`). */
function startCapture(a: Admission, ex: Exercise, p: Pipeline): Promise<Capture> {
  let started = captures.get(a);
  if (!started) {
    started = (async () => {
      for (const [kind, name] of [['CronJob', p.cronJob], ['PersistentVolumeClaim', p.claim]] as const) {
        if (!sourceOf(ex, kind, name)) return { problems: [{ code: 'live.notFound', at: locationOf(ex, kind, name), params: { kind, name } }] };
      }
      const problems = await startFixture(a, ex);
      return problems.length ? { problems } : { job: await jobFromCronJob(a, p.cronJob), problems: [] };
    })();
    captures.set(a, started);
  }
  return started;
}

/** The Job got its Pods: a FailedCreate (Pod Security, a quota…) is final and says why not. */
async function jobPodsCreated(a: Admission, ex: Exercise, job: string, cronJob: string): Promise<Problem[]> {
  const at = locationOf(ex, 'CronJob', cronJob);
  return poll(async () => {
    const pods = await a.cluster.core.listNamespacedPod({ namespace: a.namespace, labelSelector: `batch.kubernetes.io/job-name=${job}` });
    if (pods.items.length > 0) return { problems: [] };
    const events = await a.cluster.core.listNamespacedEvent({ namespace: a.namespace, fieldSelector: `involvedObject.name=${job}` });
    const refused = [...new Set(events.items.filter((e) => e.reason === 'FailedCreate').map((e) => e.message ?? ''))];
    return {
      settled: refused.length > 0,
      problems: [{ code: 'pipeline.jobPodsRefused', at, params: { name: job, evidence: refused.length ? refused : ['todavía sin Pods'], namespace: a.namespace } }],
    };
  }, { timeoutMs: 30_000, at });
}

// Events that mean no volume will come without a change: no class at all, or a provisioner's refusal.
const NO_VOLUME = new Set(['FailedBinding', 'ProvisioningFailed']);

/** The claim is Bound; while it is not, its class and its events are the evidence. */
async function claimBound(a: Admission, ex: Exercise, claim: string): Promise<Problem[]> {
  const at = locationOf(ex, 'PersistentVolumeClaim', claim);
  return poll(async () => {
    const pvc = await a.cluster.core.readNamespacedPersistentVolumeClaim({ name: claim, namespace: a.namespace });
    const phase = pvc.status?.phase ?? 'Pending';
    if (phase === 'Bound') return { problems: [] };
    const events = (await a.cluster.core.listNamespacedEvent({ namespace: a.namespace, fieldSelector: `involvedObject.name=${claim}` })).items;
    const evidence = [
      `StorageClass del PVC: ${pvc.spec?.storageClassName ? `\`${pvc.spec.storageClassName}\`` : 'ninguna (¿no hay una por defecto?)'}`,
      ...[...new Set(events.map((e) => `${e.reason}: ${e.message}`))].slice(-3),
    ];
    return { settled: events.some((e) => NO_VOLUME.has(e.reason ?? '')), problems: [{ code: 'pipeline.claimUnbound', at, params: { claim, phase, evidence } }] };
  }, { timeoutMs: 60_000, at });
}

/** The capture Job (made once per run) completed: its Pods were created, the claim bound, and it ended well. */
export async function captureCompletes(a: Admission, ex: Exercise, p: Pipeline): Promise<Problem[]> {
  const { job, problems } = await startCapture(a, ex, p);
  if (!job) return problems;
  for (const check of [() => jobPodsCreated(a, ex, job, p.cronJob), () => claimBound(a, ex, p.claim)]) {
    const found = await check();
    if (found.length) return found;
  }
  return jobCompletes(a, ex, job, { kind: 'CronJob', name: p.cronJob });
}

/** Skips the current line when the capture did not complete (the line that checks it says why). */
export async function requireCapture(ctx: Context, a: Admission, ex: Exercise, p: Pipeline): Promise<string> {
  const problems = await captureCompletes(a, ex, p);
  const { job } = await startCapture(a, ex, p);
  if (problems.length || !job) return skipWith(ctx, 'la captura no terminó con éxito: lo explica la línea del Job creado a partir del CronJob');
  return job;
}

const utcDay = (t: Date | string | undefined) => (t ? new Date(t).toISOString().slice(0, 10) : undefined);

type Fetched = HttpResult & { sha256?: string };

async function fetchInCluster(a: Admission, url: string): Promise<Fetched | undefined> {
  const { result, log } = await httpFromCluster(a, url, 200);
  return (result as Fetched | undefined) ?? (log.length ? { error: log.join(' / ') } : undefined);
}

/** The server's own words: a JSON error's text, else the start of the body on one line. */
function said(body: string | undefined): string {
  try {
    const error = (JSON.parse(body ?? '') as { error?: unknown }).error;
    if (typeof error === 'string') return error;
  } catch {
    // not JSON (or cut by `pedir`): the text itself
  }
  return String(body ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
}

const shown = (r: Fetched | undefined) =>
  !r ? 'sin respuesta' : r.error ? r.error : `código ${r.codigo}${r.codigo === 200 ? '' : ` («${said(r.cuerpo)}»)`}`;

/**
 * The viewer rolls out, and for each title of the ConfigMap `/capturas/<Titulo>/<fecha UTC>.html`
 * through its Service is the very page the fake Wikipedia serves (same sha256). The date is the
 * Job's (its start, or its completion when it crossed midnight UTC).
 */
export async function capturesServed(a: Admission, ex: Exercise, p: Pipeline, job: string): Promise<Problem[]> {
  const at = locationOf(ex, 'Service', p.service);
  const config = sourceOf(ex, 'ConfigMap', p.configMap);
  const titles = config ? captureTitles(new Node(config), p.titlesKey) : [];
  if (titles.length === 0) {
    const evidence = [`el ConfigMap \`${p.configMap}\` no da ningún título en \`${p.titlesKey}\``];
    return [{ code: 'pipeline.captureMismatch', at, params: { service: p.service, date: utcDay(new Date()), evidence } }];
  }
  // Pods that Pod Security refuses never come: say why at once instead of waiting for a rollout.
  const refused = await podsAdmitted(a, ex, [{ kind: 'Deployment', name: p.viewer }]);
  if (refused.length) return refused;
  const replicas = sourceOf(ex, 'Deployment', p.viewer)?.value.spec as { replicas?: number } | undefined;
  const rollout = await rolloutComplete(a, ex, p.viewer, replicas?.replicas ?? 1);
  if (rollout.length) return rollout;
  const batch = a.cluster.kc.makeApiClient(a.cluster.lib.BatchV1Api);
  const status = (await batch.readNamespacedJob({ name: job, namespace: a.namespace })).status;
  const days = [...new Set([utcDay(status?.startTime), utcDay(status?.completionTime)].filter((d): d is string => Boolean(d)))];
  const base = `http://${p.service}.${a.namespace}.svc.cluster.local${p.port === 80 ? '' : `:${p.port}`}`;
  const original = await Promise.all(titles.map((t) => fetchInCluster(a, `${fixtureBase(a.namespace)}${pagePath(t)}`)));
  const broken = original.findIndex((r) => r?.codigo !== 200 || !r.sha256);
  if (broken >= 0) {
    return [{ code: 'pipeline.fixture', at: { file: `${ex.config.manifests ?? 'k8s'}/` }, params: { error: `la página \`${titles[broken]}\` dio ${shown(original[broken])}` } }];
  }
  // An HTTP answer from the viewer is final (the capture is already on the disk); a failed
  // connection may be a Service a moment behind its endpoints, so it must repeat to count.
  let looks = 0;
  return poll(async () => {
    looks++;
    let answered = true;
    const lines = await Promise.all(
      titles.map(async (title, i) => {
        let got: Fetched | undefined;
        let url = '';
        for (const day of days) {
          url = `${base}/capturas/${encodeURIComponent(title)}/${day}.html`;
          got = await fetchInCluster(a, url);
          if (got?.codigo !== 404) break;
        }
        const expected = original[i]!.sha256!;
        if (got?.codigo === 200 && got.sha256 === expected) return undefined;
        if (got?.codigo === undefined) answered = false;
        const where = url.slice(base.length);
        return got?.codigo === 200
          ? `${where}: el contenido no es el de la página (sha256 ${String(got.sha256).slice(0, 12)}…, se esperaba ${expected.slice(0, 12)}…)`
          : `${where}: ${shown(got).replace(` a ${url}:`, ':')}`;
      }),
    );
    const evidence = lines.filter((l): l is string => l !== undefined);
    return {
      settled: answered || looks >= 3,
      problems: evidence.length ? [{ code: 'pipeline.captureMismatch', at, params: { service: p.service, date: days.join(' o el '), evidence } }] : [],
    };
  }, { timeoutMs: 30_000, intervalMs: 2000, lookMs: CLIENT_LOOK_MS, at });
}
