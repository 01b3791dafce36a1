import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './document-loader.js';
import { TrustVerificationError } from './trust-errors.js';

/** The spec's floor (16 KiB uncompressed) so that one index reveals little about the holder. */
export const MIN_STATUS_LIST_LENGTH = 131_072;
// Refuse to inflate absurd lists from untrusted input (a gzip bomb): 16 Mi entries is plenty.
const MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024;

export type StatusPurpose = 'revocation' | 'suspension';

/** Bit 0 is the most significant bit of the first byte, as Bitstring Status List specifies. */
export class StatusList {
  readonly bits: Uint8Array;

  constructor(lengthOrBits: number | Uint8Array = MIN_STATUS_LIST_LENGTH) {
    if (typeof lengthOrBits === 'number') {
      if (!Number.isInteger(lengthOrBits) || lengthOrBits < MIN_STATUS_LIST_LENGTH) {
        throw new RangeError(`A status list holds at least ${MIN_STATUS_LIST_LENGTH} entries.`);
      }
      this.bits = new Uint8Array(Math.ceil(lengthOrBits / 8));
    } else {
      this.bits = lengthOrBits;
    }
  }

  get length(): number {
    return this.bits.length * 8;
  }

  get(index: number): boolean {
    const { byte, mask } = this.locate(index);
    return (this.bits[byte] & mask) !== 0;
  }

  set(index: number, value: boolean): void {
    const { byte, mask } = this.locate(index);
    this.bits[byte] = value ? this.bits[byte] | mask : this.bits[byte] & ~mask;
  }

  private locate(index: number): { byte: number; mask: number } {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`Status list index ${index} is outside 0..${this.length - 1}.`);
    }
    return { byte: index >> 3, mask: 0x80 >> (index & 7) };
  }
}

/** `encodedList`: multibase base64url (no padding, 'u' prefix) of the GZIP-compressed bits. */
export function encodeStatusList(list: StatusList): string {
  return 'u' + gzipSync(list.bits).toString('base64url');
}

export function decodeStatusList(encodedList: string): StatusList {
  if (!encodedList.startsWith('u')) {
    throw new TrustVerificationError(
      'TRUST.STATUS_LIST_ENCODING',
      'encodedList must start with "u".',
    );
  }
  let bits: Buffer;
  try {
    bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), {
      maxOutputLength: MAX_STATUS_LIST_BYTES,
    });
  } catch {
    throw new TrustVerificationError('TRUST.STATUS_LIST_ENCODING', 'encodedList is not GZIP data.');
  }
  if (bits.length * 8 < MIN_STATUS_LIST_LENGTH) {
    throw new TrustVerificationError('TRUST.STATUS_LIST_SIZE', 'The status list is too short.');
  }
  return new StatusList(new Uint8Array(bits));
}

export interface StatusListCredentialInput {
  /** The URL the list credential is published at; the subject is `<url>#list`. */
  url: string;
  issuer: string | Record<string, unknown>;
  purpose: StatusPurpose;
  list: StatusList;
  validFrom?: Date;
  validUntil?: Date;
}

/** An unsigned BitstringStatusListCredential (sign it with either form before publishing). */
export function buildStatusListCredential(
  input: StatusListCredentialInput,
): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    ...(input.validFrom ? { validFrom: isoSeconds(input.validFrom) } : {}),
    ...(input.validUntil ? { validUntil: isoSeconds(input.validUntil) } : {}),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: encodeStatusList(input.list),
    },
  };
}

export interface StatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export function buildStatusListEntry(
  listUrl: string,
  purpose: StatusPurpose,
  index: number,
): StatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    // The spec types the index as a string holding a base-10 integer.
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

export interface StatusReading {
  purpose: string;
  listUrl: string;
  index: number;
  set: boolean;
}

/**
 * Reads a credential's status bits from the list credentials `loadList` returns. The caller must
 * have verified each list credential's proof and issuer already (loadList is where to do it).
 */
export async function readCredentialStatus(
  credential: Record<string, unknown>,
  loadList: (url: string) => Promise<Record<string, unknown>>,
): Promise<StatusReading[]> {
  const raw = credential.credentialStatus;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const readings: StatusReading[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || entry.type !== 'BitstringStatusListEntry') continue;
    const { statusPurpose, statusListIndex, statusListCredential } = entry;
    if (
      typeof statusPurpose !== 'string' ||
      typeof statusListCredential !== 'string' ||
      typeof statusListIndex !== 'string' ||
      !/^(0|[1-9]\d*)$/.test(statusListIndex)
    ) {
      throw new TrustVerificationError('TRUST.STATUS_ENTRY', 'Malformed BitstringStatusListEntry.');
    }
    const listCredential = await loadList(statusListCredential);
    const subject = listCredential.credentialSubject;
    if (!isRecord(subject) || typeof subject.encodedList !== 'string') {
      throw new TrustVerificationError('TRUST.STATUS_LIST', 'Not a BitstringStatusListCredential.');
    }
    if (subject.statusPurpose !== statusPurpose) {
      throw new TrustVerificationError('TRUST.STATUS_LIST', 'Status purposes do not match.');
    }
    const index = Number(statusListIndex);
    const list = decodeStatusList(subject.encodedList);
    readings.push({
      purpose: statusPurpose,
      listUrl: statusListCredential,
      index,
      set: list.get(index),
    });
  }
  return readings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
