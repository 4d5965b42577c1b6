// Live checks declare what they need ('cluster', 'data-plane', 'docker', 'airflow', …). Each need
// has one probe, registered by the module that provides it; when a probe gives a reason, the
// check is skipped with that reason, which the reporter prints. A live check that could not run
// never passes. Under `TALLER_REQUIRE` (CI, where every tier was set up on purpose), a check
// skipped because a required need is missing fails with the same reason instead.
import type { Context } from 'mocha';
import { failWith } from '../assert/failure.ts';
import { reason as catalogueReason } from '../messages/index.ts';

/** What a live check declares it needs; each has a probe. */
export type Requirement = 'docker' | 'compose' | 'airflow' | 'cluster' | 'data-plane';
/**
 * What `TALLER_REQUIRE` may name: the probed needs, and three that the check itself finds out:
 * 'netpol' (policies enforced: exercise 12's canary), 'metrics' (metrics-server: exercise 10's
 * HPA under load) and 'kind' (exercise 05's own kind cluster).
 */
export type Need = Requirement | 'netpol' | 'metrics' | 'kind';
export const NEEDS: readonly Need[] = ['docker', 'compose', 'airflow', 'cluster', 'data-plane', 'netpol', 'metrics', 'kind'];

/** Resolves to undefined when the need is met, or to the Spanish reason it is not. */
export type Probe = () => Promise<string | undefined>;

const SKIP = Symbol.for('taller.skipReason');
const SKIP_NEEDS = Symbol.for('taller.skipNeeds');
const probes = new Map<Requirement, Probe>();
const results = new Map<Requirement, Promise<string | undefined>>();
/** Which missing need each reason came from, so a skip deep in a tier still knows it. */
const lacking = new Map<string, Set<Need>>();

/** `TALLER_REQUIRE`, parsed: the needs whose absence fails a check, or why the value is invalid. */
export function parseRequired(env: NodeJS.ProcessEnv = process.env): { needs: Set<Need> } | { error: string } {
  const value = env.TALLER_REQUIRE ?? '';
  const names = value.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !(NEEDS as readonly string[]).includes(n));
  if (unknown.length > 0) return { error: catalogueReason('require.invalid', { value, unknown, valid: NEEDS }) };
  return { needs: new Set(names as Need[]) };
}

const setting = parseRequired();
// A misspelt requirement must never be ignored (CI would look green without the tier): stop
// before any test runs, with the valid names.
if ('error' in setting) {
  process.stderr.write(`${setting.error}\n`);
  process.exit(2);
}
let required = setting.needs;

export function requiredNeeds(): ReadonlySet<Need> {
  return required;
}

/** For the unit tests: the requirements as if `TALLER_REQUIRE` said so. */
export function setRequired(needs: Iterable<Need>): void {
  required = new Set(needs);
}

export function registerProbe(need: Requirement, probe: Probe): void {
  probes.set(need, probe);
  results.delete(need);
}

/** Forget probe results (the prover grades several folders in one process). */
export function resetProbes(): void {
  results.clear();
  lacking.clear();
}

/** Records that `reason` means `need` is missing here, and returns it (to skip with later). */
export function lackOf(need: Need, reason: string): string {
  const needs = lacking.get(reason) ?? new Set<Need>();
  needs.add(need);
  lacking.set(reason, needs);
  return reason;
}

/**
 * Skips the current test with the reason; but fails it when the reason is a missing need that
 * `TALLER_REQUIRE` names (passed as `need`, or recorded by `unmet`/`lackOf`).
 */
export function skipWith(ctx: Context, reason: string, need?: Need): never {
  const needs = need ? [need] : [...(lacking.get(reason) ?? [])];
  const missing = needs.find((n) => required.has(n));
  if (missing) {
    failWith({ code: 'require.skipped', at: { file: 'TALLER_REQUIRE' }, params: { need: missing, reason, setting: [...required].join(',') } });
  }
  if (ctx.test) Object.assign(ctx.test, { [SKIP]: reason, [SKIP_NEEDS]: needs });
  return ctx.skip();
}

/** Why a skipped test did not run, and the needs this machine lacks when that is why. */
export function skipOf(test: object): { reason?: string; needs?: Need[] } {
  const t = test as Record<symbol, unknown>;
  const needs = t[SKIP_NEEDS] as Need[] | undefined;
  return { reason: t[SKIP] as string | undefined, needs: needs?.length ? needs : undefined };
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
    if (!probe) return lackOf(need, `necesita ${MISSING[need]}; esta versión del kit aún no sabe prepararlo`);
    let result = results.get(need);
    if (!result) {
      result = probe();
      results.set(need, result);
    }
    const reason = await result;
    if (reason) return lackOf(need, reason);
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
