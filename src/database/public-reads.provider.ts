import { Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig, type DatabaseConfig } from '../config/configuration.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { PUBLIC_READS } from './public-reads.js';
import { ReplicaRouter, type ReplicaState } from './replica-router.js';

/**
 * The read replicas behind PUBLIC_READS, when DATABASE_REPLICA_URLS names any: a second
 * DataSource over the same entities whose connections come from a ReplicaRouter. It runs no
 * migrations (a standby cannot write; the primary's migrations reach it by replication).
 */
export class ReadReplicas implements OnApplicationShutdown {
  private static readonly logger = new Logger('ReadReplicas');

  private constructor(
    readonly dataSource: DataSource | null,
    private readonly router: ReplicaRouter | null,
  ) {}

  static async open(config: DatabaseConfig): Promise<ReadReplicas> {
    if (config.replicaUrls.length === 0) return new ReadReplicas(null, null);
    if (!config.url) {
      this.logger.warn(
        'DATABASE_REPLICA_URLS is ignored: the embedded database has no replicas, so public ' +
          'reads use it directly',
      );
      return new ReadReplicas(null, null);
    }
    // Each replica gets a small pool: public reads are short, and the primary keeps its own.
    const poolSize = Math.max(2, Math.ceil(config.poolSize / 2));
    const router = new ReplicaRouter(
      config.replicaUrls,
      config.url,
      { poolSize, maxLagSeconds: config.replicaMaxLagSeconds },
      this.logger,
    );
    const base = buildDataSourceOptions({ url: config.replicaUrls[0] ?? config.url }, poolSize);
    if (base.type !== 'postgres') throw new Error('Read replicas need the postgres driver');
    const dataSource = new DataSource({
      ...base,
      migrations: [],
      migrationsRun: false,
      driver: router.driver(),
    });
    await dataSource.initialize();
    router.start();
    this.logger.log(`Public reads go to ${config.replicaUrls.length} read replica(s)`);
    return new ReadReplicas(dataSource, router);
  }

  /** Null when public reads use the primary. */
  states(): Promise<ReplicaState[]> | null {
    return this.router?.states() ?? null;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}

export const publicReadsProviders: Provider[] = [
  {
    provide: ReadReplicas,
    inject: [databaseConfig.KEY],
    useFactory: (config: DatabaseConfig) => ReadReplicas.open(config),
  },
  {
    provide: PUBLIC_READS,
    inject: [ReadReplicas, getDataSourceToken()],
    useFactory: (replicas: ReadReplicas, primary: DataSource) => replicas.dataSource ?? primary,
  },
];
