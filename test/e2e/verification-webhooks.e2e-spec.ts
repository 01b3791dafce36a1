import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/modules/verification/webhook-signature.js';
import { api, asRegistrar, bearer, closeDb, count, db } from '../support/app.js';
import { idempotencyKey, newEmployer, newIssuer, newPractitioner } from '../support/factories.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const DOB = '1970-10-10';

/** A webhook receiver that fails its first delivery, to prove the retry. */
function receiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = received.length === 1 ? 500 : 204;
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hooks/registry`,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function verifiedEmployerWithRedeemedCode(registerNumber: string, practitionerToken: string) {
  const employer = await newEmployer();
  await api()
    .post(`/api/v1/organisations/${employer.organisationId}/verify`)
    .set(bearer(await asRegistrar()))
    .expect(200);
  const { code } = (
    await api()
      .post('/api/v1/share-codes')
      .set(bearer(practitionerToken))
      .send({ purpose: 'Ongoing assurance for the CIO post', expiresInDays: 90 })
      .expect(201)
  ).body;
  await api()
    .post('/api/v1/share-codes/redeem')
    .set(bearer(employer.token))
    .send({ code, dateOfBirth: DOB })
    .expect(200);
  return employer;
}

describe('Watch-lists and webhooks', () => {
  afterAll(closeDb);

  it('should deliver a signed event after a revocation, again after a failed first attempt, and show it in the feed', async () => {
    const hook = await receiver();
    try {
      const issuer = await newIssuer();
      const p = await newPractitioner({ dateOfBirth: DOB });
      const credential = (
        await api()
          .post('/api/v1/credentials')
          .set('X-API-Key', issuer.apiKey)
          .set('Idempotency-Key', idempotencyKey())
          .send({
            registerNumber: p.registerNumber,
            kind: 'certificate',
            title: 'Digital Leadership Programme',
            awardedOn: '2021-05-01',
          })
          .expect(201)
      ).body as { id: string };
      const employer = await verifiedEmployerWithRedeemedCode(p.registerNumber, p.token);
      const watch = (
        await api()
          .post('/api/v1/watch-lists')
          .set(bearer(employer.token))
          .send({ registerNumber: p.registerNumber, webhookUrl: hook.url })
          .expect(201)
      ).body;
      expect(watch).toMatchObject({
        registerNumber: p.registerNumber,
        purpose: 'Ongoing assurance for the CIO post',
        secret: expect.stringMatching(/^whsec_/),
      });
      // Stored sealed under the KEK: the row holds neither the secret nor any part of it.
      const { rows } = await db().query<Record<string, unknown>>(
        `SELECT * FROM watch_lists WHERE id = $1`,
        [(watch as { id: string }).id],
      );
      const stored = JSON.stringify(rows[0]);
      expect(rows).toHaveLength(1);
      expect(stored).not.toContain(String(watch.secret));
      expect(stored).not.toContain(String(watch.secret).slice(6, 22));
      expect(rows[0]?.secret_sealed).toMatch(/^v1\./);
      const listed = await api().get('/api/v1/watch-lists').set(bearer(employer.token)).expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(String(watch.secret));

      await api()
        .post(`/api/v1/credentials/${credential.id}/revoke`)
        .set('X-API-Key', issuer.apiKey)
        .send({ reason: 'Awarded in error' })
        .expect(200);
      await until(() => hook.received.length >= 2, 40_000);

      const [failed, retried] = hook.received;
      expect(retried.headers['x-registry-event-id']).toBe(failed.headers['x-registry-event-id']);
      for (const delivery of [failed, retried]) {
        expect(
          verifyWebhookSignature(
            watch.secret,
            String(delivery.headers['x-registry-signature']),
            delivery.body,
            new Date(),
          ),
        ).toBe(true);
        expect(
          verifyWebhookSignature(
            'whsec_wrong',
            String(delivery.headers['x-registry-signature']),
            delivery.body,
            new Date(),
          ),
        ).toBe(false);
      }
      const event = JSON.parse(retried.body);
      expect(event).toMatchObject({
        id: retried.headers['x-registry-event-id'],
        type: 'credential.status-changed',
        registerNumber: p.registerNumber,
        watchListId: watch.id,
        data: expect.objectContaining({ to: 'revoked' }),
      });
      expect(
        await count(
          `SELECT 1 FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.event_id = $1`,
          [event.id],
        ),
      ).toBe(2);

      const feed = (
        await api()
          .get(`/api/v1/watch-lists/${watch.id}/events`)
          .set(bearer(employer.token))
          .expect(200)
      ).body;
      expect(feed.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: event.id,
            type: 'credential.status-changed',
            delivery: 'delivered',
          }),
        ]),
      );
      expect(feed.items.some((i: { type: string }) => i.type === 'credential.issued')).toBe(false);
      const later = (
        await api()
          .get(`/api/v1/watch-lists/${watch.id}/events`)
          .query({ after: feed.next })
          .set(bearer(employer.token))
          .expect(200)
      ).body;
      expect(later.items).toEqual([]);
      const stranger = await newEmployer();
      await api()
        .get(`/api/v1/watch-lists/${watch.id}/events`)
        .set(bearer(stranger.token))
        .expect(404);
    } finally {
      await hook.close();
    }
  }, 60_000);

  it('should record events for every watch-list while a receiver that never answers is called', async () => {
    // A receiver that takes each call and never replies: every delivery to it waits out the
    // timeout (5 s). Recording events waited behind those calls, so one dead receiver delayed
    // every other employer's events by the timeout times its backlog.
    let calls = 0;
    const hanging = http.createServer(() => {
      calls += 1;
    });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    try {
      const issuer = await newIssuer();
      const [slow, other] = await Promise.all([
        newPractitioner({ dateOfBirth: DOB }),
        newPractitioner({ dateOfBirth: DOB }),
      ]);
      const watchOf = async (p: { registerNumber: string; token: string }, url: string) => {
        const employer = await verifiedEmployerWithRedeemedCode(p.registerNumber, p.token);
        const watch = (
          await api()
            .post('/api/v1/watch-lists')
            .set(bearer(employer.token))
            .send({ registerNumber: p.registerNumber, webhookUrl: url })
            .expect(201)
        ).body as { id: string };
        return { id: watch.id, token: employer.token };
      };
      const { port } = hanging.address() as AddressInfo;
      await watchOf(slow, `http://127.0.0.1:${port}/hook`);
      const watched = await watchOf(other, 'http://127.0.0.1:9/never-called');
      const issue = (registerNumber: string, title: string) =>
        api()
          .post('/api/v1/credentials')
          .set('X-API-Key', issuer.apiKey)
          .set('Idempotency-Key', idempotencyKey())
          .send({ registerNumber, kind: 'certificate', title, awardedOn: '2021-05-01' })
          .expect(201);
      for (let i = 0; i < 6; i += 1) await issue(slow.registerNumber, `Backlog ${i}`);
      // The dispatcher is now calling the receiver that never answers, with a backlog behind.
      await until(() => calls > 0, 15_000);
      await issue(other.registerNumber, 'Recorded at once');

      const deadline = Date.now() + 8_000;
      let types: string[] = [];
      while (Date.now() < deadline && types.length === 0) {
        const res = await api()
          .get(`/api/v1/watch-lists/${watched.id}/events`)
          .set(bearer(watched.token))
          .expect(200);
        types = (res.body.items as { type: string }[]).map((e) => e.type);
        if (types.length === 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(types).toContain('credential.issued');
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
    }
  });

  it('should refuse an unverified organisation, one that redeemed no code, and a non-https webhook', async () => {
    const p = await newPractitioner({ dateOfBirth: DOB });
    const unverified = await newEmployer();
    expect(
      (
        await api()
          .post('/api/v1/watch-lists')
          .set(bearer(unverified.token))
          .send({ registerNumber: p.registerNumber })
          .expect(403)
      ).body.code,
    ).toBe('WATCH_LIST.NOT_ALLOWED');
    const verified = await newEmployer();
    await api()
      .post(`/api/v1/organisations/${verified.organisationId}/verify`)
      .set(bearer(await asRegistrar()))
      .expect(200);
    await api()
      .post('/api/v1/watch-lists')
      .set(bearer(verified.token))
      .send({ registerNumber: p.registerNumber })
      .expect(403);
    const allowed = await verifiedEmployerWithRedeemedCode(p.registerNumber, p.token);
    const insecure = await api()
      .post('/api/v1/watch-lists')
      .set(bearer(allowed.token))
      .send({ registerNumber: p.registerNumber, webhookUrl: 'http://hr.example/hook' })
      .expect(400);
    expect(insecure.body.code).toBe('WATCH_LIST.WEBHOOK_URL');
    const feedOnly = (
      await api()
        .post('/api/v1/watch-lists')
        .set(bearer(allowed.token))
        .send({ registerNumber: p.registerNumber })
        .expect(201)
    ).body;
    await api()
      .post('/api/v1/watch-lists')
      .set(bearer(allowed.token))
      .send({ registerNumber: p.registerNumber })
      .expect(409);
    expect(
      (await api().get('/api/v1/watch-lists').set(bearer(allowed.token)).expect(200)).body.items,
    ).toEqual([expect.objectContaining({ id: feedOnly.id })]);
    await api().delete(`/api/v1/watch-lists/${feedOnly.id}`).set(bearer(allowed.token)).expect(204);
    await api()
      .post('/api/v1/watch-lists')
      .set(bearer(p.token))
      .send({ registerNumber: p.registerNumber })
      .expect(403);
  });
});
