import { randomUUID } from 'node:crypto';

/** The part of an OpenAPI 3 schema object the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One route of the served document, with what the fuzzer needs to build a plausible request. */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** Media types of the body, JSON first; empty when the route takes none. */
  bodyTypes: string[];
  bodySchema?: Schema;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const content = op.requestBody?.content ?? {};
      const bodyTypes = Object.keys(content).sort((a, b) =>
        a === 'application/json' ? -1 : b === 'application/json' ? 1 : 0,
      );
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        bodyTypes,
        bodySchema: bodyTypes[0] ? content[bodyTypes[0]]?.schema : undefined,
      });
    }
  }
  return operations;
}

export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && current.$ref; i++) {
    const name = current.$ref.split('/').pop() ?? '';
    current = doc.components?.schemas?.[name] ?? {};
  }
  const merged = current.allOf ?? current.oneOf ?? current.anyOf;
  if (merged?.[0]) return { ...current, ...resolve(doc, merged[0]) };
  return current;
}

/** A value the schema would accept, so that one hostile field at a time reaches deep code. */
export function sample(doc: OpenApiDocument, input: Schema | undefined, depth = 0): unknown {
  const schema = resolve(doc, input);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type ?? 'object') {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [sample(doc, schema.items, depth + 1)];
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return '2020-01-01';
      if (schema.format === 'date-time') return '2020-01-01T00:00:00Z';
      if (schema.format === 'email') return 'fuzz@example.test';
      if (schema.format === 'uri') return 'https://example.test/';
      return 'fuzz';
    default:
      if (!schema.properties || depth > 4) return schema.type === 'object' ? {} : 'fuzz';
      return Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, sample(doc, v, depth + 1)]),
      );
  }
}

/** Dotted paths of every field in a sampled body (array items as index 0). */
export function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  const paths: string[][] = prefix.length ? [prefix] : [];
  for (const [key, child] of entries) paths.push(...fieldPaths(child, [...prefix, key]));
  return paths;
}

/** A copy of `body` with the field at `path` replaced by `value`. */
export function setField(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(body)
    ? [...(body as unknown[])]
    : { ...(body as Record<string, unknown>) };
  const [head = '', ...rest] = path;
  (copy as Record<string, unknown>)[head] = setField(
    (copy as Record<string, unknown>)[head],
    rest,
    value,
  );
  return copy;
}
