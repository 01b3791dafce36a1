import type { StatusPurpose } from './status-list.js';

/**
 * The indexes a status list is signed from: its pair's credentials that are revoked (revocation
 * list) or suspended (suspension list), $1 being the pair's id. The statuses are literals, so the
 * planner can use the partial index of flagged credentials (ix_credentials_status_list_flagged)
 * in any plan, instead of reading every credential on the list to keep the 1–2% flagged.
 */
export const FLAGGED_CREDENTIALS_SQL: Record<StatusPurpose, string> = {
  revocation: `SELECT status_list_index AS i FROM credentials
                WHERE status_list_id = $1 AND status = 'revoked'`,
  suspension: `SELECT status_list_index AS i FROM credentials
                WHERE status_list_id = $1 AND status = 'suspended'`,
};
