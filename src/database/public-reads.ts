import type { DataSource } from 'typeorm';

/**
 * Injection token for the DataSource that serves public reads (register search and entries):
 * a read replica when `DATABASE_REPLICA_URLS` is set, otherwise the primary. Writes, and reads
 * that must see the requester's own writes (claim checks), use the primary DataSource.
 */
export const PUBLIC_READS = Symbol('PUBLIC_READS');

export type PublicReads = DataSource;
