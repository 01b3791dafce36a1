import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolvePublicAddress } from './webhook-address.js';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowLoopback: boolean;
}

/**
 * POSTs a webhook to the address checked here, never to another one: the name is resolved and
 * checked once, and the socket connects to that address (TLS still verifies the name). No redirect
 * is followed (node:http never follows one); the status is all we keep.
 */
export async function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  const checked = await resolvePublicAddress(url.hostname, post.allowLoopback);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
        null,
        [checked],
      );
    else callback(null, checked.address, checked.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(post.timeoutMs),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(post.body);
  });
}
