import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { databaseConfig, type DatabaseConfig } from '../config/configuration.js';
import {
  embeddedMaxConnections,
  EmbeddedPostgres,
  takeEarlyStart,
  type EmbeddedConnection,
} from './embedded-postgres.js';

/** Starts the in-process PostgreSQL only when no DATABASE_URL is configured. */
@Injectable()
export class EmbeddedDatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddedDatabaseService.name);
  private embedded?: EmbeddedPostgres;
  private connection?: Promise<EmbeddedConnection>;

  constructor(@Inject(databaseConfig.KEY) private readonly config: DatabaseConfig) {}

  get isEmbedded(): boolean {
    return !this.config.url;
  }

  start(): Promise<EmbeddedConnection> {
    if (!this.connection) {
      const maxConnections = embeddedMaxConnections(this.config.poolSize);
      const started = takeEarlyStart(this.config.dataDir, maxConnections);
      this.embedded =
        started?.embedded ?? new EmbeddedPostgres(this.config.dataDir, maxConnections);
      this.logger.log(`Starting the embedded PostgreSQL in ${this.config.dataDir}`);
      this.connection = (started?.connection ?? this.embedded.start()).then((connection) => {
        if (connection.fromTemplate)
          this.logger.log('New database made from the migrated template');
        return connection;
      });
    }
    return this.connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}
