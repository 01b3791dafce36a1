import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Practitioner } from '../practitioners/practitioner.entity.js';
import type { RegisterEntryDto } from './dto/register-entry.dto.js';
import type { EntrySummary } from './register-search.repository.js';

/**
 * The read model of the public register: each practitioner's public entry for today, rewritten in
 * the same transaction as every write that changes it (RegisterReadModel.refresh), so an entry is
 * one indexed read. Only the public form is stored: what visibility settings hide never lands here.
 */
@Entity('register_entries')
export class RegisterEntry {
  @PrimaryColumn({ type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Index('uq_register_entries_register_number', { unique: true })
  @Column({ type: 'varchar', length: 10 })
  registerNumber: string;

  /** The public entry; JSON null while the person has no register status yet. */
  @Column({ type: 'jsonb', nullable: true })
  document: RegisterEntryDto | null;

  /**
   * What a search result shows of the document (names, status, roles), kept from it by the trigger
   * `trg_register_entries_summary` on every write of `document`; never written by the app.
   */
  @Column({ type: 'jsonb', nullable: true, insert: false, update: false, select: false })
  summary: EntrySummary | null;

  @Column({ type: 'boolean' })
  listed: boolean;

  /** When the passage of time alone next changes the entry (an expiry, a grace period's end). */
  @Column({ type: 'timestamptz', nullable: true })
  staleAfter: Date | null;

  /** The roles' version it was built with (their newest updated_at): a role change outdates all. */
  @Column({ type: 'text', nullable: true })
  rolesVersion: string | null;

  /** Bumped by every rewrite, so a rebuild made on read never overwrites a newer write. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
