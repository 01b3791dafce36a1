import net from 'node:net';
import { closeDb } from '../support/app.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

function connect(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('Graceful shutdown', () => {
  let instance: Instance | undefined;

  afterAll(async () => {
    await stopInstance(instance);
    await closeDb();
  });

  it('should exit within 10 seconds of SIGTERM while uploads are half sent and connections idle', async () => {
    instance = await startInstance();
    const sockets: net.Socket[] = [];
    const url = instance.url;
    // A JSON body promised at 900 kB of which 10 bytes arrive: the server waits for the rest.
    const halfJson = await connect(url);
    halfJson.on('error', () => undefined);
    halfJson.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 900000\r\n\r\n{"email":',
    );
    // A bulk upload answered early (no API key) with most of its body never sent.
    const halfBulk = await connect(url);
    halfBulk.on('error', () => undefined);
    halfBulk.write(
      'POST /api/v1/credentials/bulk HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n' +
        'Content-Length: 50000000\r\n\r\nregisterNumber,kind,title\r\n',
    );
    // An idle keep-alive connection.
    const idle = await connect(url);
    idle.on('error', () => undefined);
    idle.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    sockets.push(halfJson, halfBulk, idle);
    await new Promise((r) => setTimeout(r, 500));

    const child = instance.child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
    ]);
    const took = Date.now() - started;
    for (const socket of sockets) socket.destroy();
    expect(code).toBe(0);
    expect(took).toBeLessThan(11_000);
  });
});
