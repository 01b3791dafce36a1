import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { createDataIntegritySigner, type DataIntegritySigner } from './data-integrity.js';
import { KEY_ENCRYPTION_KEY } from './kek.js';
import {
  decryptPrivateKey,
  ed25519KeyPairFromPrivate,
  encryptPrivateKey,
  generateEd25519KeyPair,
  rawFromPublicJwk,
  type Ed25519PublicJwk,
} from './key-material.js';
import { ownerColumns, ownerLabel, REGISTRY_OWNER, type KeyOwner } from './key-owner.js';
import { SigningKey } from './signing-key.entity.js';
import { TrustUrls } from './trust-urls.js';

/** A published key as verifiers see it: never the private half. */
export interface PublishedKey {
  kid: string;
  owner: KeyOwner;
  publicJwk: Ed25519PublicJwk;
  publicKey: Buffer;
  validFrom: Date;
  retiredAt: Date | null;
}

/** The current key of one owner, ready to sign. Lives in memory only. */
export interface Signer {
  owner: KeyOwner;
  did: string;
  kid: string;
  privateKey: KeyObject;
  publicKey: Buffer;
  dataIntegrity: DataIntegritySigner;
}

// Published keys change only by rotation; a short cache keeps verification off the database.
const PUBLIC_CACHE_MS = 30_000;
const KEY_LOCK = 7140003;
// Outside a transaction the current signer is kept this long: a claim check signs on every request
// and must not pay a round trip for the key, and a rotation by another instance shows this soon
// (what the old key signs meanwhile still verifies: retired keys stay published).
const CURRENT_SIGNER_MS = 5_000;

interface PublishedSet {
  at: number;
  byKid: Map<string, PublishedKey>;
  all: readonly PublishedKey[];
}

