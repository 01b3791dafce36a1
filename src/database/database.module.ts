import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { EmbeddedDatabaseService } from './embedded-database.service.js';
import { PUBLIC_READS } from './public-reads.js';
import { QueryCountingLogger } from './query-counting-logger.js';

@Global()
@Module({
  providers: [EmbeddedDatabaseService],
  exports: [EmbeddedDatabaseService],
})
class EmbeddedDatabaseModule {}

@Global()
@Module({
  providers: [{ provide: PUBLIC_READS, useExisting: getDataSourceToken() }],
  exports: [PUBLIC_READS],
  imports: [
    EmbeddedDatabaseModule,
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY, EmbeddedDatabaseService],
      useFactory: async (config: DatabaseConfig, embedded: EmbeddedDatabaseService) => {
        const target = config.url ? { url: config.url } : await embedded.start();
        return {
          ...buildDataSourceOptions(target, config.poolSize),
          migrationsRun: true,
          ...(config.countQueries
            ? { logging: ['query' as const], logger: new QueryCountingLogger() }
            : {}),
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
