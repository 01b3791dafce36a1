import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from '../../src/modules/verification/webhook-transport.js';
import { api, asRegistrar, bearer, closeDb } from '../support/app.js';
import { newEmployer, newPractitioner } from '../support/factories.js';

describe('Webhook addresses', () => {
  afterAll(closeDb);

  it('should refuse metadata, private, link-local, CGNAT, multicast and IPv4-mapped targets at registration', async () => {
    const employer = await newEmployer();
    await api()
      .post(`/api/v1/organisations/${employer.organisationId}/verify`)
      .set(bearer(await asRegistrar()))
      .expect((res) => expect(res.status).toBeLessThan(300));
    const p = await newPractitioner();
    for (const url of [
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00:ec2::254]/latest',
      'https://10.0.0.8/hook',
      'https://100.64.1.1/hook',
      'https://224.0.0.1/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'https://0.0.0.0/hook',
    ]) {
      const res = await api()
        .post('/api/v1/watch-lists')
        .set(bearer(employer.token))
        .send({ registerNumber: p.registerNumber, webhookUrl: url });
      expect([url, res.status, (res.body as { code: string }).code]).toEqual([
        url,
        400,
        'WATCH_LIST.WEBHOOK_URL',
      ]);
    }
  });

  it('should check the address at delivery, connect only to it, and follow no redirect', async () => {
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (allowLoopback: boolean) =>
      postWebhook({
        url: `http://localhost:${port}/hook`,
        headers: { 'content-type': 'application/json' },
        body: '{}',
        timeoutMs: 2000,
        allowLoopback,
      });
    try {
      await expect(post(false)).rejects.toThrow(/refused address/);
      expect(hits).toBe(0);
      await expect(post(true)).resolves.toBe(302);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
