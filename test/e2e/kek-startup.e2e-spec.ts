import { randomBytes } from 'node:crypto';
import { closeDb, db } from '../support/app.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

describe('Start-up with a wrong key-encryption key', () => {
  let instance: Instance | undefined;
  afterAll(async () => {
    await stopInstance(instance);
    await closeDb();
  });

  it('should refuse to start, naming the setting, rather than fail at the first signature', async () => {
    const current = await db().query<{ kid: string }>(
      'SELECT kid FROM signing_keys WHERE retired_at IS NULL',
    );
    expect(current.rows.length).toBeGreaterThan(0);

    const started = startInstance({ KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    const refused = await started.then(
      (running) => {
        instance = running;
        return '';
      },
      (error: Error) => error.message,
    );

    expect(instance).toBeUndefined();
    expect(refused).toContain('exited with 1');
    expect(refused).toContain('KEY_ENCRYPTION_KEY does not decrypt');
    expect(refused).toContain(current.rows[0]?.kid);
  });

  it('should start with the key the running instance uses', async () => {
    instance = await startInstance();
    const ready = await fetch(`${instance.url}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
