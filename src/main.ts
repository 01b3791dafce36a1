import 'reflect-metadata';
import module from 'node:module';
import path from 'node:path';
import { markStartup, writeStartupMarks } from './common/startup/startup-timings.js';
import { DEFAULT_DATA_DIR, DEFAULT_DATABASE_POOL_SIZE } from './config/env-defaults.js';

// Start-up time is mostly spent loading modules (about 2,000 files). Node 22.1+ can keep their
// compiled code between runs; older Node has no such cache and skips this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function main(): Promise<void> {
  markStartup('main');
  if (!process.env.DATABASE_URL) {
    // Open the embedded database while the app's modules load (see startEmbeddedEarly), from the
    // settings as given, before they are checked: checking loads class-validator first. The app
    // takes this start over only if the checked settings name the same directory and pool.
    const { embeddedMaxConnections, startEmbeddedEarly } =
      await import('./database/embedded-postgres.js');
    const { DATA_DIR = DEFAULT_DATA_DIR, DATABASE_POOL_SIZE } = process.env;
    const poolSize =
      DATABASE_POOL_SIZE === undefined ? DEFAULT_DATABASE_POOL_SIZE : Number(DATABASE_POOL_SIZE);
    startEmbeddedEarly(path.resolve(DATA_DIR), embeddedMaxConnections(poolSize));
  }
  const { validateEnvironment } = await import('./config/env.validation.js');
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const [{ createApp }, { installGracefulShutdown }, { createLogger }, { DemoSeedService }] =
    await Promise.all([
      import('./app.factory.js'),
      import('./common/http/graceful-shutdown.js'),
      import('./common/logging/logger.js'),
      import('./modules/demo/demo-seed.service.js'),
    ]);
  markStartup('modules loaded');
  const logger = createLogger(env.LOG_LEVEL);
  const app = await createApp(logger);
  installGracefulShutdown(app, logger);
  await app.listen({ port: env.PORT, host: env.HOST });
  markStartup('listening');
  writeStartupMarks();
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
  logger.info({ url, port }, `Registry listening on ${url}`);
  const demo = app.get(DemoSeedService);
  await demo.whenSeeded();
  markStartup('demo data seeded');
  writeStartupMarks();
  const logins = await demo.logins();
  const lines = [`\n  Registry ready at ${url}  (API docs: ${url}/api/docs)`];
  if (logins.length > 0) {
    lines.push(`  Demo logins (kept in ${demo.loginsFile}):`);
    for (const l of logins)
      lines.push(`    ${l.role.padEnd(12)} ${l.email.padEnd(38)} ${l.password}   ${l.note}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
