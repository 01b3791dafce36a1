import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';

const nonces = new WeakMap<FastifyRequest, string>();

export const newNonce = () => randomBytes(16).toString('base64');

export function setPageNonce(request: FastifyRequest, nonce: string): void {
  nonces.set(request, nonce);
}

export function pageNonce(request: FastifyRequest): string | undefined {
  return nonces.get(request);
}
