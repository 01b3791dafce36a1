import { Injectable } from '@nestjs/common';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import type { RegisterChangeDto, RegisterChangesPageDto } from './dto/register-changes.dto.js';
import { type OutboxPosition, START } from '../outbox/outbox-horizon.js';
import { InvalidCursorError } from './register.errors.js';
import { type ChangeRow, RegisterChangesRepository } from './register-changes.repository.js';

// What each public event may say: ids of credentials, reasons and actors stay out.
const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  'credential.issued': ['kind', 'provenance'],
  'credential.status-changed': ['from', 'to'],
  'practitioner.status-changed': ['from', 'to'],
  'practitioner.name-changed': [],
};

export const encodeChangeCursor = (at: OutboxPosition) =>
  Buffer.from(`x:${at.xid}:${at.seq}`, 'utf8').toString('base64url');

/** `c:<seq>` cursors came before transaction order: they point among the events given xid 0. */
export function decodeChangeCursor(text: string): OutboxPosition | null {
  const plain = Buffer.from(text, 'base64url').toString('utf8');
  const old = /^c:(\d{1,18})$/.exec(plain);
  if (old) return { xid: '0', seq: old[1] };
  const match = /^x:(\d{1,18}):(\d{1,18})$/.exec(plain);
  return match ? { xid: match[1], seq: match[2] } : null;
}

/** The public change feed: what changed on the register, in order, for mirrors and researchers. */
@Injectable()
export class RegisterChangesService {
  constructor(private readonly repository: RegisterChangesRepository) {}

  async page(since: string | undefined, pageSize: number): Promise<RegisterChangesPageDto> {
    const after = since === undefined ? START : decodeChangeCursor(since);
    if (after === null) throw new InvalidCursorError();
    const rows = await this.repository.after(after, pageSize);
    const last = rows.at(-1);
    return {
      items: rows.map(toChange),
      next: encodeChangeCursor(last ?? after),
    };
  }
}

function toChange(r: ChangeRow): RegisterChangeDto {
  const fields = PUBLIC_FIELDS[r.type] ?? [];
  return {
    cursor: encodeChangeCursor(r),
    type: r.type,
    occurredAt: r.created_at.toISOString(),
    registerNumber: r.register_number,
    entryUrl: `/${API_PREFIX}/register/${r.register_number}`,
    data:
      r.type === 'practitioner.name-changed'
        ? // The outbox keeps no names: a follower learns the name the entry shows now.
          { givenName: r.given_name, familyName: r.family_name }
        : Object.fromEntries(
            fields.map((f) => [f, typeof r.data[f] === 'string' ? r.data[f] : null]),
          ),
  };
}
