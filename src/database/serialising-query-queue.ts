import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

// Extended-query protocol messages: a connection that sent one of these must be served again
// until its Sync, or another connection's Parse/Bind replaces its unnamed statement and portal.
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);
const SIMPLE_QUERY = 'Q'.charCodeAt(0);

/**
 * Replaces pglite-socket's queue, which serves connections message by message: with several
 * connections in flight that interleaves one connection's Parse/Bind/Execute with another's and
 * answers queries with the wrong rows. This queue keeps a connection's turn from its first
 * extended-protocol message to its Sync, and for as long as it holds an open transaction.
 */
export class SerialisingQueryQueue {
  private queue: Pending[] = [];
  private processing = false;
  private owner: number | null = null;
  private midExchange = false;

  constructor(private readonly db: PGlite) {}

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const next = this.takeNext();
        if (!next) break;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
        } catch (error) {
          next.reject(error);
          continue;
        }
        const type = next.message[0] ?? 0;
        if (EXTENDED.has(type)) this.midExchange = true;
        if (type === SYNC || type === SIMPLE_QUERY) this.midExchange = false;
        this.owner = next.handlerId;
        next.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((p) => {
      if (p.handlerId !== handlerId) return true;
      p.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    this.midExchange = false;
    await this.processQueue();
  }

  private takeNext(): Pending | undefined {
    const exclusive = this.owner !== null && (this.midExchange || this.db.isInTransaction());
    if (!exclusive) return this.queue.shift();
    const index = this.queue.findIndex((p) => p.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }
}
