import { createHmac } from 'node:crypto';

const ROUNDS = 6;

/**
 * A keyed pseudo-random permutation of 0..size-1 (a balanced Feistel network over the next
 * even power of two, cycle-walking back into range). Handing out permute(0), permute(1), ... gives
 * every holder a distinct index that looks random and says nothing about when it was issued,
 * without ever searching for a free slot: uniqueness comes from the permutation being a bijection.
 */
export class IndexPermutation {
  private readonly halfBits: number;
  private readonly halfMask: number;
  /** Round function outputs for every half-block value: lookups instead of an HMAC per round. */
  private readonly table: Uint32Array;

  constructor(
    private readonly key: Buffer,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 2 || size > 2 ** 30) {
      throw new RangeError('A permutation domain is 2..2^30 entries.');
    }
    if (key.length < 16) throw new RangeError('The permutation key is at least 16 bytes.');
    let bits = Math.ceil(Math.log2(size));
    if (bits % 2 === 1) bits += 1;
    this.halfBits = bits / 2;
    this.halfMask = (1 << this.halfBits) - 1;
    const halves = 1 << this.halfBits;
    this.table = new Uint32Array(ROUNDS * halves);
    const input = Buffer.alloc(5);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let half = 0; half < halves; half += 1) {
        input[0] = round;
        input.writeUInt32BE(half, 1);
        const digest = createHmac('sha256', key).update(input).digest();
        this.table[round * halves + half] = digest.readUInt32BE(0);
      }
    }
  }

  permute(position: number): number {
    if (!Number.isInteger(position) || position < 0 || position >= this.size) {
      throw new RangeError(`Position ${position} is outside 0..${this.size - 1}.`);
    }
    // Cycle-walking: the walk stays on the permutation's cycle, so the result stays a bijection.
    let value = this.encrypt(position);
    while (value >= this.size) value = this.encrypt(value);
    return value;
  }

  private encrypt(value: number): number {
    let left = value >>> this.halfBits;
    let right = value & this.halfMask;
    for (let round = 0; round < ROUNDS; round += 1) {
      const next = (left ^ this.table[(round << this.halfBits) + right]) & this.halfMask;
      left = right;
      right = next;
    }
    return ((left << this.halfBits) | right) >>> 0;
  }
}
