import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Ids, codes and counts only. */
export type AuditValue = string | number | boolean | null | string[];

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/**
 * One entry of the Merkle log, written only by the sequencer. `seq` is the leaf index + 1 (the
 * public numbering since the log began); `hash` is the RFC 9162 leaf hash of the canonical entry.
 * Holds ids only, never personal data. The table is append-only (trigger and grants).
 */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  seq: number;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 10 })
  actorType: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Index('ix_audit_events_entity')
  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, AuditValue>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  correlationId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;
}
