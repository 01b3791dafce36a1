import { dammCheckDigit, isDammValid } from './damm.js';

/** Register numbers read `DL` + 7-digit body + 1 Damm check digit over the body, e.g. `DL12345671`. */
export const REGISTER_NUMBER_PREFIX = 'DL';

const BODY = /^[1-9][0-9]{6}$/;
const SHAPE = /^DL[0-9]{8}$/;
const BODY_MIN = 1_000_000;
const BODY_SPAN = 9_000_000;

export type RegisterNumberParseResult =
  { ok: true; value: string } | { ok: false; reason: 'format' | 'check-digit' };

/** Builds the register number for a 7-digit body (1000000..9999999). Throws RangeError otherwise. */
export function formatRegisterNumber(body: string): string {
  if (!BODY.test(body)) {
    throw new RangeError(
      `Register number body must be 7 digits not starting with 0, got "${body}"`,
    );
  }
  return `${REGISTER_NUMBER_PREFIX}${body}${dammCheckDigit(body)}`;
}

/** A fresh register number; uniqueness is the caller's job (retry on a unique-constraint clash). */
export function generateRegisterNumber(random: () => number = Math.random): string {
  // Clamp so a misbehaving source (1, negative, NaN) still yields a 7-digit body.
  const raw = random();
  const r = Number.isFinite(raw) ? Math.min(Math.max(raw, 0), 1 - Number.EPSILON) : 0;
  const body = BODY_MIN + Math.floor(r * BODY_SPAN);
  return formatRegisterNumber(String(body));
}

/** Trims, uppercases and drops whitespace and hyphens (people type `dl 1234-5671`). */
export function normaliseRegisterNumber(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '');
}

/** True when the input has the shape of a register number; the check digit is not verified. */
export function looksLikeRegisterNumber(input: string): boolean {
  return SHAPE.test(normaliseRegisterNumber(input));
}

export function parseRegisterNumber(input: string): RegisterNumberParseResult {
  const value = normaliseRegisterNumber(input);
  if (!SHAPE.test(value)) {
    return { ok: false, reason: 'format' };
  }
  if (!isDammValid(value.slice(REGISTER_NUMBER_PREFIX.length))) {
    return { ok: false, reason: 'check-digit' };
  }
  return { ok: true, value };
}
