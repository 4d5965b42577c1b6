// Live checks declare what they need. Until a requirement is met they are skipped, with the
// reason, and the reporter prints it: a live check that could not run never passes.
import type { Context } from 'mocha';

export type Requirement = 'cluster' | 'data-plane' | 'docker' | 'airflow';

const SKIP = Symbol.for('taller.skipReason');

export function skipWith(ctx: Context, reason: string): never {
  if (ctx.test) (ctx.test as unknown as Record<symbol, string>)[SKIP] = reason;
  return ctx.skip();
}

/** Skips the current test unless every requirement is available. */
export function requireLive(ctx: Context, ...needs: Requirement[]): void {
  const reason = unavailable(needs);
  if (reason) skipWith(ctx, reason);
}

function unavailable(needs: Requirement[]): string | undefined {
  if (needs.length === 0) return undefined;
  // The live tier is not part of this version of the kit yet.
  return 'el nivel en vivo aún no está disponible en esta versión del kit; el nivel estático sí se ha comprobado';
}
