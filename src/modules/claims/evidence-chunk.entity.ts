import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An evidence document's bytes, in order, in pieces of at most EVIDENCE_CHUNK_BYTES: in the
 * database so every instance serves every upload, in pieces so neither an upload nor a download
 * holds a whole file in memory.
 */
@Entity('evidence_chunks')
export class EvidenceChunk {
  @PrimaryColumn({
    type: 'varchar',
    length: 300,
    primaryKeyConstraintName: 'PK_evidence_chunks',
  })
  storageKey: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_evidence_chunks' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