@Injectable()
export class KeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Trust');
  private readonly signers = new Map<string, Signer>();
  private readonly current = new Map<string, { signer: Promise<Signer>; until: number }>();
  private published: PublishedSet | undefined;
  // Concurrent requests that find the list stale share one read of it (JWKS under load would
  // otherwise send one query per waiting request). A read started before the list was dropped
  // is not shared with, nor kept for, requests after it.
  private reading: { generation: number; keys: Promise<PublishedSet> } | undefined;
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KEY_ENCRYPTION_KEY) private readonly kek: Buffer,
    private readonly audit: AuditService,
    private readonly urls: TrustUrls,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = await this.ensureRegistryKey();
    await this.checkKekOpensCurrentKeys();
    this.logger.log(`Registry signing key ${key.kid} (${this.urls.registryDid})`);
  }

  /**
   * A wrong KEY_ENCRYPTION_KEY must stop the start, not surface later as a 500 on the first
   * signature (a public claim check). Every current key is opened once: a handful of rows.
   */
  private async checkKekOpensCurrentKeys(): Promise<void> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(SigningKey, 'k')
      .addSelect('k.encryptedPrivateKey')
      .where('k.retiredAt IS NULL')
      .getMany();
    const unopened = rows.filter((row) => {
      try {
        decryptPrivateKey(row.encryptedPrivateKey, this.kek, row.kid);
        return false;
      } catch {
        return true;
      }
    });
    if (unopened.length === 0) return;
    const kids = unopened.map((row) => row.kid).join(', ');
    throw new Error(
      `KEY_ENCRYPTION_KEY does not decrypt ${unopened.length} of the ${rows.length} current signing ` +
        `keys (${kids}): it is not the key they were encrypted with. Start with the ` +
        'KEY_ENCRYPTION_KEY the other instances use (docs/DEPLOYMENT.md, "Key-encryption key").',
    );
  }

  ensureRegistryKey(): Promise<PublishedKey> {
    return this.ensureKey(REGISTRY_OWNER);
  }

  /** Gives a certifying body its first key; safe to call again (and inside the caller's transaction). */
  ensureIssuerKey(issuerId: string, manager?: EntityManager): Promise<PublishedKey> {
    return this.ensureKey({ kind: 'issuer', issuerId }, manager);
  }

  async ensureKey(owner: KeyOwner, manager?: EntityManager): Promise<PublishedKey> {
    const run = async (m: EntityManager): Promise<PublishedKey> => {
      await this.lockOwner(m, owner);
      const current = await this.currentRow(m, owner);
      if (current) return toPublished(current);
      return toPublished(await this.createKey(m, owner, null, null));
    };
    const key = await (manager ? run(manager) : this.dataSource.transaction(run));
    this.forgetPublished();
    this.current.delete(ownerLabel(owner));
    return key;
  }

  /** A new key signs from now on; the old one stays published with its window closed. */
  async rotate(owner: KeyOwner, principal: Principal | null): Promise<PublishedKey> {
    const created = await this.dataSource.transaction(async (m) => {
      await this.lockOwner(m, owner);
      const now = new Date();
      const current = await this.currentRow(m, owner);
      if (current) await m.update(SigningKey, { id: current.id }, { retiredAt: now });
      return this.createKey(m, owner, current?.kid ?? null, principal, now);
    });
    this.forgetPublished();
    this.current.delete(ownerLabel(owner));
    return toPublished(created);
  }

  /**
   * The owner's current signing key (created on first use), decrypted once per process. Inside a
   * transaction pass its manager: on the embedded database another connection would wait for it.
   */
  async signerFor(owner: KeyOwner, manager?: EntityManager): Promise<Signer> {
    const label = ownerLabel(owner);
    if (manager) return this.readSigner(owner, manager);
    const kept = this.current.get(label);
    if (kept && kept.until > Date.now()) return kept.signer;
    // Requests that find the kept signer expired share one read, not one read each.
    const reading = this.readSigner(owner);
    this.current.set(label, { signer: reading, until: Date.now() + CURRENT_SIGNER_MS });
    reading.catch(() => {
      if (this.current.get(label)?.signer === reading) this.current.delete(label);
    });
    return reading;
  }

  private async readSigner(owner: KeyOwner, manager?: EntityManager): Promise<Signer> {
    // Read the current kid: another instance may have rotated the key.
    const m = manager ?? this.dataSource.manager;
    const current = await this.currentRow(m, owner, true);
    const row = current ?? (await this.ensureRowWithSecret(owner, manager));
    const cached = this.signers.get(row.kid);
    if (cached) return cached;
    const seed = decryptPrivateKey(row.encryptedPrivateKey, this.kek, row.kid);
    const material = await ed25519KeyPairFromPrivate(seed);
    if (material.kid !== row.kid) {
      throw new Error(`Stored key ${row.kid} does not match its private key.`);
    }
    const did = this.urls.didFor(owner);
    const signer: Signer = {
      owner,
      did,
      kid: row.kid,
      privateKey: material.privateKeyObject,
      publicKey: material.publicKey,
      dataIntegrity: createDataIntegritySigner({
        did,
        kid: row.kid,
        seed: material.seed,
        publicKey: material.publicKey,
      }),
    };
    this.signers.set(row.kid, signer);
    return signer;
  }

  async publicKeyByKid(kid: string): Promise<PublishedKey | undefined> {
    const cached = (await this.publishedKeys()).get(kid);
    if (cached) return cached;
    // A key made by another instance since the cache was filled.
    const row = await this.dataSource.manager.findOneBy(SigningKey, { kid });
    if (!row) return undefined;
    this.forgetPublished();
    return toPublished(row);
  }

  /**
   * Every key ever published, current and retired, oldest first. The same array is returned
   * while the cached list holds (callers must not change it), so a caller can keep what it made
   * from it until it changes.
   */
  async allKeys(): Promise<readonly PublishedKey[]> {
    return (await this.publishedSet()).all;
  }

  /** Read fresh each time: a DID document must list a key as soon as any instance made it. */
  async keysOf(owner: KeyOwner): Promise<PublishedKey[]> {
    const { ownerType, ownerId } = ownerColumns(owner);
    const rows = await this.dataSource.manager
      .createQueryBuilder(SigningKey, 'k')
      .where('k.ownerType = :ownerType', { ownerType })
      .andWhere(ownerId === null ? 'k.ownerId IS NULL' : 'k.ownerId = :ownerId', { ownerId })
      .orderBy('k.validFrom', 'ASC')
      .getMany();
    return rows.map(toPublished);
  }

  /** Drops the cached key list (after this process made or retired a key). */
  forgetPublished(): void {
    this.published = undefined;
    this.generation++;
  }

  private async publishedKeys(): Promise<Map<string, PublishedKey>> {
    return (await this.publishedSet()).byKid;
  }

  private publishedSet(): Promise<PublishedSet> {
    if (this.published && Date.now() - this.published.at < PUBLIC_CACHE_MS) {
      return Promise.resolve(this.published);
    }
    if (this.reading?.generation === this.generation) return this.reading.keys;
    const generation = this.generation;
    const keys = this.readPublished().then((set) => {
      if (generation === this.generation) this.published = set;
      return set;
    });
    const reading = { generation, keys };
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = undefined;
    };
    keys.then(done, done);
    return keys;
  }

  private async readPublished(): Promise<PublishedSet> {
    const rows = await this.dataSource.manager.find(SigningKey, {
      order: { validFrom: 'ASC', createdAt: 'ASC' },
    });
    const all = rows.map(toPublished);
    return { at: Date.now(), byKid: new Map(all.map((k) => [k.kid, k])), all };
  }

  private async ensureRowWithSecret(owner: KeyOwner, manager?: EntityManager): Promise<SigningKey> {
    await this.ensureKey(owner, manager);
    const row = await this.currentRow(manager ?? this.dataSource.manager, owner, true);
    if (!row) throw new Error(`No signing key for ${ownerLabel(owner)}.`);
    return row;
  }

  private currentRow(
    m: EntityManager,
    owner: KeyOwner,
    withSecret = false,
  ): Promise<SigningKey | null> {
    const { ownerType, ownerId } = ownerColumns(owner);
    return m
      .createQueryBuilder(SigningKey, 'k')
      .addSelect(withSecret ? ['k.encryptedPrivateKey'] : [])
      .where('k.ownerType = :ownerType', { ownerType })
      .andWhere(ownerId === null ? 'k.ownerId IS NULL' : 'k.ownerId = :ownerId', { ownerId })
      .andWhere('k.retiredAt IS NULL')
      .orderBy('k.validFrom', 'DESC')
      .getOne();
  }

  private async lockOwner(m: EntityManager, owner: KeyOwner): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [KEY_LOCK, ownerLabel(owner)]);
  }

  private async createKey(
    m: EntityManager,
    owner: KeyOwner,
    previousKid: string | null,
    principal: Principal | null,
    now = new Date(),
  ): Promise<SigningKey> {
    const material = await generateEd25519KeyPair();
    const row = m.create(SigningKey, {
      ...ownerColumns(owner),
      kid: material.kid,
      publicJwk: material.publicJwk,
      encryptedPrivateKey: encryptPrivateKey(material.seed, this.kek, material.kid),
      validFrom: now,
      retiredAt: null,
    });
    const saved = await m.save(row);
    const { ownerType, ownerId } = ownerColumns(owner);
    await this.audit.record(m, {
      action: previousKid ? 'trust.key-rotated' : 'trust.key-created',
      ...actorOf(principal),
      entityType: 'signing-key',
      entityId: saved.id,
      data: { ownerType, ownerId, kid: saved.kid, ...(previousKid ? { previousKid } : {}) },
    });
    return saved;
  }
}

function toPublished(row: SigningKey): PublishedKey {
  return {
    kid: row.kid,
    owner:
      row.ownerType === 'registry' || row.ownerId === null
        ? { kind: 'registry' }
        : { kind: 'issuer', issuerId: row.ownerId },
    publicJwk: row.publicJwk,
    publicKey: rawFromPublicJwk(row.publicJwk),
    validFrom: row.validFrom,
    retiredAt: row.retiredAt,
  };
}
