import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/app-error.js';
import { prepared } from '../../database/prepared.js';
import { addDataIntegrityProof } from './data-integrity.js';
import { DidDocumentsService } from './did-documents.service.js';
import { FLAGGED_CREDENTIALS_SQL } from './flagged-credentials.js';
import { REGISTRY_OWNER, type KeyOwner } from './key-owner.js';
import { KeysService } from './keys.service.js';
import { buildStatusListCredential, StatusList, type StatusPurpose } from './status-list.js';
import { TrustUrls } from './trust-urls.js';
import { signVcJwt } from './vc-jwt.js';

export type SignedForm = 'jwt' | 'data-integrity';

interface ListState {
  id: string;
  purpose: StatusPurpose;
  owner_id: string | null;
  pair_id: string;
  size: number;
  revision: string;
  current_kid: string | null;
  doc_revision: string | null;
  doc_kid: string | null;
  document: string | null;
}

/**
 * Publishes status list credentials. A read is one query: the list's revision (bumped by a trigger
 * in the transaction of any status change), the issuer's current kid and the stored document; the
 * stored document is served as is while both match, so a list is signed once per revision and key,
 * not once per request. A stale list is rebuilt once per process at a time; two processes may both
 * sign a revision, and the upsert keeps the first so the body (and its ETag) stays stable.
 * The list credential carries no validUntil, so a stored document never expires on its own.
 */
@Injectable()
export class StatusListPublisher {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: KeysService,
    private readonly dids: DidDocumentsService,
    private readonly urls: TrustUrls,
  ) {}

  /** The signed BitstringStatusListCredential as the response body; 404 for an unknown id. */
  async signedList(listId: string, form: SignedForm): Promise<string> {
    const state = await this.state(listId, form);
    if (!state) {
      throw new NotFoundError('TRUST.STATUS_LIST_NOT_FOUND', `No status list ${listId}.`);
    }
    if (
      state.document !== null &&
      state.doc_revision === state.revision &&
      state.doc_kid === state.current_kid
    ) {
      return state.document;
    }
    const key = `${listId}:${form}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.rebuild(state, form).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async state(listId: string, form: SignedForm): Promise<ListState | undefined> {
    const rows = await this.dataSource.query<ListState[]>(
      // Prepared: planned once per connection, not on every read of a list.
      prepared(
        'status-list-state',
        `SELECT l.id, l.purpose, l.owner_id, l.pair_id, l.size, l.revision::text AS revision,
              (SELECT k.kid FROM signing_keys k
                WHERE k.owner_type = l.owner_type AND k.owner_id IS NOT DISTINCT FROM l.owner_id
                  AND k.retired_at IS NULL
                ORDER BY k.valid_from DESC LIMIT 1) AS current_kid,
              d.revision::text AS doc_revision, d.kid AS doc_kid, d.document
         FROM status_lists l
         LEFT JOIN status_list_documents d ON d.list_id = l.id AND d.form = $2
        WHERE l.id = $1`,
      ),
      [listId, form],
    );
    return rows[0];
  }

  /**
   * Signs the list at `state.revision`. The bits are read after the revision, so they are at least
   * as new as it: a document can only be labelled older than its bits, which costs a re-sign on
   * the next read, never a stale answer.
   */
  private async rebuild(state: ListState, form: SignedForm): Promise<string> {
    const owner: KeyOwner =
      state.owner_id === null ? REGISTRY_OWNER : { kind: 'issuer', issuerId: state.owner_id };
    const signer = await this.keys.signerFor(owner);
    const rows = await this.dataSource.query<{ i: number }[]>(
      FLAGGED_CREDENTIALS_SQL[state.purpose],
      [state.pair_id],
    );
    const bits = new StatusList(state.size);
    for (const { i } of rows) if (i !== null && i < state.size) bits.set(i, true);
    const unsigned = buildStatusListCredential({
      url: this.urls.statusListUrl(state.id),
      issuer: signer.did,
      purpose: state.purpose,
      list: bits,
      validFrom: new Date(),
    });
    const document =
      form === 'jwt'
        ? await signVcJwt(unsigned, { kid: signer.kid, privateKey: signer.privateKey })
        : JSON.stringify(
            await addDataIntegrityProof(unsigned, signer.dataIntegrity, this.dids.loader),
          );
    // Keep whatever another process stored for this revision and key, so every reader of one
    // revision gets the same bytes; replace only an older revision or another key's signature.
    const stored = await this.dataSource.query<{ document: string }[]>(
      `INSERT INTO status_list_documents (list_id, form, revision, kid, document, signed_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (list_id, form) DO UPDATE
         SET revision = EXCLUDED.revision, kid = EXCLUDED.kid, document = EXCLUDED.document,
             signed_at = EXCLUDED.signed_at
         WHERE status_list_documents.revision < EXCLUDED.revision
            OR (status_list_documents.revision = EXCLUDED.revision
                AND status_list_documents.kid <> EXCLUDED.kid)
       RETURNING document`,
      [state.id, form, state.revision, signer.kid, document],
    );
    if (stored.length > 0) return stored[0].document;
    const kept = await this.dataSource.query<{ document: string }[]>(
      `SELECT document FROM status_list_documents
        WHERE list_id = $1 AND form = $2 AND revision = $3 AND kid = $4`,
      [state.id, form, state.revision, signer.kid],
    );
    return kept[0]?.document ?? document;
  }
}
