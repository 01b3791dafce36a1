import type { Logger } from 'typeorm';
import { requestContext } from '../common/logging/request-context.js';

/**
 * Counts each query against the request being served (a test aid behind DB_QUERY_COUNT_HEADER):
 * the tests read the count back to fail when a page starts making a query per row.
 */
export class QueryCountingLogger implements Logger {
  logQuery(): void {
    const context = requestContext.getStore();
    if (context?.dbQueries !== undefined) context.dbQueries += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
