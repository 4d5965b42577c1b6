// Generates schema/k8s-1.34.json, the compact Kubernetes schema the static tier validates
// against, from the OpenAPI document inside the k8s.io/kubernetes module (Go module proxy).
// The published swagger.json has no enums; the module's generated OpenAPI Go code
// (pkg/generated/openapi, what the API server serves at /openapi/v3) has them, so they are
// read from there and added.
// Run it when the pinned version changes: `npx tsx packages/grader/scripts/gen-k8s-schema.ts`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KUBERNETES_VERSION } from '../src/schema/version.ts';

interface OpenApiSchema {
  type?: string;
  format?: string;
  $ref?: string;
  enum?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  required?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

const moduleInfo = JSON.parse(
  execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${KUBERNETES_VERSION}`], {
    encoding: 'utf8',
  }),
) as { Dir: string };
const swagger = JSON.parse(
  readFileSync(path.join(moduleInfo.Dir, 'api/openapi-spec/swagger.json'), 'utf8'),
) as { definitions: Record<string, OpenApiSchema>; paths: Record<string, unknown> };

const short = (ref: string) => ref.replace('#/definitions/', '');

function compact(schema: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  if (schema.$ref) return { $ref: short(schema.$ref) };
  if (schema.type) out.type = schema.type;
  if (schema.format) out.format = schema.format;
  if (schema.enum) out.enum = schema.enum;
  if (schema.items) out.items = compact(schema.items);
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, compact(v)]),
    );
  }
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = compact(schema.additionalProperties);
  }
  if (schema.required?.length) out.required = schema.required;
  return out;
}

// A kind is namespaced when the API serves it under /namespaces/{namespace}/.
function isNamespaced(group: string, version: string, plural: string): boolean {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return `${prefix}/namespaces/{namespace}/${plural}` in swagger.paths;
}

function pluralOf(group: string, version: string, kind: string): string | undefined {
  const prefix = group ? `/apis/${group}/${version}/` : `/api/${version}/`;
  const lower = kind.toLowerCase();
  for (const p of Object.keys(swagger.paths)) {
    if (!p.startsWith(prefix)) continue;
    const last = p.slice(prefix.length).split('/').at(-1)!;
    if (!last.includes('{') && (last === `${lower}s` || last === `${lower}es` || last === lower.replace(/y$/, 'ies'))) {
      return last;
    }
  }
  return undefined;
}

const kinds: Record<string, { definition: string; namespaced: boolean }> = {};
for (const [name, def] of Object.entries(swagger.definitions)) {
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
    if (name.startsWith('io.k8s.apimachinery')) continue; // meta types such as Status or WatchEvent
    const plural = pluralOf(gvk.group, gvk.version, gvk.kind);
    if (!plural) continue; // not served as a resource (e.g. DeleteOptions)
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    kinds[`${apiVersion}/${gvk.kind}`] = {
      definition: name,
      namespaced: isNamespaced(gvk.group, gvk.version, plural),
    };
  }
}

const definitions = Object.fromEntries(
  Object.entries(swagger.definitions).map(([k, v]) => [k, compact(v)]),
);

/**
 * `Enum: []interface{}{…}` of every property in zz_generated.openapi.go, as
 * definition → property path (`items` for a list's elements) → values. The Go source is read by
 * indentation: each `"field": {` opens a property, `Items:` a list's element schema.
 */
function goEnums(file: string): { definition: string; path: string[]; values: string[] }[] {
  const goNames = new Map<string, string>(); // function → Go type name
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/^\t+"([^"]+)":\s+(schema_\w+)\(ref\),$/gm)) goNames.set(m[2]!, m[1]!);
  const out: { definition: string; path: string[]; values: string[] }[] = [];
  let definition: string | undefined;
  let stack: { indent: number; name: string }[] = [];
  for (const line of source.split('\n')) {
    const fn = /^func (schema_\w+)\(ref common\.ReferenceCallback\)/.exec(line);
    if (fn) {
      definition = swaggerName(goNames.get(fn[1]!));
      stack = [];
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const key = /^\t+"([^"]+)": \{$/.exec(line)?.[1] ?? (/^\t+Items: &spec\.SchemaOrArray\{$/.test(line) ? 'items' : undefined);
    if (key) {
      stack = stack.filter((e) => e.indent < indent);
      stack.push({ indent, name: key });
      continue;
    }
    const en = /^\t+Enum:\s+\[\]interface\{\}\{(.*)\},$/.exec(line);
    if (en && definition) {
      const values = [...en[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((v) => JSON.parse(`"${v[1]}"`) as string);
      out.push({ definition, path: stack.filter((e) => e.indent < indent).map((e) => e.name), values });
    }
  }
  return out;
}

/** `k8s.io/api/core/v1.Container` → `io.k8s.api.core.v1.Container`, as swagger.json names it. */
function swaggerName(goName: string | undefined): string | undefined {
  if (!goName) return undefined;
  const [domain, ...rest] = goName.split('/');
  const name = [...domain!.split('.').reverse(), ...rest].join('.');
  return name in definitions ? name : undefined;
}

let enums = 0;
for (const { definition, path: fieldPath, values } of goEnums(
  path.join(moduleInfo.Dir, 'pkg/generated/openapi/zz_generated.openapi.go'),
)) {
  let target: OpenApiSchema | undefined = definitions[definition];
  for (const step of fieldPath) target = step === 'items' ? target?.items : target?.properties?.[step];
  if (!target || target.$ref) continue;
  target.enum = values;
  enums++;
}
const out = { kubernetesVersion: KUBERNETES_VERSION, kinds, definitions };
const target = path.join(import.meta.dirname, '../schema/k8s-1.34.json');
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions, ${enums} enums → ${target}`);
