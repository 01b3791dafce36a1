import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import fs from 'node:fs';
import path from 'node:path';
import { markStartup } from '../common/startup/startup-timings.js';
import { copyTemplateTo } from './embedded-template.js';
import { SerialisingQueryQueue } from './serialising-query-queue.js';

export interface EmbeddedConnection {
  /** Directory holding the unix socket, the `host` the pg driver connects to. */
  socketDir: string;
  port: number;
  /** Whether this start made the database from the build's migrated template. */
  fromTemplate: boolean;
}

const SOCKET_PORT = 5432;

/**
 * Connections the embedded database's socket accepts: this app's pool, plus room for other
 * processes on the same data (a second instance, `npm run snapshot`, psql, a test's own client).
 * Beyond it PGlite's socket server answers "Too many connections" and hangs up, which a client
 * sees as EPIPE. They all share one backend, so more connections add no load, only waiting.
 */
export const embeddedMaxConnections = (poolSize: number): number => poolSize + 16;

interface EarlyStart {
  dataDir: string;
  maxConnections: number;
  embedded: EmbeddedPostgres;
  connection: Promise<EmbeddedConnection>;
}
let early: EarlyStart | undefined;

/**
 * Starts opening the embedded database before the app's modules are loaded, so PGlite's
 * WebAssembly compiles (off the main thread) and its files are read while Node loads the app.
 * The app takes it over through takeEarlyStart(); an error surfaces there, where it would have.
 */
export function startEmbeddedEarly(dataDir: string, maxConnections: number): void {
  const embedded = new EmbeddedPostgres(dataDir, maxConnections);
  const connection = embedded.start();
  connection.catch(() => undefined);
  early = { dataDir, maxConnections, embedded, connection };
}

/** The early start for this directory and pool, once; undefined when there was none. */
export function takeEarlyStart(
  dataDir: string,
  maxConnections: number,
): { embedded: EmbeddedPostgres; connection: Promise<EmbeddedConnection> } | undefined {
  if (!early || early.dataDir !== dataDir || early.maxConnections !== maxConnections)
    return undefined;
  const taken = early;
  early = undefined;
  return taken;
}

/**
 * Real PostgreSQL in this process (PGlite), served on a unix socket so the ordinary `pg` driver and
 * TypeORM use it exactly as they use a server. Data lives under `dataDir`; a lock file stops a second
 * process from opening the same directory (PGlite itself would let it, and corrupt the data).
 */
export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private readonly lockPath: string;
  private readonly pgDataDir: string;
  private readonly socketDir: string;

  constructor(
    private readonly dataDir: string,
    private readonly maxConnections: number,
  ) {
    this.pgDataDir = path.join(dataDir, 'pgdata');
    this.lockPath = path.join(dataDir, 'pgdata.lock');
    this.socketDir = path.join(dataDir, 'run');
  }

  async start(): Promise<EmbeddedConnection> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.mkdirSync(this.socketDir, { recursive: true });
    this.acquireLock();
    const socketPath = path.join(this.socketDir, `.s.PGSQL.${SOCKET_PORT}`);
    fs.rmSync(socketPath, { force: true });
    markStartup('embedded database: opening');
    const fromTemplate = copyTemplateTo(this.pgDataDir);
    if (fromTemplate) markStartup('embedded database: template copied');
    this.db = await PGlite.create(this.pgDataDir, { extensions: { pg_trgm, unaccent } });
    markStartup('embedded database: open');
    this.server = new PGLiteSocketServer({
      db: this.db,
      path: socketPath,
      maxConnections: this.maxConnections,
    });
    // Handlers take the server's queue when they connect, so it must be swapped before start().
    (this.server as unknown as { queryQueue: SerialisingQueryQueue }).queryQueue =
      new SerialisingQueryQueue(this.db);
    await this.server.start();
    markStartup('embedded database: serving');
    return { socketDir: this.socketDir, port: SOCKET_PORT, fromTemplate };
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.db?.close();
    this.server = undefined;
    this.db = undefined;
    fs.rmSync(this.lockPath, { force: true });
  }

  private acquireLock(): void {
    try {
      fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(fs.readFileSync(this.lockPath, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${this.dataDir} is already open in process ${holder}. ` +
          'Stop that process, or set DATA_DIR to another directory, or set DATABASE_URL to use a PostgreSQL server.',
      );
    }
    // The previous holder died without cleaning up (e.g. kill -9): the data directory is free.
    fs.writeFileSync(this.lockPath, String(process.pid));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
