/**
 * Where the next page of a search starts, handed out opaque: a count of best matches already
 * shown (name search reads nearest first, so it resumes by position), or the last register number
 * shown (a role listing reads in register number order, so it seeks).
 */
export type Cursor = { kind: 'offset'; offset: number } | { kind: 'after'; after: string };

export function encodeCursor(cursor: Cursor): string {
  const raw = cursor.kind === 'offset' ? `o:${cursor.offset}` : `a:${cursor.after}`;
  return Buffer.from(raw, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const offset = /^o:(\d{1,6})$/.exec(raw);
  if (offset) return { kind: 'offset', offset: Number(offset[1]) };
  const after = /^a:(DL\d{8})$/.exec(raw);
  if (after) return { kind: 'after', after: after[1] };
  return null;
}
