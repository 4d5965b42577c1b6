// Validates Kubernetes objects against the pinned version's OpenAPI schema (generated into
// schema/k8s-1.34.json by scripts/gen-k8s-schema.ts): types, enums, required fields and unknown
// fields with a suggestion, like the API server's strict field validation; then the API
// server's own validation rules (api-rules.ts) and, where the namespace enforces a level, Pod
// Security (pod-security.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from '../parse/location.ts';
import { apiRuleProblems } from './api-rules.ts';
import { removal } from './obsolete.ts';
import { GRADED_CONTROLS, podSecurityProblems, type PodSecurityLevel } from './pod-security.ts';
import { suggest } from './suggest.ts';

export interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  required?: string[];
}

interface KindInfo {
  definition: string;
  namespaced: boolean;
}

export interface SchemaFile {
  kubernetesVersion: string;
  kinds: Record<string, KindInfo>;
  definitions: Record<string, Schema>;
}

let loaded: SchemaFile | undefined;
/** The pinned schema (read once). */
export function schemaFile(): SchemaFile {
  loaded ??= JSON.parse(
    readFileSync(path.join(import.meta.dirname, '../../schema/k8s-1.34.json'), 'utf8'),
  ) as SchemaFile;
  return loaded;
}

export type ProblemAt = Omit<Problem, 'at'> & { path: FieldPath };

export interface KindLookup {
  info?: KindInfo;
  problem?: ProblemAt;
}

/** Resolves apiVersion + kind, or says why it cannot (unknown kind, removed apiVersion …). */
export function lookupKind(apiVersion: unknown, kind: unknown): KindLookup {
  const { kinds } = schemaFile();
  if (typeof kind !== 'string' || kind === '') {
    return { problem: { code: 'object.noKind', path: ['kind'] } };
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    return { problem: { code: 'object.noApiVersion', path: ['apiVersion'], params: { kind } } };
  }
  const info = kinds[`${apiVersion}/${kind}`];
  if (info) return { info };
  const versions = Object.keys(kinds)
    .filter((k) => k.endsWith(`/${kind}`))
    .map((k) => k.slice(0, -kind.length - 1));
  const removed = removal(apiVersion, kind);
  if (removed) {
    return {
      problem: {
        code: 'object.apiVersionRemoved',
        path: ['apiVersion'],
        params: { kind, apiVersion, removedIn: removed.removedIn, use: removed.use },
      },
    };
  }
  if (versions.length > 0) {
    const stable = versions.find((v) => !/(alpha|beta)/.test(v)) ?? versions[0];
    return {
      problem: { code: 'object.apiVersionWrong', path: ['apiVersion'], params: { kind, apiVersion, use: stable } },
    };
  }
  const allKinds = new Set(Object.keys(kinds).map((k) => k.slice(k.lastIndexOf('/') + 1)));
  return {
    problem: { code: 'object.unknownKind', path: ['kind'], params: { kind, suggestion: suggest(kind, allKinds) } },
  };
}

const MAX_PROBLEMS_PER_OBJECT = 20;

export interface ValidateOptions {
  /** The Pod Security level the exercise's namespace enforces. */
  podSecurity?: PodSecurityLevel;
  /**
   * Also the Pod Security controls the kit grades in rubric lines of their own (rules/security.ts),
   * which the schema line leaves to them: the differential test asks for everything.
   */
  gradedControls?: boolean;
}

/** What the API server would refuse in one object whose kind resolved: schema, validation rules, Pod Security. */
export function validateObject(value: Record<string, unknown>, info: KindInfo, options: ValidateOptions = {}): ProblemAt[] {
  const problems: ProblemAt[] = [];
  walk(value, { $ref: info.definition }, [], problems);
  problems.push(...apiRuleProblems(value));
  if (options.podSecurity) {
    const graded: readonly string[] = options.gradedControls ? [] : GRADED_CONTROLS;
    problems.push(...podSecurityProblems(value, options.podSecurity).filter((p) => !graded.includes(String(p.params?.control))));
  }
  return problems.slice(0, MAX_PROBLEMS_PER_OBJECT);
}

