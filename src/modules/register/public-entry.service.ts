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
import {
  type EntrySummary,
  RegisterSearchRepository,
  type StoredEntry,
  type StoredSummary,
} from './register-search.repository.js';

export interface CredentialAsOf {
  credential: Credential;
  status: PublicCredentialDto['status'];
  validUntil: string | null;
}

export interface FoundEntry {
  practitionerId: string;
  entry: RegisterEntryDto;
}

/** An entry as the JSON text of its response body. */
export interface FoundEntryText {
  practitionerId: string;
  json: string;
}

/** A search result's summary, and the whole document when it had to be rebuilt for it. */
export interface CurrentSummary {
  summary: EntrySummary;
  rebuilt: RegisterEntryDto | null;
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
   * Today's public entry as the JSON text of the response: one read of the stored entry, sent as
   * PostgreSQL gives it (only its dates moved to today), rebuilt first only when out of date.
   * `ownWrites` reads the primary, for a signed-in reader who may have just changed these facts.
   */
  async todayText(
    registerNumber: string,
    today: string,
    ownWrites = false,
  ): Promise<FoundEntryText> {
    const from = ownWrites ? this.dataSource : this.reads;
    const stored = await this.search.entryTextByRegisterNumber(registerNumber, from);
    if (stored === null) throw new RegisterEntryNotFoundError();
    if (stored.stale) {
      const rebuilt = await this.readModel.rebuildForRead(from, [stored]);
      const document = rebuilt.get(stored.practitionerId)?.document ?? null;
      if (!document) throw new NotOnRegisterYetError(today);
      return {
        practitionerId: stored.practitionerId,
        json: JSON.stringify(datedToday(document, today)),
      };
    }
    if (stored.text === null) throw new NotOnRegisterYetError(today);
    return { practitionerId: stored.practitionerId, json: textDatedToday(stored.text, today) };
  }

  /** Today's public entry as an object, for callers that read its fields (public credential pages). */
  async today(registerNumber: string, today: string, ownWrites = false): Promise<FoundEntry> {
    const found = await this.todayText(registerNumber, today, ownWrites);
    return {
      practitionerId: found.practitionerId,
      entry: JSON.parse(found.json) as RegisterEntryDto,
    };
  }

  /** The entry as it stood at a past moment, computed from the histories. */
  async at(registerNumber: string, asOf: AsOf, ownWrites = false): Promise<FoundEntry> {
    const from = ownWrites ? this.dataSource : this.reads;
    const { facts, roles } = await this.facts.byRegisterNumberWithRoles(from, registerNumber);
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

  /**
   * The summaries of stored entries, in order, for search results; those out of date are rebuilt
   * together (one read of their facts) and stored back, and their whole documents come along.
   */
  async currentSummaries(
    entries: readonly StoredSummary[],
    from: SqlRunner = this.reads,
  ): Promise<(CurrentSummary | null)[]> {
    const rebuilt = await this.readModel.rebuildForRead(
      from,
      entries.filter((e) => e.stale),
    );
    return entries.map((e) => {
      if (!e.stale) return e.summary === null ? null : { summary: e.summary, rebuilt: null };
      const document = rebuilt.get(e.practitionerId)?.document ?? null;
      return document === null ? null : { summary: summaryOf(document), rebuilt: document };
    });
  }
}

/** What a search result shows of a whole entry: the fields the stored summaries are read from. */
export function summaryOf(document: RegisterEntryDto): EntrySummary {
  return {
    registerNumber: document.registerNumber,
    givenName: document.givenName,
    familyName: document.familyName,
    formerNames: document.formerNames,
    registerStatus: document.registerStatus,
    roles: document.roles.map((r) => ({
      role: r.role,
      appointed: r.appointed,
      standing: r.standing,
    })),
  };
}

// Every date of a stored document that moves with the day it is read: "asOf", at the top and in
// each role. In JSON text a key is the only place a quote can follow `asOf` unescaped.
const AS_OF = /"asOf": ?"\d{4}-\d{2}-\d{2}"/g;

/** The stored document's text, dated today (as datedToday does to the parsed document). */
export function textDatedToday(text: string, today: string): string {
  return text.replace(AS_OF, `"asOf": "${today}"`);
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
