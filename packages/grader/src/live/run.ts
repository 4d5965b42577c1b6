// One live grading run of an exercise: its own namespace, the learner's objects checked by a
// server-side dry-run and then applied, assertions that poll the real cluster state, and the
// namespace deleted afterwards — also on failure and on Ctrl-C — without waiting for it to go.
import { randomBytes } from 'node:crypto';
import type * as k8s from '@kubernetes/client-node';
import type { Context } from 'mocha';
import type { Exercise } from '../catalog/exercise.ts';
import type { Problem } from '../messages/problem.ts';
import { parsePath } from '../parse/location.ts';
import type { K8sObject } from '../parse/manifests.ts';
import { failWith } from '../assert/failure.ts';
import { serverSideApply } from './apply.ts';
import { connect, shortError, statusOf, type Cluster } from './cluster.ts';
import { ensureLoaded, ensureUpstreamLoaded } from './images.ts';
import { foreignNamespace, isForeignNamespace, standInTransforms, type StandIn } from './namespace.ts';
import { requireLive, skipWith, type Requirement } from './skip.ts';

const MANAGED_BY = 'taller';
// Objects others refer to go first, so workloads find them at once.
const ORDER = ['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service'];

const live = new Set<{ cluster: Cluster; namespace: string }>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n • Interrumpido: borrando ${live.size} namespace(s) del corrector…\n`);
      const deletions = [...live].map(({ cluster, namespace }) => deleteNamespace(cluster, namespace));
      const exit = () => process.exit(130);
      Promise.allSettled(deletions).then(exit, exit);
      setTimeout(exit, 3000).unref();
    });
  }
}

function deleteNamespace(cluster: Cluster, namespace: string): Promise<unknown> {
  // Background propagation: the API answers at once; the namespace finishes going on its own.
  return cluster.core.deleteNamespace({ name: namespace, propagationPolicy: 'Background' }).catch(() => undefined);
}

/**
 * A namespace of the grader's own beside a run's (a canary): deleted by the function it returns,
 * and on Ctrl-C like the run's.
 */
export async function scratchNamespace(cluster: Cluster, name: string): Promise<() => Promise<void>> {
  await cluster.core.createNamespace({ body: { metadata: { name, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } } } });
  const entry = { cluster, namespace: name };
  live.add(entry);
  return async () => {
    live.delete(entry);
    await deleteNamespace(cluster, name);
  };
}

/**
 * Rewrites a learner's object just before it is sent (dry-run and apply alike), for what cannot
 * be applied as written in a shared cluster — e.g. a fixed `nodePort` (see transforms.ts).
 * Returns the new value; the learner's files and positions are untouched.
 */
export type ApplyTransform = (obj: K8sObject, value: Record<string, unknown>, namespace: string) => Record<string, unknown>;

export interface LiveOptions {
  transforms?: ApplyTransform[];
  /**
   * The Namespace the exercise's text names (`datos-seguros` in 12): the run's own namespace
   * stands for it (see namespace.ts). No other Namespace is ever created.
   */
  namespace?: StandIn;
}

export interface Admission {
  cluster: Cluster;
  namespace: string;
  problems: Problem[];
  /** Why the workshop image could not be put in the cluster, when it could not. */
  imageReason?: string;
}

export class LiveRun {
  private admission?: Promise<Admission>;

  constructor(
    private readonly ex: Exercise,
    private readonly options: LiveOptions = {},
  ) {}

  /** Registers the cleanup hook; call it inside the live `describe`. */
  hooks(): this {
    after(async () => {
      const done = this.admission;
      this.admission = undefined;
      if (!done) return;
      const a = await done.catch(() => undefined);
      if (a?.namespace) {
        await deleteNamespace(a.cluster, a.namespace);
        for (const entry of live) if (entry.namespace === a.namespace) live.delete(entry);
      }
    });
    return this;
  }

  /**
   * Skips the test unless the static manifests are valid and every need is met; then makes sure
   * the objects were applied (once per run). Checks after the admission line skip when it failed.
   */
  async require(ctx: Context, ...needs: [Requirement, ...Requirement[]]): Promise<Admission> {
    await requireLive(ctx, ...needs);
    const blocked = this.blocked();
    if (blocked) skipWith(ctx, blocked);
    const admission = await this.admit();
    return admission;
  }

  /** Why the objects cannot be applied: static errors, or no way to produce them (no kubectl for an overlay). */
  private blocked(): string | undefined {
    const invalid = 'los manifiestos tienen errores en el nivel estático: corrígelos primero';
    try {
      const m = this.ex.manifests();
      return m.unavailable ?? (m.problems.length === 0 ? undefined : invalid);
    } catch {
      return invalid; // no submission folder: the static lines already say so
    }
  }

  /** Like `require`, and also skips when the cluster did not admit the objects. */
  async requireAdmitted(ctx: Context, ...needs: [Requirement, ...Requirement[]]): Promise<Admission> {
    const a = await this.require(ctx, ...needs);
    if (a.problems.length > 0) skipWith(ctx, 'el clúster no admitió los manifiestos (mira la línea anterior)');
    return a;
  }

  /** Fails the current rubric line with these problems, if there are any. */
  async expect(problems: Problem[] | Promise<Problem[]>): Promise<void> {
    const found = await problems;
    if (found.length > 0) failWith(...found);
  }

  admit(): Promise<Admission> {
    this.admission ??= this.apply();
    return this.admission;
  }

  private async apply(): Promise<Admission> {
    const cluster = await connect();
    if ('reason' in cluster) throw new Error(cluster.reason);
    hookSignals();
    // Real nodes run containers: give them the current workshop image before any Pod exists.
    let imageReason = cluster.realNodes ? await ensureLoaded(cluster.target) : undefined;
    // Then the upstream images the exercise names (`taller.images`: redis for 13).
    if (cluster.realNodes) for (const image of this.ex.config.images ?? []) imageReason ??= await ensureUpstreamLoaded(cluster.target, image);
    const namespace = `taller-${this.ex.number}-${randomBytes(3).toString('hex')}`;
    try {
      await cluster.core.createNamespace({
        body: { metadata: { name: namespace, labels: { ...this.options.namespace?.labels, 'app.kubernetes.io/managed-by': MANAGED_BY, 'taller/ejercicio': this.ex.number } } },
      });
    } catch (err) {
      return { cluster, namespace: '', problems: [lost(err, this.ex)], imageReason };
    }
    live.add({ cluster, namespace });
    const standIn = this.options.namespace;
    const all = [...this.ex.manifests().objects].sort((a, b) => rank(a.kind) - rank(b.kind));
    // A Namespace the run does not stand for would outlive it: refused, never created.
    const problems: Problem[] = all.filter((o) => isForeignNamespace(o, standIn)).map((o) => foreignNamespace(o, standIn));
    const objects = all.filter((o) => !isForeignNamespace(o, standIn));
    const transforms = [...standInTransforms(standIn), ...(this.options.transforms ?? [])];
    // Dry-run everything first: a rejected object leaves nothing half-applied.
    for (const obj of objects) {
      const err = await serverApply(cluster, obj, namespace, true, transforms);
      if (err) problems.push(rejection(obj, err));
    }
    if (problems.length === 0) {
      for (const obj of objects) {
        const err = await serverApply(cluster, obj, namespace, false, transforms);
        if (err) problems.push(rejection(obj, err));
      }
    }
    return { cluster, namespace, problems, imageReason };
  }
}

function rank(kind: string): number {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
}

async function serverApply(cluster: Cluster, obj: K8sObject, namespace: string, dryRun: boolean, transforms: ApplyTransform[] = []): Promise<unknown> {
  const value = transforms.reduce((v, t) => t(obj, v, namespace), obj.value);
  const metadata = { ...(value.metadata as Record<string, unknown>) };
  if (obj.namespaced) metadata.namespace = namespace;
  else delete metadata.namespace;
  const body = { ...value, metadata } as k8s.KubernetesObject;
  try {
    const answer = await serverSideApply(cluster, body, { dryRun });
    // A refusal carries the API's Status in its body, as client-node's errors do.
    return answer.status < 300 ? undefined : Object.assign(new Error(`HTTP ${answer.status}`), { code: answer.status, body: answer.body });
  } catch (err) {
    return err;
  }
}

function lost(err: unknown, ex: Exercise): Problem {
  return { code: 'live.lost', at: { file: `${ex.config.manifests ?? 'k8s'}/` }, params: { error: shortError(err) } };
}

/** The server's refusal, pointed at the field it names when it names one. */
function rejection(obj: K8sObject, err: unknown): Problem {
  const status = statusOf(err);
  // No Status object: the request never got an answer (the cluster went away), not a refusal.
  if (!status?.message) return { code: 'live.lost', at: { file: obj.file }, params: { error: shortError(err) } };
  const cause = status?.details?.causes?.find((c) => c.field);
  // `[app]` is a map key; `[0]` a list index, which parsePath reads as a number.
  const field = cause?.field?.replace(/^\.?/, '').replace(/\[(?!\d+\])(\w[\w-]*)\]/g, '.$1');
  const path = field ? parsePath(field) : [];
  const pos = obj.document.locate([...obj.base, ...path]);
  return {
    code: 'live.rejected',
    at: { file: obj.file, ...pos, path: path.length ? path : undefined },
    params: { kind: obj.kind, name: obj.name, message: status?.message ?? shortError(err) },
  };
}

/** The learner's object, for locating live problems in the files. */
export function sourceOf(ex: Exercise, kind: string, name: string): K8sObject | undefined {
  return ex.manifests().objects.find((o) => o.kind === kind && o.name === name);
}

/** Where a live problem about that object points: its first line, or the manifest folder. */
export function locationOf(ex: Exercise, kind: string, name: string): Problem['at'] {
  const source = sourceOf(ex, kind, name);
  return source ? { file: source.file, ...source.document.locate(source.base) } : { file: `${ex.config.manifests ?? 'k8s'}/` };
}
