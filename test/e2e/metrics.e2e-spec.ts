import { api, closeDb } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Metrics and tracing', () => {
  afterAll(closeDb);

  it('should serve the Prometheus series an operator needs, by route template', async () => {
    const p = await newPractitioner();
    await api().get(`/api/v1/register/${p.registerNumber}`).expect(200);
    await api()
      .post('/api/v1/verifications')
      .send({
        registerNumber: p.registerNumber,
        claim: { kind: 'degree', title: 'MSc Anything', awardingBody: 'Nowhere University' },
      })
      .expect(201);

    const res = await api().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    const entry =
      'http_requests_total{method="GET",route="/api/v1/register/:registerNumber",status="200"}';
    expect(sample(text, entry)).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(p.registerNumber);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/v1\/register\/:registerNumber",status="200"\} \d+/,
    );
    expect(sample(text, 'signing_operations_total{kind="receipt"}')).toBeGreaterThanOrEqual(1);
    for (const series of [
      'db_pool_connections{state="total"}',
      'db_pool_connections{state="idle"}',
      'db_pool_connections{state="waiting"}',
      'outbox_backlog_events',
      'webhook_backlog_deliveries',
      'audit_queue_pending_entries',
      'audit_sequencer_lag_seconds',
      'db_up',
    ]) {
      expect({ series, value: sample(text, series) }).toEqual({
        series,
        value: expect.any(Number),
      });
    }
    expect(sample(text, 'db_up')).toBe(1);
    expect(text).toContain('# TYPE rate_limit_rejections_total counter');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('should keep a caller traceparent trace id and start a trace otherwise', async () => {
    const given = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const kept = await api().get('/health').set('traceparent', given).expect(200);
    expect(kept.headers.traceparent).toMatch(
      /^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$/,
    );
    const made = await api().get('/health').set('traceparent', 'not-a-trace').expect(200);
    expect(made.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(made.headers.traceparent).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('should say in readiness that Redis answers when it backs the rate limits', async () => {
    const res = await api().get('/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
    if (process.env.REDIS_URL) expect(res.body.redis).toBe('up');
    else expect(res.body.redis).toBeUndefined();
  });
});