function resolve(schema: Schema): { schema: Schema; typeName?: string } {
  if (!schema.$ref) return { schema };
  const typeName = schema.$ref;
  return { schema: schemaFile().definitions[typeName] ?? {}, typeName };
}

function shortName(typeName: string | undefined): string | undefined {
  return typeName?.slice(typeName.lastIndexOf('.') + 1);
}

// Required in the OpenAPI document, but the API server accepts them missing: it fills in the
// first, and an empty list of rules is valid.
const DEFAULTED = new Set(['io.k8s.api.rbac.v1.RoleRef.apiGroup', 'io.k8s.api.batch.v1.PodFailurePolicy.rules']);

// The API's quantity syntax: a decimal number with an optional binary/decimal suffix.
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)(([eE][+-]?\d+)|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

function walk(value: unknown, rawSchema: Schema, path: FieldPath, out: ProblemAt[]): void {
  if (value === null || value === undefined) return; // null means "not set" to the API server
  const { schema, typeName } = resolve(rawSchema);
  switch (typeName) {
    case 'io.k8s.apimachinery.pkg.util.intstr.IntOrString':
      if (!(typeof value === 'string' || Number.isInteger(value))) {
        out.push({ code: 'schema.type', path, params: { expected: 'intOrString', actual: typeOf(value) } });
      }
      return;
    case 'io.k8s.apimachinery.pkg.api.resource.Quantity':
      if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
        out.push({ code: 'schema.type', path, params: { expected: 'quantity', actual: typeOf(value) } });
      } else if (typeof value === 'string' && !QUANTITY.test(value)) {
        out.push({ code: 'schema.quantity', path, params: { value, suggestion: quantityHint(value) } });
      }
      return;
    default:
      break;
  }
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (type === undefined) return; // free-form (RawExtension, JSON)
  if (!typeMatches(type, schema.format, value)) {
    out.push({
      code: 'schema.type',
      path,
      params: { expected: type === 'integer' ? 'integer' : type, actual: typeOf(value), value },
    });
    return;
  }
  // An empty string is "not set" to the API server, which then applies the default.
  if (schema.enum && value !== '' && !schema.enum.includes(value)) {
    const allowed = schema.enum.filter((e) => e !== '');
    out.push({ code: 'schema.enum', path, params: { value, allowed, suggestion: suggest(String(value), allowed.map(String)) } });
  }
  if (type === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => walk(item, schema.items!, [...path, i], out));
    return;
  }
  if (type !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (schema.properties) {
    for (const [key, child] of Object.entries(obj)) {
      const prop = schema.properties[key];
      if (prop) walk(child, prop, [...path, key], out);
      else {
        out.push({
          code: 'schema.unknownField',
          path: [...path, key],
          params: { field: key, type: shortName(typeName), suggestion: suggest(key, Object.keys(schema.properties)) },
        });
      }
    }
    for (const req of schema.required ?? []) {
      if ((obj[req] === undefined || obj[req] === null) && !DEFAULTED.has(`${typeName}.${req}`)) {
        out.push({ code: 'schema.required', path: [...path, req], params: { field: req, type: shortName(typeName) } });
      }
    }
  } else if (schema.additionalProperties) {
    for (const [key, child] of Object.entries(obj)) walk(child, schema.additionalProperties, [...path, key], out);
  }
}

function typeMatches(type: string, format: string | undefined, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value) && (format !== 'int32' || ((value as number) >= -(2 ** 31) && (value as number) < 2 ** 31));
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function quantityHint(value: string): string | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(value.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase();
  const table: Record<string, string> = { mb: 'Mi', mib: 'Mi', gb: 'Gi', gib: 'Gi', kb: 'Ki', kib: 'Ki', g: 'Gi' };
  return table[unit] ? `${m[1]}${table[unit]}` : undefined;
}
