import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { api, baseUrl, bearer } from '../support/app.js';
import { newPractitioner } from '../support/factories.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as given: clients like supertest would fix the malformed requests under test. */
function raw(request: string): Promise<RawResponse> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let data = '';
    socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(request);
  });
}

function expectProblem(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { status: number; code: string; title: string };
  expect(body).toMatchObject({ status, code });
  expect(typeof body.title).toBe('string');
}

describe('Errors raised before any route runs', () => {
  it('should answer a malformed percent-encoding with a problem', async () => {
    const res = await raw(
      'GET /api/v1/register/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expectProblem(res, 400, 'REQUEST.BAD_URL');
  });

  it('should answer a 100 kB address with a 431 problem', async () => {
    const q = 'a'.repeat(100_000);
    const res = await raw(
      `GET /api/v1/register?q=${q} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expectProblem(res, 431, 'REQUEST.HEADERS_TOO_LARGE');
  });

  it('should answer a NUL in a header with a 400 problem', async () => {
    const res = await raw(
      'GET /health HTTP/1.1\r\nHost: x\r\nX-Api-Key: a\u0000b\r\nConnection: close\r\n\r\n',
    );
    expectProblem(res, 400, 'REQUEST.MALFORMED');
  });

  it('should answer an overlong path segment with a problem', async () => {
    const res = await api().get(`/api/v1/register/${'D'.repeat(5000)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should answer an unknown API path and a wrong body type with problems', async () => {
    const missing = await api().get('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((missing.body as { code: string }).code).toBe('ROUTE.NOT_FOUND');
    const text = await api()
      .post('/api/v1/auth/login')
      .set('content-type', 'text/plain')
      .send('email=a');
    expect(text.status).toBe(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((text.body as { code: string }).code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    const big = await api()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(`{"email":"${'a'.repeat(1_100_000)}"}`);
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((big.body as { code: string }).code).toBe('REQUEST.TOO_LARGE');
  });

  it('should answer a known path asked with another method with a 405 problem naming the methods', async () => {
    const res = await api().delete('/api/v1/register');
    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect((res.body as { code: string }).code).toBe('ROUTE.METHOD_NOT_ALLOWED');
    const login = await api().get('/api/v1/auth/login');
    expect(login.status).toBe(405);
    expect(login.headers.allow).toBe('POST');
    const withParam = await api().put('/api/v1/register/DL12345671');
    expect(withParam.status).toBe(405);
    expect((await api().post('/api/v1/no-such-thing')).status).toBe(404);
  });

  describe('multipart forms', () => {
    const upload = async (body: string | Buffer, boundary = 'b0undary') => {
      const p = await newPractitioner();
      return api()
        .post(`/api/v1/practitioners/me/claims/${randomUUID()}/evidence`)
        .set(bearer(p.token))
        .set('content-type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
    };
    const part = (name: string, value: string, filename?: string) =>
      `--b0undary\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`;

    it('should answer a malformed multipart body with a 400 problem', async () => {
      const res = await upload('\u0000');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as { code: string }).code).toBe('REQUEST.MALFORMED_MULTIPART');
    });

    it('should answer a form with too many fields with a 413 problem', async () => {
      const fields = Array.from({ length: 12 }, (_, i) => part(`f${i}`, 'x')).join('');
      const res = await upload(`${fields}${part('file', '%PDF-1.4', 'a.pdf')}--b0undary--\r\n`);
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body as { code: string }).code).toBe('REQUEST.TOO_MANY_PARTS');
    });
  });

  it('should answer a browser asking for an unknown page with the HTML 404 page', async () => {
    const res = await api().get('/no-such-page').set('accept', 'text/html,application/xhtml+xml');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Page not found');
    expect(res.headers['content-security-policy']).toMatch(/nonce-/);
  });

  it('should answer a program asking for an unknown page with a problem', async () => {
    const res = await api().get('/no-such-page').set('accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
