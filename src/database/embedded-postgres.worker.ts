import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { parentPort, workerData } from 'node:worker_threads';
import { copyTemplateTo } from './embedded-template.js';
import { SerialisingQueryQueue } from './serialising-query-queue.js';

/** What the main thread gives the worker (EmbeddedPostgres.start). */
export interface EmbeddedWorkerData {
  pgDataDir: string;
  socketPath: string;
  maxConnections: number;
}

/** What the worker tells the main thread, in this order; `failed` instead at any point. */
export type EmbeddedWorkerMessage =
  | { type: 'template-copied' }
  | { type: 'open' }
  | { type: 'serving'; fromTemplate: boolean }
  | { type: 'failed'; message: string; stack?: string }
  | { type: 'stopped' };

// PGlite (PostgreSQL compiled to WebAssembly) and its socket server run on this thread, so that
// opening the database overlaps the app's module loading on the other core, and every query's
// WebAssembly work leaves the app's event loop. The app reaches it only through the unix socket.
const { pgDataDir, socketPath, maxConnections } = workerData as EmbeddedWorkerData;
const port = parentPort as NonNullable<typeof parentPort>;
const tell = (message: EmbeddedWorkerMessage) => port.postMessage(message);

// PGlite's build zeroes its shared memory byte by byte at every open: PostgreSQL's default 128MB
// took 0.45-0.7 s of each start. An embedded registry's working set is a few megabytes, and pages
// outside the buffers are a file read away (the operating system caches them).
const SHARED_BUFFERS = '16MB';

let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;

async function start(): Promise<void> {
  const fromTemplate = copyTemplateTo(pgDataDir);
  if (fromTemplate) tell({ type: 'template-copied' });
  db = await PGlite.create(pgDataDir, {
    extensions: { pg_trgm, unaccent },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
  });
  tell({ type: 'open' });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  // Handlers take the server's queue when they connect, so it must be swapped before start().
  (server as unknown as { queryQueue: SerialisingQueryQueue }).queryQueue =
    new SerialisingQueryQueue(db);
  await server.start();
  tell({ type: 'serving', fromTemplate });
}

async function stop(): Promise<void> {
  await server?.stop();
  await db?.close();
  server = undefined;
  db = undefined;
  tell({ type: 'stopped' });
  port.close();
}

port.on('message', (message: { type: 'stop' }) => {
  if (message.type === 'stop')
    stop().catch((error: unknown) => {
      tell({ type: 'failed', message: String(error) });
      port.close();
    });
});

start().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  tell({ type: 'failed', message: e.message, stack: e.stack });
});
