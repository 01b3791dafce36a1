import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { EmbeddedDatabaseService } from './embedded-database.service.js';
import { useCopy } from './copy-rows.js';
import { openDataSource } from './open-data-source.js';
import { usePreparedStatements } from './prepared.js';
import { PUBLIC_READS } from './public-reads.js';
import { ReadReplicas, publicReadsProviders } from './public-reads.provider.js';
import { QueryCountingLogger } from './query-counting-logger.js';

@Global()
@Module({
  providers: [EmbeddedDatabaseService],
  exports: [EmbeddedDatabaseService],
})
class EmbeddedDatabaseModule {}

@Global()
@Module({
  providers: publicReadsProviders,
  exports: [PUBLIC_READS, ReadReplicas],
  imports: [
    EmbeddedDatabaseModule,
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY, EmbeddedDatabaseService],
      useFactory: async (config: DatabaseConfig, embedded: EmbeddedDatabaseService) => {
        const target = config.url ? { url: config.url } : await embedded.start();
        usePreparedStatements(Boolean(config.url));
        useCopy(Boolean(config.url));
        return {
          ...buildDataSourceOptions(target, config.poolSize),
          // Run by openDataSource, and only when some migration is not applied yet.
          migrationsRun: false,
          ...(config.countQueries
            ? { logging: ['query' as const], logger: new QueryCountingLogger() }
            : {}),
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
      // Connects, and runs the migrations only when some are not applied (see openDataSource).
      dataSourceFactory: (options?: DataSourceOptions) =>
        openDataSource(options as DataSourceOptions),
    }),
  ],
})
export class DatabaseModule {}
