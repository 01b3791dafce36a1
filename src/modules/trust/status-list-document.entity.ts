import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The signed status list credential last published for a list in one form, with the list revision
 * and key it was signed at. Serving it as stored keeps a revision's body (and so its ETag)
 * byte-identical and spares a re-sign per request; it is replaced when the revision or key moves.
 */
@Entity('status_list_documents')
export class StatusListDocument {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_status_list_documents' })
  listId: string;

  /** 'jwt' or 'data-integrity'. */
  @PrimaryColumn({
    type: 'varchar',
    length: 20,
    primaryKeyConstraintName: 'PK_status_list_documents',
  })
  form: string;

  @Column({ type: 'bigint' })
  revision: string;

  @Column({ type: 'varchar', length: 64 })
  kid: string;

  /** The exact response body: a compact JWS, or JSON text. */
  @Column({ type: 'text' })
  document: string;

  @Column({ type: 'timestamptz' })
  signedAt: Date;
}
