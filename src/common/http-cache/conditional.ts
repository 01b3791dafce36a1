import { createHash } from 'node:crypto';

/** A strong entity tag: the SHA-256 of the exact bytes sent, so equal tags mean equal bodies. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

// One entity-tag of a list: optional weak prefix, then a quoted string of etagc (RFC 9110 §8.8.3).
const ENTITY_TAG = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/y;

/**
 * Whether If-None-Match names the current representation (RFC 9110 §13.1.2): `*` always does
 * (the representation exists), otherwise any listed tag that matches by the weak comparison,
 * which ignores the `W/` prefix. A header that does not parse is ignored, as if absent.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = header.trim();
  if (value === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  const tags: string[] = [];
  ENTITY_TAG.lastIndex = 0;
  while (ENTITY_TAG.lastIndex < value.length) {
    const start = ENTITY_TAG.lastIndex;
    const match = ENTITY_TAG.exec(value);
    if (!match) {
      // Empty list members (", ,") are allowed; anything else makes the header invalid.
      const rest = value.slice(start);
      const empty = /^\s*,/.exec(rest);
      if (!empty) return false;
      ENTITY_TAG.lastIndex = start + empty[0].length;
      continue;
    }
    tags.push(`"${match[2]}"`);
  }
  return tags.includes(opaque);
}
