import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { markStartup } from '../common/startup/startup-timings.js';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-postgres.worker.js';

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
 * Starts opening the embedded database before the app's modules are loaded: its worker thread
 * copies the template, loads PGlite and opens the data on the other core while Node loads the app.
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
 * Real PostgreSQL in this process (PGlite, in a worker thread: embedded-postgres.worker.ts), served
 * on a unix socket so the ordinary `pg` driver and TypeORM use it exactly as they use a server. Data
 * lives under `dataDir`; a lock file stops a second process from opening the same directory
 * (PGlite itself would let it, and corrupt the data).
 */
export class EmbeddedPostgres {
  private worker?: Worker;
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
    const data: EmbeddedWorkerData = {
      pgDataDir: this.pgDataDir,
      socketPath,
      maxConnections: this.maxConnections,
    };
    const worker = new Worker(new URL('./embedded-postgres.worker.js', import.meta.url), {
      workerData: data,
    });
    this.worker = worker;
    try {
      const fromTemplate = await new Promise<boolean>((resolve, reject) => {
        worker.on('message', (message: EmbeddedWorkerMessage) => {
          if (message.type === 'template-copied') markStartup('embedded database: template copied');
          else if (message.type === 'open') markStartup('embedded database: open');
          else if (message.type === 'serving') resolve(message.fromTemplate);
          else if (message.type === 'failed')
            reject(Object.assign(new Error(message.message), { stack: message.stack }));
        });
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(new Error(`The embedded database stopped while opening (exit code ${code})`)),
        );
      });
      markStartup('embedded database: serving');
      worker.once('exit', (code) => {
        if (this.worker === worker)
          console.error(`The embedded database's thread ended unexpectedly (exit code ${code})`);
      });
      return { socketDir: this.socketDir, port: SOCKET_PORT, fromTemplate };
    } catch (error) {
      this.worker = undefined;
      await worker.terminate();
      fs.rmSync(this.lockPath, { force: true });
      throw error;
    }
  }

  /** Closes the database (its last writes reach the disk) and ends its thread. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (message: EmbeddedWorkerMessage) => {
          if (message.type === 'stopped' || message.type === 'failed') resolve();
        });
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'stop' });
      await stopped;
      await worker.terminate();
    }
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
