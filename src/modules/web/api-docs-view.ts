import { asArray, asObject, text } from './json-read.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  access: string;
  responses: string;
}

export interface TagView {
  name: string;
  id: string;
  description: string;
  operations: OperationView[];
}

function access(operation: Record<string, unknown>, fallback: unknown[]): string {
  const security = asArray(operation.security ?? fallback);
  if (security.length === 0 || security.some((s) => Object.keys(asObject(s)).length === 0))
    return 'Public';
  const kinds = security.flatMap((s) => Object.keys(asObject(s)));
  return kinds.map((k) => (k === 'api-key' ? 'API key' : 'Bearer token')).join(' or ');
}

/** The OpenAPI document as a readable list of operations, grouped by tag, for the docs page. */
export function apiDocsView(document: unknown): {
  title: string;
  description: string;
  tags: TagView[];
} {
  const doc = asObject(document);
  const info = asObject(doc.info);
  const tagDescriptions = new Map(
    asArray(doc.tags).map((t) => [text(t, 'name'), text(t, 'description')]),
  );
  const byTag = new Map<string, OperationView[]>();
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    for (const method of METHODS) {
      const operation = asObject(asObject(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const tag = text({ t: asArray(operation.tags)[0] }, 't') || 'Other';
      const list = byTag.get(tag) ?? [];
      list.push({
        id: `${method}-${path}`.replace(/[^A-Za-z0-9-]+/g, '-'),
        method: method.toUpperCase(),
        path,
        summary: text(operation, 'summary'),
        description: text(operation, 'description'),
        access: access(operation, asArray(doc.security)),
        responses: Object.keys(asObject(operation.responses)).join(', '),
      });
      byTag.set(tag, list);
    }
  }
  return {
    title: text(info, 'title'),
    description: text(info, 'description'),
    tags: [...byTag.entries()].map(([name, operations]) => ({
      name,
      id: `tag-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`,
      description: tagDescriptions.get(name) ?? '',
      operations,
    })),
  };
}
