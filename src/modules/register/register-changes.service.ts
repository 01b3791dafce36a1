import { Injectable } from '@nestjs/common';
import { API_PREFIX } from '../../common/http/api-prefix.js';
import type { RegisterChangeDto, RegisterChangesPageDto } from './dto/register-changes.dto.js';
import { InvalidCursorError } from './register.errors.js';
import { type ChangeRow, RegisterChangesRepository } from './register-changes.repository.js';

// What each public event may say: ids of credentials, reasons and actors stay out.
const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  'credential.issued': ['kind', 'provenance'],
  'credential.status-changed': ['from', 'to'],
  'practitioner.status-changed': ['from', 'to'],
};

export const encodeChangeCursor = (seq: string) =>
  Buffer.from(`c:${seq}`, 'utf8').toString('base64url');

export function decodeChangeCursor(text: string): number | null {
  const match = /^c:(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** The public change feed: what changed on the register, in order, for mirrors and researchers. */
@Injectable()
export class RegisterChangesService {
  constructor(private readonly repository: RegisterChangesRepository) {}

  async page(since: string | undefined, pageSize: number): Promise<RegisterChangesPageDto> {
    const after = since === undefined ? 0 : decodeChangeCursor(since);
    if (after === null) throw new InvalidCursorError();
    const rows = await this.repository.after(after, pageSize);
    const last = rows.at(-1);
    return {
      items: rows.map(toChange),
      next: last ? encodeChangeCursor(last.seq) : encodeChangeCursor(String(after)),
    };
  }
}

function toChange(r: ChangeRow): RegisterChangeDto {
  const fields = PUBLIC_FIELDS[r.type] ?? [];
  return {
    cursor: encodeChangeCursor(r.seq),
    type: r.type,
    occurredAt: r.created_at.toISOString(),
    registerNumber: r.register_number,
    entryUrl: `/${API_PREFIX}/register/${r.register_number}`,
    data: Object.fromEntries(
      fields.map((f) => [f, typeof r.data[f] === 'string' ? r.data[f] : null]),
    ),
  };
}
