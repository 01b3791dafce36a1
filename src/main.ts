import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { installGracefulShutdown } from './common/http/graceful-shutdown.js';
import { createLogger } from './common/logging/logger.js';
import { validateEnvironment } from './config/env.validation.js';
import { DemoSeedService } from './modules/demo/demo-seed.service.js';

async function main(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const app = await createApp(logger);
  installGracefulShutdown(app, logger);
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
  logger.info({ url, port }, `Registry listening on ${url}`);
  const demo = app.get(DemoSeedService);
  await demo.whenSeeded();
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
