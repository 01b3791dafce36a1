import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logging/logger.js';
import { validateEnvironment } from './config/env.validation.js';

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
  await app.listen({ port: env.PORT, host: env.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
  logger.info({ url, port }, `Registry listening on ${url}`);
  process.stdout.write(`\n  Registry ready at ${url}  (API docs: ${url}/api/docs)\n\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
