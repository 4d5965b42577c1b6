// Live checks declare what they need ('cluster', 'data-plane', 'docker', 'airflow'). Each need
// has one probe, registered by the module that provides it; when a probe gives a reason, the
// check is skipped with that reason, which the reporter prints. A live check that could not run
// never passes.
import type { Context } from 'mocha';

export type Requirement = 'cluster' | 'data-plane' | 'docker' | 'airflow' | 'compose';

/** Resolves to undefined when the need is met, or to the Spanish reason it is not. */
export type Probe = () => Promise<string | undefined>;

const SKIP = Symbol.for('taller.skipReason');
const probes = new Map<Requirement, Probe>();
const results = new Map<Requirement, Promise<string | undefined>>();

export function registerProbe(need: Requirement, probe: Probe): void {
  probes.set(need, probe);
  results.delete(need);
}

/** Forget probe results (the prover grades several folders in one process). */
export function resetProbes(): void {
  results.clear();
}

export function skipWith(ctx: Context, reason: string): never {
  if (ctx.test) (ctx.test as unknown as Record<symbol, string>)[SKIP] = reason;
  return ctx.skip();
}

const MISSING: Record<Requirement, string> = {
  cluster: 'un clúster de Kubernetes',
  'data-plane': 'un clúster con nodos reales',
  docker: 'Docker',
  airflow: 'Airflow',
  compose: 'Docker Compose v2 (≥ 2.14)',
};

/** The reason the first unmet need is unmet, or undefined when all are met. Probes run once. */
export async function unmet(needs: readonly Requirement[]): Promise<string | undefined> {
  if (staticOnly()) return 'solo se pidió el nivel estático (TALLER_TIERS=static)';
  for (const need of needs) {
    const probe = probes.get(need);
    if (!probe) return `necesita ${MISSING[need]}; esta versión del kit aún no sabe prepararlo`;
    let result = results.get(need);
    if (!result) {
      result = probe();
      results.set(need, result);
    }
    const reason = await result;
    if (reason) return reason;
  }
  return undefined;
}

/** `TALLER_TIERS=static`: grade the files only (fast feedback; the kit's proof of static mutants). */
export function staticOnly(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TALLER_TIERS?.trim().toLowerCase() === 'static';
}

/** Skips the current test, with the reason, unless every need is met. */
export async function requireLive(ctx: Context, ...needs: [Requirement, ...Requirement[]]): Promise<void> {
  const reason = await unmet(needs);
  if (reason) skipWith(ctx, reason);
}
