// Plain field rules: a value is there, equals what the contract says, or lies in bounds.
import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../messages/problem.ts';
import type { Node } from '../model.ts';
import { formatPath, parsePath, type FieldPath } from '../parse/location.ts';

const show = (v: unknown) => JSON.stringify(v);

export function fieldEquals(node: Node, sub: string | FieldPath, expected?: unknown, defaultValue?: unknown): Problem[] {
  const field = node.at(sub);
  const shown = formatPath(field.path);
  if (!field.exists && defaultValue === undefined) {
    return [
      {
        code: 'field.missing',
        at: node.location(sub),
        params: { field: shown, expected: expected === undefined ? undefined : `\`${show(expected)}\`` },
      },
    ];
  }
  const actual = field.exists ? field.value : defaultValue;
  if (expected !== undefined && !isDeepStrictEqual(actual, expected)) {
    return [{ code: 'field.value', at: node.location(sub), params: { field: shown, actual, expected: `\`${show(expected)}\`` } }];
  }
  return [];
}

export interface Bound {
  min?: number;
  max?: number;
}

export function boundText(bound: Bound): string {
  if (bound.min !== undefined && bound.max !== undefined) return `entre ${bound.min} y ${bound.max}`;
  if (bound.min !== undefined) return `mayor o igual que ${bound.min}`;
  return `menor o igual que ${bound.max}`;
}

/** A numeric field written in the file (defaults do not count) within a bound. */
export function fieldInBounds(node: Node, sub: string | FieldPath, bound: Bound): Problem[] {
  const field = node.at(sub);
  const v = field.value;
  const ok =
    typeof v === 'number' && (bound.min === undefined || v >= bound.min) && (bound.max === undefined || v <= bound.max);
  if (ok) return [];
  const leaf = String((typeof sub === 'string' ? parsePath(sub) : sub).at(-1));
  return [
    {
      code: 'job.bound',
      at: node.location(sub),
      params: { field: formatPath(field.path), leaf, actual: v ?? undefined, expected: boundText(bound) },
    },
  ];
}

export function labelEquals(node: Node, key: string, value: string): Problem[] {
  return fieldEquals(node, ['metadata', 'labels', key], value);
}

/** A map field has at least one key matching the pattern (e.g. a `.csv` entry in `data`). */
export function hasKeyMatching(node: Node, sub: string, pattern: RegExp, description: string): Problem[] {
  const field = node.at<Record<string, unknown>>(sub);
  const keys = field.exists && typeof field.value === 'object' ? Object.keys(field.value) : [];
  if (keys.some((k) => pattern.test(k))) return [];
  return [
    {
      code: 'field.noKeyMatching',
      at: node.location(sub),
      params: { field: formatPath(field.path), description, keys: keys.map((k) => `\`${k}\``).join(', ') },
    },
  ];
}
