// The data source the TypeORM CLI uses (migration:generate|run|revert), from the compiled sources.
import path from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

const url = process.env.DATABASE_URL;
const target = url
  ? { url }
  : await new EmbeddedPostgres(path.resolve(process.env.DATA_DIR ?? './data'), 3).start();

export default new DataSource(buildDataSourceOptions(target, 2));
