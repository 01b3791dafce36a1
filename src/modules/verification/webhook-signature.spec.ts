import { createHmac } from 'node:crypto';
import {
  MAX_WEBHOOK_ATTEMPTS,
  retryDelaySeconds,
  signWebhook,
  verifyWebhookSignature,
} from './webhook-signature.js';

const secret = 'whsec_test';
const body = '{"event":"credential.revoked","id":"c1"}';
const t = 1_750_000_000;

describe(signWebhook.name, () => {
  it('should sign "<t>.<body>" with HMAC-SHA256', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('should refuse a timestamp that is not whole seconds', () => {
    expect(() => signWebhook(secret, 1.5, body)).toThrow(RangeError);
  });
});

describe(verifyWebhookSignature.name, () => {
  const header = signWebhook(secret, t, body);

  it('should accept its own signature within the tolerance', () => {
    expect(verifyWebhookSignature(secret, header, body, t + 299)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, new Date((t - 10) * 1000))).toBe(true);
  });

  it('should reject a stale or future timestamp', () => {
    expect(verifyWebhookSignature(secret, header, body, t + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, t - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, t + 1000, 2000)).toBe(true);
  });

  it('should reject a changed body, another secret or a changed timestamp', () => {
    expect(verifyWebhookSignature(secret, header, `${body} `, t)).toBe(false);
    expect(verifyWebhookSignature('other', header, body, t)).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, t)).toBe(
      false,
    );
  });

  it('should reject malformed headers', () => {
    for (const bad of [
      '',
      't=1',
      `v1=${'a'.repeat(64)}`,
      `t=abc,v1=${'a'.repeat(64)}`,
      `t=${t},v1=zz`,
    ]) {
      expect(verifyWebhookSignature(secret, bad, body, t)).toBe(false);
    }
  });

  it('should accept any one of several signatures (secret rotation)', () => {
    const old = signWebhook('old-secret', t, body).split(',')[1];
    expect(verifyWebhookSignature(secret, `${header}, ${old}`, body, t)).toBe(true);
    expect(verifyWebhookSignature('old-secret', `${header},${old}`, body, t)).toBe(true);
  });
});

describe(retryDelaySeconds.name, () => {
  it('should back off exponentially from 10 seconds', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([10, 30, 90, 270]);
  });

  it('should never wait more than six hours', () => {
    expect(retryDelaySeconds(MAX_WEBHOOK_ATTEMPTS)).toBe(21_600);
    expect(retryDelaySeconds(1000)).toBe(21_600);
  });

  it('should refuse attempt numbers below 1', () => {
    expect(() => retryDelaySeconds(0)).toThrow(RangeError);
    expect(() => retryDelaySeconds(1.5)).toThrow(RangeError);
  });
});
