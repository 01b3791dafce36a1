import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Practitioner } from '../practitioners/practitioner.entity.js';

/**
 * The folded (case- and accent-free) names register search matches against, one row per
 * practitioner. A database trigger on `practitioners` keeps it in step, so no code path that
 * changes a name or visibility can forget it. Former names are only here when visible.
 */
@Entity('register_search_entries')
@Index('ix_register_search_entries_words', { synchronize: false })
export class RegisterSearchEntry {
  @PrimaryColumn({ type: 'uuid' })
  practitionerId: string;

  @ManyToOne(() => Practitioner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'practitioner_id' })
  practitioner: Relation<Practitioner>;

  @Column({ type: 'text' })
  nameText: string;

  @Column({ type: 'text', default: '' })
  formerText: string;

  /** nameText and formerText together: what the trigram index covers. */
  @Column({ type: 'text' })
  searchText: string;

  @Column({ type: 'boolean' })
  listed: boolean;
}
