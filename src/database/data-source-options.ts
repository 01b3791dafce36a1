import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const here = path.dirname(fileURLToPath(import.meta.url));
/** Compiled migrations sit beside the compiled sources: dist/migrations/*.js. */
export const MIGRATIONS_DIR = path.join(here, '../../migrations');

export type DatabaseTarget = { url: string } | { socketDir: string; port: number };

/** One set of options for both databases: only where the connection goes differs. */
export function buildDataSourceOptions(
  target: DatabaseTarget,
  poolSize: number,
): DataSourceOptions {
  const connection =
    'url' in target
      ? { url: target.url }
      : { host: target.socketDir, port: target.port, username: 'postgres', database: 'postgres' };
  return {
    type: 'postgres',
    ...connection,
    entities: ENTITIES,
    migrations: [path.join(MIGRATIONS_DIR, '*.js')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize },
  };
}
