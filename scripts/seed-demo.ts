// `npm run seed:demo`: adds the demo registry to an empty database (DATABASE_URL or the embedded one).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { createLogger, NestPinoLogger } from '../src/common/logging/logger.js';
import { DemoSeedService } from '../src/modules/demo/demo-seed.service.js';

process.env.SEED_DEMO = 'true';
const app = await NestFactory.createApplicationContext(AppModule, {
  logger: new NestPinoLogger(createLogger('warn')),
});
const demo = app.get(DemoSeedService);
await demo.whenSeeded();
const logins = await demo.logins();
await app.close();
if (logins.length === 0) {
  console.log('The registry already has practitioners: nothing added.');
} else {
  console.log(`Demo data is in. Logins (also in ${demo.loginsFile}):`);
  for (const l of logins)
    console.log(`  ${l.role.padEnd(12)} ${l.email.padEnd(40)} ${l.password}  ${l.note}`);
}
