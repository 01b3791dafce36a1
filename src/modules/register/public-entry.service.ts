import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PUBLIC_READS, type PublicReads } from '../../database/public-reads.js';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import type { Practitioner } from '../practitioners/practitioner.entity.js';
import type { PublicCredentialDto, RegisterEntryDto } from './dto/register-entry.dto.js';
import { type AsOf, credentialAsOf } from './point-in-time.js';
import { buildPublicEntry, publicCredential } from './public-entry.js';
import { RegisterFactsRepository, type SqlRunner } from './register-facts.repository.js';
import { RegisterReadModel } from './register-read-model.js';
import { NotOnRegisterYetError, RegisterEntryNotFoundError } from './register.errors.js';
import { RegisterSearchRepository, type StoredEntry } from './register-search.repository.js';

export interface CredentialAsOf {
  credential: Credential;
  status: PublicCredentialDto['status'];
  validUntil: string | null;
}

export interface FoundEntry {
  practitionerId: string;
  entry: RegisterEntryDto;
}

/** The public entry, for the API, pages and share codes: stored for today, else from histories. */
@Injectable()
export class PublicEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PUBLIC_READS) private readonly reads: PublicReads,
    private readonly credentials: CredentialsService,
    private readonly facts: RegisterFactsRepository,
    private readonly readModel: RegisterReadModel,
    private readonly search: RegisterSearchRepository,
  ) {}

  /** Every credential that existed at `asOf`, with its status then. */
  async credentialsAsOf(practitionerId: string, asOf: AsOf): Promise<CredentialAsOf[]> {
    const credentials = await this.credentials.listForPractitioner(practitionerId);
    const changes = await this.credentials.statusChangesFor(credentials.map((c) => c.id));
    return credentials.flatMap((credential) => {
      const own = changes.filter((c) => c.credentialId === credential.id);
      const then = credentialAsOf(credential, own, asOf);
      return then === null
        ? []
        : [{ credential, status: then.status, validUntil: then.validUntil }];
    });
  }

  /**
   * Today's public entry: one read of the stored entry, rebuilt first only when out of date.
   * `ownWrites` reads the primary, for a signed-in reader who may have just changed these facts.
   */
  async today(registerNumber: string, today: string, ownWrites = false): Promise<FoundEntry> {
    const from = ownWrites ? this.dataSource : this.reads;
    const stored = await this.search.entryByRegisterNumber(registerNumber, from);
    if (stored === null) throw new RegisterEntryNotFoundError();
    const [document] = await this.current([stored], from);
    if (!document) throw new NotOnRegisterYetError(today);
    return { practitionerId: stored.practitionerId, entry: document };
  }

  /** The entry as it stood at a past moment, computed from the histories. */
  async at(registerNumber: string, asOf: AsOf, ownWrites = false): Promise<FoundEntry> {
    const from = ownWrites ? this.dataSource : this.reads;
    const [facts, roles] = await Promise.all([
      this.facts.byRegisterNumber(from, registerNumber),
      this.facts.roles(from),
    ]);
    if (facts === null) throw new RegisterEntryNotFoundError();
    const entry = buildPublicEntry(facts, roles.roles, asOf);
    if (entry === null) throw new NotOnRegisterYetError(asOf.date);
    return { practitionerId: facts.id, entry };
  }

  /** The whole record (what visibility hides included), for a share code's holder to show. */
  async build(practitioner: Practitioner, asOf: AsOf, full = false): Promise<RegisterEntryDto> {
    const [facts, roles] = await Promise.all([
      this.facts.byIds(this.dataSource, [practitioner.id]),
      this.facts.roles(this.dataSource),
    ]);
    const entry = facts[0] ? buildPublicEntry(facts[0], roles.roles, asOf, full) : null;
    if (entry === null) throw new NotOnRegisterYetError(asOf.date);
    return entry;
  }

  /**
   * The documents of stored entries, in order, dated today; those out of date are rebuilt together
   * (one read of their facts) and stored back.
   */
  async current(
    entries: readonly StoredEntry[],
    from: SqlRunner = this.reads,
  ): Promise<(RegisterEntryDto | null)[]> {
    const rebuilt = await this.readModel.rebuildForRead(
      from,
      entries.filter((e) => e.stale),
    );
    const today = new Date().toISOString().slice(0, 10);
    return entries.map((e) => {
      const document = e.stale ? (rebuilt.get(e.practitionerId)?.document ?? null) : e.document;
      return document === null ? null : datedToday(document, today);
    });
  }
}

/** A stored entry reads the same every day until its stale_after: only its date moves on. */
function datedToday(document: RegisterEntryDto, today: string): RegisterEntryDto {
  return { ...document, asOf: today, roles: document.roles.map((r) => ({ ...r, asOf: today })) };
}

export function toPublicCredential({
  credential,
  status,
  validUntil,
}: CredentialAsOf): PublicCredentialDto {
  return publicCredential(credential, status, validUntil);
}
