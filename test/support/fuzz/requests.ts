import http from 'node:http';
import { encodeHostile, isRaw } from './hostile.js';
import {
  fieldPaths,
  type OpenApiDocument,
  type Operation,
  sample,
  setField,
} from './operations.js';

export type RoleName = 'anonymous' | 'practitioner' | 'issuer' | 'employer' | 'registrar';

/** How each role authenticates: a header to add, or none. */
export type Credentials = Record<RoleName, Record<string, string>>;

export type Target =
  | { kind: 'path' | 'query' | 'header'; name: string }
  | { kind: 'body'; path: string[] }
  | { kind: 'whole-body' }
  | { kind: 'csv' }
  | { kind: 'auth' };

export interface FuzzCase {
  op: Operation;
  role: RoleName;
  target: Target;
  value: unknown;
}

export interface BuiltRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Every place a value can go in a request to this operation, each parameter and body field. */
export function targetsOf(doc: OpenApiDocument, op: Operation): Target[] {
  const targets: Target[] = op.parameters.map((p) =>
    p.in === 'cookie' ? { kind: 'header', name: 'cookie' } : { kind: p.in, name: p.name },
  );
  if (op.bodyTypes.includes('multipart/form-data')) targets.push({ kind: 'body', path: ['file'] });
  else if (op.bodySchema) {
    const body = sample(doc, op.bodySchema);
    for (const path of fieldPaths(body)) targets.push({ kind: 'body', path });
  }
  if (op.bodyTypes.includes('text/csv')) targets.push({ kind: 'csv' });
  if (op.bodySchema || op.method === 'POST') targets.push({ kind: 'whole-body' });
  targets.push({ kind: 'auth' });
  return targets;
}

/** Plausible path values: the fuzz practitioner's number, ids that exist nowhere. */
const pathDefaults = (registerNumber: string): Record<string, string> => ({
  registerNumber,
  date: '2020-01-01',
  file: 'register.csv.gz',
  path: '0/000',
  code: 'FUZZ-NO-SUCH-CODE',
  reference: 'fuzz-no-such-reference',
});
const NO_SUCH_ID = '6f1c2d2e-0000-4000-8000-00000000f022';

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');

/** Node refuses to send CR, LF, NUL and other controls in headers: keep the rest. */
const headerSafe = (value: string) =>
  value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 60_000);

function queryOf(name: string, value: unknown): string {
  const key = encodeURIComponent(name);
  if (Array.isArray(value)) return value.map((v) => `${key}=${encodeHostile(asText(v))}`).join('&');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${key}[${encodeHostile(k)}]=${encodeHostile(asText(v))}`)
      .join('&');
  return `${key}=${encodeHostile(asText(value))}`;
}

function csvOf(row: Record<string, unknown>, value: string): string {
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const keys = Object.keys(row);
  return `${keys.join(',')}\n${keys.map(() => cell(value)).join(',')}\n`;
}

function multipartOf(value: unknown): { body: Buffer; type: string } {
  const boundary = 'fuzzboundary7c3a';
  if (isRaw(value))
    return { body: Buffer.from(value.raw), type: `multipart/form-data; boundary=${boundary}` };
  const text = asText(value);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${text.slice(0, 2_000).replace(/["\r\n]/g, '_')}"\r\n` +
        `Content-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(`%PDF-1.4\n${text}`),
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="${text.slice(0, 200).replace(/["\r\n]/g, '_')}"\r\n\r\n${text}\r\n--${boundary}--\r\n`,
    ),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

export function buildRequest(
  doc: OpenApiDocument,
  c: FuzzCase,
  credentials: Credentials,
  registerNumber: string,
): BuiltRequest {
  const { op, target, value } = c;
  const defaults = pathDefaults(registerNumber);
  const headers: Record<string, string> = { accept: 'application/json', ...credentials[c.role] };
  let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    target.kind === 'path' && target.name === name
      ? encodeHostile(asText(value))
      : (defaults[name] ?? NO_SUCH_ID),
  );
  if (target.kind === 'query') path += `?${queryOf(target.name, value)}`;
  if (target.kind === 'header') headers[target.name.toLowerCase()] = headerSafe(asText(value));
  if (target.kind === 'auth') {
    headers.authorization = headerSafe(`Bearer ${asText(value)}`);
    headers['x-api-key'] = headerSafe(asText(value));
  }
  let body: Buffer | undefined;
  const baseline = op.bodySchema ? sample(doc, op.bodySchema) : undefined;
  if (op.bodyTypes.includes('multipart/form-data')) {
    const part = multipartOf(target.kind === 'auth' ? 'fuzz' : value);
    body = part.body;
    headers['content-type'] = part.type;
  } else if (target.kind === 'csv') {
    const row = (Array.isArray(baseline) ? baseline[0] : baseline) as Record<string, unknown>;
    body = Buffer.from(csvOf(row ?? { a: 1 }, asText(value)));
    headers['content-type'] = 'text/csv';
  } else if (target.kind === 'whole-body' || baseline !== undefined) {
    const json =
      target.kind === 'whole-body'
        ? value
        : target.kind === 'body'
          ? setField(baseline, target.path, value)
          : baseline;
    body = Buffer.from(isRaw(json) ? json.raw : (JSON.stringify(json) ?? 'null'));
    headers['content-type'] = 'application/json';
  }
  return { method: op.method, path, headers, body };
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: 8 });

export function send(base: string, req: BuiltRequest): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, 'content-length': String(req.body?.length ?? 0) },
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8', 0, 600),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 60 s')));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export const closeAgent = () => agent.destroy();
