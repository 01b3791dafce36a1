import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { Credential } from './credential.entity.js';
import { CredentialStatusChange } from './credential-status-change.entity.js';
import { canCopy, copyRows } from '../../database/copy-rows.js';

/** What a resent bulk row is compared with. */
export interface IssuedByReference {
  id: string;
  practitionerId: string;
  title: string;
  awardedOn: string;
}

export interface CredentialSearch {
  issuerId?: string;
  practitionerId?: string;
  status?: string;
  kind?: string;
  /** Words in the title or the body's own reference. */
  q?: string;
  /** The last credential of the previous page: newer ones than it are skipped. */
  after?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class CredentialsRepository {
  constructor(@InjectRepository(Credential) private readonly credentials: Repository<Credential>) {}

  findById(id: string): Promise<Credential | null> {
    return this.credentials.findOneBy({ id });
  }

  lockById(manager: EntityManager, id: string): Promise<Credential | null> {
    return manager.findOne(Credential, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  listForPractitioner(practitionerId: string): Promise<Credential[]> {
    return this.credentials.find({ where: { practitionerId }, order: { awardedOn: 'DESC' } });
  }

  statusChangesFor(credentialIds: string[]): Promise<CredentialStatusChange[]> {
    if (credentialIds.length === 0) return Promise.resolve([]);
    return this.credentials.manager.find(CredentialStatusChange, {
      where: { credentialId: In(credentialIds) },
      order: { changedAt: 'ASC' },
    });
  }

  /** Existing credentials of one issuer by its own references (a resent bulk file finds its rows). */
  async byReferences(
    manager: EntityManager,
    issuerId: string,
    references: string[],
  ): Promise<Map<string, IssuedByReference>> {
    if (references.length === 0) return new Map();
    // One array parameter: TypeORM's In() adds a parameter per value, at a cost that grows
    // faster than the list.
    const rows = await manager.query<(IssuedByReference & { issuerReference: string })[]>(
      `SELECT id, practitioner_id AS "practitionerId", title, awarded_on AS "awardedOn",
              issuer_reference AS "issuerReference"
         FROM credentials WHERE issuer_id = $1 AND issuer_reference = ANY($2::varchar[])`,
      [issuerId, references],
    );
    return new Map(rows.map(({ issuerReference, ...found }) => [issuerReference, found]));
  }

  /**
   * Inserts new credentials (ids already set) in one statement, one array per column, and fills
   * in what the database sets. TypeORM's multi-row save spent most of bulk issuing's CPU building
   * its parameters; unnest() keeps it to 18 parameters whatever the number of rows.
   */
  async insertMany(manager: EntityManager, credentials: Credential[]): Promise<void> {
    if (credentials.length === 0) return;
    if (canCopy(manager, credentials.length)) {
      await this.copyMany(manager, credentials);
      return;
    }
    const column = <T>(pick: (c: Credential) => T) => credentials.map(pick);
    // No RETURNING: both timestamps default to now(), the transaction's start, the same for every
    // row, so one value comes back instead of a row per credential.
    const [{ at }] = await manager.query<{ at: Date }[]>(
      `WITH inserted AS (
         INSERT INTO credentials (id, practitioner_id, issuer_id, awarding_body, issuer_reference, kind,
           title, subject, level, result, cpd_hours, awarded_on, valid_until, status, provenance,
           claim_id, status_list_id, status_list_index, programme_id, competences, version)
         SELECT u.*, 1 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[],
           $6::varchar[], $7::varchar[], $8::varchar[], $9::smallint[], $10::varchar[],
           $11::numeric[], $12::date[], $13::date[], $14::varchar[], $15::varchar[], $16::uuid[],
           $17::uuid[], $18::integer[], $19::uuid[], $20::jsonb[]) AS u)
       SELECT now() AS at`,
      [
        column((c) => c.id),
        column((c) => c.practitionerId),
        column((c) => c.issuerId),
        column((c) => c.awardingBody),
        column((c) => c.issuerReference),
        column((c) => c.kind),
        column((c) => c.title),
        column((c) => c.subject),
        column((c) => c.level),
        column((c) => c.result),
        column((c) => c.cpdHours),
        column((c) => c.awardedOn),
        column((c) => c.validUntil),
        column((c) => c.status),
        column((c) => c.provenance),
        column((c) => c.claimId),
        column((c) => c.statusListId),
        column((c) => c.statusListIndex),
        column((c) => c.programmeId ?? null),
        column((c) => JSON.stringify(c.competences ?? [])),
      ],
    );
    for (const c of credentials) {
      c.createdAt = at;
      c.updatedAt = at;
      c.version = 1;
    }
  }

  /** The same rows by COPY (a bulk batch on the server database). */
  private async copyMany(manager: EntityManager, credentials: Credential[]): Promise<void> {
    // Both timestamps default to now(), the transaction's start: read once for the entities.
    const [{ at }] = await manager.query<{ at: Date }[]>(`SELECT now() AS at`);
    await copyRows(
      manager,
      'credentials',
      [
        'id',
        'practitioner_id',
        'issuer_id',
        'awarding_body',
        'issuer_reference',
        'kind',
        'title',
        'subject',
        'level',
        'result',
        'cpd_hours',
        'awarded_on',
        'valid_until',
        'status',
        'provenance',
        'claim_id',
        'status_list_id',
        'status_list_index',
        'programme_id',
        'competences',
        'version',
      ],
      credentials.map((c) => [
        c.id,
        c.practitionerId,
        c.issuerId,
        c.awardingBody,
        c.issuerReference,
        c.kind,
        c.title,
        c.subject,
        c.level,
        c.result,
        c.cpdHours,
        c.awardedOn,
        c.validUntil,
        c.status,
        c.provenance,
        c.claimId,
        c.statusListId,
        c.statusListIndex,
        c.programmeId ?? null,
        JSON.stringify(c.competences ?? []),
        1,
      ]),
    );
    for (const c of credentials) {
      c.createdAt = at;
      c.updatedAt = at;
      c.version = 1;
    }
  }

  /** The first status change ("issued") of each new credential, in one statement. */
  async insertIssueChanges(
    manager: EntityManager,
    credentials: Credential[],
    actor: { actorType: string; actorId: string | null },
  ): Promise<void> {
    if (credentials.length === 0) return;
    if (canCopy(manager, credentials.length)) {
      await copyRows(
        manager,
        'credential_status_changes',
        ['credential_id', 'to_status', 'action', 'valid_until', 'actor_type', 'actor_id'],
        credentials.map((c) => [
          c.id,
          'active',
          'issue',
          c.validUntil,
          actor.actorType,
          actor.actorId,
        ]),
      );
      return;
    }
    await manager.query(
      `INSERT INTO credential_status_changes
         (credential_id, from_status, to_status, action, reason, valid_until, actor_type, actor_id)
       SELECT u.credential_id, NULL, 'active', 'issue', NULL, u.valid_until, $3::varchar, $4::uuid
         FROM unnest($1::uuid[], $2::date[]) AS u(credential_id, valid_until)`,
      [
        credentials.map((c) => c.id),
        credentials.map((c) => c.validUntil),
        actor.actorType,
        actor.actorId,
      ],
    );
  }

  /**
   * Newest first. With `after`, the page starts below that credential (keyset, on the
   * issuer/created_at/id index); the count is of every match, not only those still to come.
   */
  async search(q: CredentialSearch): Promise<[Credential[], number]> {
    const filtered = this.filtered(q);
    const total = await filtered.clone().getCount();
    const query = filtered.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC');
    if (q.after)
      query.andWhere(
        '(c.created_at, c.id) < (SELECT a.created_at, a.id FROM credentials a WHERE a.id = :after)',
        { after: q.after },
      );
    const rows = await (q.after ? query : query.skip((q.page - 1) * q.pageSize))
      .take(q.pageSize + 1)
      .getMany();
    return [rows, total];
  }

  private filtered(q: CredentialSearch) {
    const query = this.credentials.createQueryBuilder('c');
    if (q.kind) query.andWhere('c.kind = :kind', { kind: q.kind });
    if (q.q)
      query.andWhere(
        `(c.title ILIKE :like ESCAPE '\\' OR c.issuer_reference ILIKE :like ESCAPE '\\')`,
        { like: `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` },
      );
    if (q.issuerId) query.andWhere('c.issuer_id = :issuerId', { issuerId: q.issuerId });
    if (q.practitionerId)
      query.andWhere('c.practitioner_id = :practitionerId', { practitionerId: q.practitionerId });
    if (q.status === 'expired') {
      query.andWhere(
        `(c.status = 'expired' OR (c.status = 'active' AND c.valid_until < CURRENT_DATE))`,
      );
    } else if (q.status === 'active') {
      query.andWhere(
        `c.status = 'active' AND (c.valid_until IS NULL OR c.valid_until >= CURRENT_DATE)`,
      );
    } else if (q.status) {
      query.andWhere('c.status = :status', { status: q.status });
    }
    return query;
  }
}
