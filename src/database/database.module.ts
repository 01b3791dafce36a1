import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { EmbeddedDatabaseService } from './embedded-database.service.js';
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
