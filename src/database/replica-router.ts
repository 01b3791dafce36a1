import { EventEmitter } from 'node:events';
import pg from 'pg';

/** How long a replica that refused a connection is left out before it is tried again. */
const RETRY_AFTER_MS = 5_000;
/** A replica that does not answer within this is treated as down, so a read waits no longer. */
const CONNECT_TIMEOUT_MS = 2_000;

export interface ReplicaState {
  /** host:port/database, never the password. */
  name: string;
  state: 'up' | 'down';
  /** Seconds since the last transaction the replica replayed; null when it is not a standby. */
  replayLagSeconds: number | null;
  error?: string;
}

interface Member {
  name: string;
  pool: pg.Pool;
  downUntil: number;
  lastError?: string;
}

export interface RouterLog {
  warn(message: string): void;
  log(message: string): void;
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  release: (err?: Error | boolean) => void,
) => void;

/**
 * Hands out connections to the replicas in turn, skipping one that refuses to connect for a few
 * seconds and falling back to the primary when none will: a dead replica slows public reads down
 * to the primary's pace but never makes them fail. Wrapped as a `pg` driver (see `driver`), so a
 * plain TypeORM DataSource runs on top of it and callers see an ordinary DataSource.
 */
export class ReplicaRouter {
  private readonly members: Member[];
  private readonly primary: pg.Pool;
  private next = 0;

  constructor(
    replicaUrls: string[],
    primaryUrl: string,
    poolSize: number,
    private readonly logger: RouterLog,
  ) {
    const options = { max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
    this.members = replicaUrls.map((url) => ({
      name: describeUrl(url),
      pool: new pg.Pool({ ...options, connectionString: url }),
      downUntil: 0,
    }));
    this.primary = new pg.Pool({ ...options, connectionString: primaryUrl });
  }

  /** The `pg` module TypeORM is given: its Pool is this router, whatever options it passes. */
  driver(): { Pool: new () => EventEmitter; types: typeof pg.types; defaults: typeof pg.defaults } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below closes over it
    const router = this;
    class RoutedPool extends EventEmitter {
      constructor() {
        super();
        router.forwardErrors(this);
      }
      connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
        const acquired = router.acquire();
        if (!callback) return acquired;
        acquired.then(
          (client) => callback(undefined, client, (err) => client.release(err)),
          (error: Error) => callback(error, undefined, () => undefined),
        );
        return undefined;
      }
      end(callback?: (err?: Error) => void): Promise<void> | undefined {
        const ended = router.end();
        if (!callback) return ended;
        ended.then(() => callback(), callback);
        return undefined;
      }
    }
    return { Pool: RoutedPool, types: pg.types, defaults: pg.defaults };
  }

  async acquire(): Promise<pg.PoolClient> {
    const now = Date.now();
    for (let tried = 0; tried < this.members.length; tried++) {
      const member = this.members[this.next];
      this.next = (this.next + 1) % this.members.length;
      if (member.downUntil > now) continue;
      try {
        const client = await member.pool.connect();
        if (member.lastError !== undefined) {
          this.logger.log(`Read replica ${member.name} answers again`);
          member.lastError = undefined;
        }
        return client;
      } catch (error) {
        member.downUntil = Date.now() + RETRY_AFTER_MS;
        const message = error instanceof Error ? error.message : String(error);
        if (member.lastError === undefined) {
          this.logger.warn(
            `Read replica ${member.name} refused a connection (${message}); public reads use ` +
              `another replica or the primary until it answers`,
          );
        }
        member.lastError = message;
      }
    }
    return this.primary.connect();
  }

  /** Each replica's state for the readiness check, asked of the replica itself. */
  async states(): Promise<ReplicaState[]> {
    return Promise.all(
      this.members.map(async (member): Promise<ReplicaState> => {
        try {
          const { rows } = await member.pool.query<{ standby: boolean; lag: number | null }>(
            `SELECT pg_is_in_recovery() AS standby,
                    extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS lag`,
          );
          const row = rows[0];
          return {
            name: member.name,
            state: 'up',
            replayLagSeconds: row?.standby ? (row.lag ?? 0) : null,
          };
        } catch (error) {
          return {
            name: member.name,
            state: 'down',
            replayLagSeconds: null,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
  }

  async end(): Promise<void> {
    await Promise.all([...this.members.map((m) => m.pool.end()), this.primary.end()]);
  }

  private forwardErrors(target: EventEmitter): void {
    // An idle client that loses its server emits on its pool; unhandled, that would end the process.
    for (const pool of [...this.members.map((m) => m.pool), this.primary]) {
      pool.on('error', (error) => target.emit('error', error));
    }
  }
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable url)';
  }
}
