import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  correlationId: string;
  /** W3C Trace Context of this request (the caller's trace, this service's span). */
  traceparent?: string;
  /** Database queries made while serving the request, counted only when DB_QUERY_COUNT_HEADER is on. */
  dbQueries?: number;
}

/** Carries the request's correlation id to every log line and audit event made while serving it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentTraceparent = (): string | null =>
  requestContext.getStore()?.traceparent ?? null;

export const currentCorrelationId = (): string | null =>
  requestContext.getStore()?.correlationId ?? null;
