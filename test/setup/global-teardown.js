import fs from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const app = globalThis.__registryApp;
  if (!app) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (app.child.exitCode === null) app.child.kill('SIGKILL');
  if (process.env.TEST_SHOW_APP_LOG) process.stderr.write(fs.readFileSync(app.logFile, 'utf8'));
  if (app.database.kind === 'server') {
    const admin = new pg.Client({ connectionString: app.database.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${app.database.name}" WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(app.dataDir, { recursive: true, force: true });
}
