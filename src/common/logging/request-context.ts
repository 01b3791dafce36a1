import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  correlationId: string;
}

/** Carries the request's correlation id to every log line and audit event made while serving it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentCorrelationId = (): string | null =>
  requestContext.getStore()?.correlationId ?? null;
