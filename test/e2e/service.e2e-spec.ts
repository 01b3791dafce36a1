import { api, closeDb } from '../support/app.js';

describe('Service routes', () => {
  afterAll(closeDb);

  it('should answer liveness and readiness', async () => {
    await api().get('/health').expect(200, { status: 'ok' });
    const ready = await api().get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      database: 'up',
      ...(process.env.REDIS_URL ? { redis: 'up' } : {}),
      auditLog: {
        pending: expect.any(Number),
        oldestPendingSeconds: expect.any(Number),
        secondsSinceCheckpoint: expect.any(Number),
        treeSize: expect.any(Number),
        sequencer: {
          holder: expect.any(String),
          leaseExpiresAt: expect.any(String),
          thisInstance: expect.any(String),
        },
      },
    });
  });

  it('should serve the OpenAPI document with problem responses', async () => {
    const res = await api().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.schemas.ProblemDto).toBeDefined();
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/roles']),
    );
  });

  it('should answer an unknown route with problem+json 404', async () => {
    const res = await api().get('/api/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
  });

  it('should answer malformed JSON with a 400 problem', async () => {
    const res = await api()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('should list the seeded roles publicly', async () => {
    const res = await api().get('/api/v1/roles').expect(200);
    const codes = (res.body as { code: string }[]).map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining(['CIO', 'CCIO', 'CNIO', 'CMIO', 'CDO', 'CTO', 'CAHPIO']),
    );
  });
});
