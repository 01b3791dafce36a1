import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb } from '../support/app.js';
import { type Instance, startInstance, stopInstance } from '../support/instances.js';

describe('Demo logins at start-up', () => {
  let instance: Instance | undefined;
  afterAll(async () => {
    await stopInstance(instance);
    await closeDb();
  });

  it('should not print logins left from another database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-demo-logins-'));
    fs.writeFileSync(
      path.join(dataDir, 'demo-logins.json'),
      JSON.stringify([
        { role: 'registrar', email: 'gone@elsewhere.test', password: 'old', note: 'stale' },
      ]),
    );
    instance = await startInstance({ DATA_DIR: dataDir });
    const until = Date.now() + 20_000;
    while (!instance.output().includes('Registry ready') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 200));
    expect(instance.output()).toContain('Registry ready');
    expect(instance.output()).not.toContain('Demo logins');
    expect(instance.output()).not.toContain('gone@elsewhere.test');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
