// Partial matching of live objects, kuttl/Chainsaw style but without kuttl's best-known flaw:
// lists are order-insensitive subsets, so `status.conditions` can be asserted.

/** Paths where `actual` does not contain `expected`; empty when it does. */
export function mismatches(actual: unknown, expected: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path || '.'}: se esperaba una lista`];
    // Each expected item must match some item of the list, wherever it is.
    return expected.flatMap((item, i) =>
      actual.some((candidate) => mismatches(candidate, item).length === 0) ? [] : [`${path}[${i}]: ningún elemento coincide con ${JSON.stringify(item)}`],
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path || '.'}: se esperaba un objeto`];
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) =>
      mismatches((actual as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k),
    );
  }
  return actual === expected ? [] : [`${path || '.'}: vale ${JSON.stringify(actual)}, se esperaba ${JSON.stringify(expected)}`];
}
