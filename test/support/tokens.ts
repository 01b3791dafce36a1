import { createHmac } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds an HS256 (or unsigned) JWT by hand, to try tokens the app must refuse. */
export function craftToken(
  payload: Record<string, unknown>,
  options: { secret?: string; alg?: string } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  const signature = createHmac('sha256', options.secret ?? 'x')
    .update(head)
    .digest('base64url');
  return `${head}.${signature}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
