// `npm run snapshot`: makes today's open-data snapshot of the public register (run it daily from
// cron or a scheduler); prints where it is and its manifest's file hashes.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { createLogger, NestPinoLogger } from '../src/common/logging/logger.js';
import { SnapshotsService } from '../src/modules/open-data/snapshots.service.js';

process.env.SEED_DEMO ??= 'false';
const app = await NestFactory.createApplicationContext(AppModule, {
  logger: new NestPinoLogger(createLogger('warn')),
});
try {
  const { date, manifest } = await app.get(SnapshotsService).make();
  console.log(`Snapshot ${date}: ${manifest.records} entries, licence ${manifest.licence.name}`);
  for (const f of manifest.files) console.log(`  ${f.name}  ${f.bytes} bytes  sha256 ${f.sha256}`);
} finally {
  await app.close();
}
