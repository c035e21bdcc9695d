import type { Random } from '@changepulse/core';

/** One request the fuzz sends: what, where, and a short label for the report. */
export interface FuzzCase {
  method: string;
  /** Path with parameters filled in, already percent-encoded. */
  path: string;
  /** The query string without `?`, already encoded. */
  query?: string;
  /** A JSON value, or raw text with its content type. */
  body?: { json: unknown } | { raw: string; type: string };
  headers?: Record<string, string>;
  label: string;
}

/** What the cases fill in where a real value is needed, so that requests reach the services. */
export interface FuzzFixtures {
  /** Valid values by path-parameter name and path (e.g. `/api/segments/{id}` → the segment's id). */
  pathValue(path: string, name: string): string;
  /** A valid body value for a property, when the OpenAPI example would not do (by name). */
  bodyValue(path: string, name: string): unknown;
}

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Nested `[[[…]]]` as JSON text (built as text: JSON.stringify itself recurses). */
export const nestedJson = (depth: number, key?: string): string =>
  key ? `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;

const nested = (depth: number): unknown => JSON.parse(nestedJson(depth)) as unknown;

/** Values a JSON field should refuse, or take without harm. */
export const BODY_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['0', 0],
  ['-1', -1],
  ['1e308', 1e308],
  ['2^53+1', 2 ** 53 + 1],
  ['empty string', ''],
  ['100k string', 'x'.repeat(100_000)],
  ['emoji', '😀👍🏽🇩🇪'],
  ['right-to-left', '\u202Eمرحبا بالعالم'],
  ['combining marks', 'Z\u0337\u0321\u031Ba\u0335l\u0336g\u0334o'],
  ['NUL', 'a\u0000b'],
  ['empty array', []],
  ['object', { a: 'b' }],
  ['array with NUL', ['\u0000']],
  ['array with null', [null]],
  ['10k-item array', Array.from({ length: 10_000 }, () => 'DE')],
  ['40 levels', nested(40)],
  ['impossible date', '2026-02-30'],
];

/** Path and query values, already percent-encoded. */
export const URL_VALUES: Array<[string, string]> = [
  ['NUL', '%00'],
  ['NUL inside', 'a%00b'],
  ['-1', '-1'],
  ['2^53+1', '9007199254740993'],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['emoji', encodeURIComponent('😀👍🏽')],
  ['right-to-left', encodeURIComponent('\u202Eمرحبا')],
  ['combining marks', encodeURIComponent('e\u0301\u0301\u0301')],
  ['8k string', 'x'.repeat(8_000)],
  ['bad percent-encoding', '%E0%A4%A'],
  ['dot segments', '..%2F..%2Fetc'],
];

function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length) return resolve(document, schema.allOf[0]);
  return schema;
}

function sample(document: OpenApiDocument, fixtures: FuzzFixtures, path: string, name: string, raw: Schema): unknown {
  const override = fixtures.bodyValue(path, name);
  if (override !== undefined) return override;
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.properties) return validBody(document, fixtures, path, schema);
  if (schema.type === 'array') return [sample(document, fixtures, path, name, schema.items ?? {})];
  return { string: 'fuzz', integer: 1, number: 1, boolean: true, object: {} }[schema.type ?? 'string'];
}

function validBody(document: OpenApiDocument, fixtures: FuzzFixtures, path: string, schema: Schema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, sample(document, fixtures, path, name, property)]));
}

/** Every property of a body schema as a path (`rules.markets`), one level of nesting deep. */
function fieldPaths(document: OpenApiDocument, schema: Schema): string[][] {
  const paths: string[][] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    paths.push([name]);
    const inner = resolve(document, property);
    if (inner.properties) for (const child of Object.keys(inner.properties)) paths.push([name, child]);
  }
  return paths;
}

function withField(body: Record<string, unknown>, path: string[], value: unknown, remove = false): Record<string, unknown> {
  const copy = structuredClone(body);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  if (remove) delete target[path[path.length - 1]];
  else target[path[path.length - 1]] = value;
  return copy;
}

const encodeQuery = (entries: Array<[string, string]>) => entries.map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&');

/**
 * The cases for one operation: every path parameter, query parameter and body field in turn
 * given each bad value (the rest valid), required fields left out, unknown fields added, whole
 * bodies of the wrong shape, and a few seeded combinations of several bad fields at once.
 */
export function operationCases(
  document: OpenApiDocument,
  fixtures: FuzzFixtures,
  template: string,
  method: string,
  random: Random,
  { values = BODY_VALUES, urlValues = URL_VALUES, shapes = true } = {},
): FuzzCase[] {
  const operation = document.paths[template][method];
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const fill = (overrides: Record<string, string> = {}) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(fixtures.pathValue(template, name)));
  const validQuery: Array<[string, string]> = queryParams
    .filter((p) => p.required)
    .map((p) => [p.name, encodeURIComponent(String(sample(document, fixtures, template, p.name, p.schema ?? {})))]);
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const schema = resolve(document, jsonSchema);
  const body = jsonSchema ? validBody(document, fixtures, template, schema) : undefined;
  const base = { method: method.toUpperCase(), query: encodeQuery(validQuery), ...(body ? { body: { json: body } } : {}) };
  const cases: FuzzCase[] = [{ ...base, path: fill(), label: 'valid' }];

  for (const param of pathParams) {
    for (const [label, value] of urlValues) cases.push({ ...base, path: fill({ [param.name]: value }), label: `path ${param.name}: ${label}` });
  }
  for (const param of queryParams) {
    const others = validQuery.filter(([name]) => name !== param.name);
    for (const [label, value] of [...urlValues, ['empty', ''] as [string, string], ['10k string', 'q'.repeat(10_000)] as [string, string]]) {
      cases.push({ ...base, path: fill(), query: encodeQuery([...others, [param.name, value]]), label: `query ${param.name}: ${label}` });
    }
    cases.push({ ...base, path: fill(), query: encodeQuery([...validQuery, [param.name, '1'], [param.name, '2']]), label: `query ${param.name}: repeated` });
  }
  cases.push({ ...base, path: fill(), query: encodeQuery([...validQuery, ['unexpected', '1']]), label: 'query: unknown parameter' });
  if (!body) return cases;

  const fields = fieldPaths(document, schema);
  for (const field of fields) {
    for (const [label, value] of values) {
      cases.push({ ...base, path: fill(), body: { json: withField(body, field, value) }, label: `body ${field.join('.')}: ${label}` });
    }
  }
  const required = [...(schema.required ?? []).map((name) => [name])];
  for (const field of required) {
    cases.push({ ...base, path: fill(), body: { json: withField(body, field, undefined, true) }, label: `body ${field.join('.')}: missing` });
  }
  if (!shapes) return cases;
  cases.push({ ...base, path: fill(), body: { json: {} }, label: 'body: empty object' });
  cases.push({ ...base, path: fill(), body: { json: { ...body, unexpected: 1 } }, label: 'body: unknown field' });
  const wholeBodies: Array<[string, string]> = [
    ['null', 'null'],
    ['array', '[]'],
    ['number', '42'],
    ['string', '"text"'],
    ['broken JSON', '{"name":'],
    ['10,000 levels of arrays', nestedJson(10_000)],
    ['10,000 levels of objects', nestedJson(10_000, 'a')],
    ['prototype pollution', JSON.stringify(body).replace(/^\{/, '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},')],
    ['NUL in a key', JSON.stringify({ ...body, 'na\u0000me': 'x' })],
  ];
  for (const [label, raw] of wholeBodies) cases.push({ ...base, path: fill(), body: { raw, type: 'application/json' }, label: `body: ${label}` });
  for (let i = 0; i < 5; i++) {
    let mixed = body;
    const picked: string[] = [];
    for (let j = 0; j < 3; j++) {
      const field = fields[Math.floor(random() * fields.length)];
      const [label, value] = values[Math.floor(random() * values.length)];
      mixed = withField(mixed, field, value);
      picked.push(`${field.join('.')}=${label}`);
    }
    cases.push({ ...base, path: fill(), body: { json: mixed }, label: `body mixed: ${picked.join(', ')}` });
  }
  return cases;
}
