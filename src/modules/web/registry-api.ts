import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

export type ApiResult<T> =
  { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** A raw body with its content type (multipart, CSV); otherwise `body` is sent as JSON. */
  raw?: { payload: Buffer | string; contentType: string };
  headers?: Record<string, string>;
}

/**
 * The pages read and write through the public JSON API, in process: the same validation, rules,
 * rate limits and idea of what is public as every other client, with the visitor's own token and
 * address so limits and lockouts apply to them and not to the web server.
 */
@Injectable()
export class RegistryApi {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async call<T>(visitor: FastifyRequest, call: ApiCall): Promise<ApiResult<T>> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (!headers.authorization && typeof visitor.headers.authorization === 'string') {
      headers.authorization = visitor.headers.authorization;
    }
    headers['x-correlation-id'] = String(visitor.id);
    let payload: Buffer | string | undefined;
    if (call.raw) {
      payload = call.raw.payload;
      headers['content-type'] = call.raw.contentType;
    } else if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fastify.inject({
      method: call.method,
      url: call.url,
      headers,
      payload,
      remoteAddress: visitor.ip,
    });
    const body = parseJson(response.body);
    if (response.statusCode < 400)
      return { ok: true, status: response.statusCode, data: body as T };
    return {
      ok: false,
      status: response.statusCode,
      problem: toProblem(response.statusCode, body),
    };
  }

  /** A file from the API as it is (evidence): body, type and disposition, for the page to pass on. */
  async download(
    visitor: FastifyRequest,
    url: string,
  ): Promise<{ status: number; body: Buffer; contentType: string; disposition: string }> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const authorization = visitor.headers.authorization;
    const response = await fastify.inject({
      method: 'GET',
      url,
      headers: {
        'x-correlation-id': String(visitor.id),
        ...(typeof authorization === 'string' ? { authorization } : {}),
      },
      remoteAddress: visitor.ip,
    });
    const header = (name: string) => {
      const value = response.headers[name];
      return typeof value === 'string' ? value : '';
    };
    return {
      status: response.statusCode,
      body: response.rawPayload,
      contentType: header('content-type') || 'application/octet-stream',
      disposition: header('content-disposition') || 'attachment',
    };
  }

  /** A POST whose answer is a file (a CSV report), passed on to the visitor as it is. */
  async postForFile(
    visitor: FastifyRequest,
    url: string,
    raw: { payload: Buffer; contentType: string },
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Buffer; contentType: string }> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const authorization = visitor.headers.authorization;
    const response = await fastify.inject({
      method: 'POST',
      url,
      headers: {
        ...headers,
        'content-type': raw.contentType,
        'x-correlation-id': String(visitor.id),
        ...(typeof authorization === 'string' ? { authorization } : {}),
      },
      payload: raw.payload,
      remoteAddress: visitor.ip,
    });
    const type = response.headers['content-type'];
    return {
      status: response.statusCode,
      body: response.rawPayload,
      contentType: typeof type === 'string' ? type : 'application/octet-stream',
    };
  }

  get<T>(visitor: FastifyRequest, url: string): Promise<ApiResult<T>> {
    return this.call<T>(visitor, { method: 'GET', url });
  }

  post<T>(visitor: FastifyRequest, url: string, body: unknown): Promise<ApiResult<T>> {
    return this.call<T>(visitor, { method: 'POST', url, body });
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toProblem(status: number, body: unknown): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
  return {
    status,
    code: typeof b.code === 'string' ? b.code : 'REQUEST.FAILED',
    title: typeof b.title === 'string' ? b.title : 'Request failed',
    detail: typeof b.detail === 'string' ? b.detail : '',
    errors: Array.isArray(b.errors) ? b.errors : undefined,
  };
}

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
