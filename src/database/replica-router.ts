import { EventEmitter } from 'node:events';
import pg from 'pg';
import { LagWindow, parseLsn } from './replica-lag.js';

/** How long a replica that refused a connection is left out before it is tried again. */
const RETRY_AFTER_MS = 5_000;
/** A replica that does not answer within this is treated as down, so a read waits no longer. */
const CONNECT_TIMEOUT_MS = 2_000;
/** How often the primary's WAL position is sampled and each replica's replay compared with it. */
const LAG_CHECK_MS = 5_000;

export interface ReplicaRouterOptions {
  poolSize: number;
  /** A replica that has not replayed what the primary wrote this long ago is left out. */
  maxLagSeconds: number;
}

export interface ReplicaState {
  /** host:port/database, never the password. */
  name: string;
  state: 'up' | 'down' | 'lagging';
  /** Seconds since the last transaction the replica replayed; null when it is not a standby. */
  replayLagSeconds: number | null;
  error?: string;
}

interface Member {
  name: string;
  pool: pg.Pool;
  downUntil: number;
  lastError?: string;
  lagging: boolean;
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
 * Hands out connections to the replicas in turn, skipping one that refuses to connect (for a few
 * seconds) or has fallen too far behind, and falling back to the primary when none is fit: a dead
 * or stuck replica slows public reads down to the primary's pace but never makes them fail or
 * keeps them stale. Wrapped as a `pg` driver (see `driver`), so a plain TypeORM DataSource runs on
 * top of it and callers see an ordinary DataSource.
 */
export class ReplicaRouter {
  private readonly members: Member[];
  private readonly primary: pg.Pool;
  private readonly lag: LagWindow;
  private next = 0;
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    replicaUrls: string[],
    primaryUrl: string,
    options: ReplicaRouterOptions,
    private readonly logger: RouterLog,
  ) {
    const pool = { max: options.poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS };
    this.members = replicaUrls.map((url) => ({
      name: describeUrl(url),
      pool: new pg.Pool({ ...pool, connectionString: url }),
      downUntil: 0,
      lagging: false,
    }));
    this.primary = new pg.Pool({ ...pool, connectionString: primaryUrl });
    this.lag = new LagWindow(options.maxLagSeconds * 1000);
  }

  /** Starts watching replay lag; until `end`, every few seconds. */
  start(): void {
    const check = () => {
      // A slow server must not pile checks up on each other.
      if (this.checking) return;
      this.checking = true;
      void this.checkLag().finally(() => (this.checking = false));
    };
    check();
    this.timer = setInterval(check, LAG_CHECK_MS);
    this.timer.unref();
  }

  /** Samples the primary's WAL position and marks each replica that is too far behind it. */
  async checkLag(now = Date.now()): Promise<void> {
    try {
      const { rows } = await this.primary.query<{ lsn: string }>(
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      if (rows[0]) this.lag.record(now, parseLsn(rows[0].lsn));
    } catch {
      return; // no primary, no measure: leave the replicas as they were
    }
    const required = this.lag.required(now);
    await Promise.all(
      this.members.map(async (member) => {
        let replayed: bigint | undefined;
        try {
          const { rows } = await member.pool.query<{ lsn: string | null }>(
            'SELECT pg_last_wal_replay_lsn()::text AS lsn',
          );
          replayed = rows[0]?.lsn ? parseLsn(rows[0].lsn) : undefined;
        } catch {
          return; // a replica that does not answer is left to acquire()
        }
        const lagging = required !== undefined && (replayed === undefined || replayed < required);
        if (lagging !== member.lagging) {
          if (lagging) {
            this.logger.warn(
              `Read replica ${member.name} is too far behind the primary; public reads use ` +
                `another replica or the primary until it catches up`,
            );
          } else {
            this.logger.log(`Read replica ${member.name} has caught up`);
          }
        }
        member.lagging = lagging;
      }),
    );
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
      if (member.downUntil > now || member.lagging) continue;
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
            state: member.lagging ? 'lagging' : 'up',
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
    clearInterval(this.timer);
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
