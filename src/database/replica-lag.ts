/** A WAL position ('16/B374D848') as a number, so two can be compared. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`Not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * The primary's WAL position sampled over time. A replica is too far behind when it has not yet
 * replayed what the primary had written `maxLagMs` ago: that bounds how old a public read can be,
 * whatever the primary's traffic (an idle primary writes nothing, and a replica that has replayed
 * everything is never behind).
 */
export class LagWindow {
  private samples: { at: number; lsn: bigint }[] = [];

  constructor(private readonly maxLagMs: number) {}

  record(at: number, lsn: bigint): void {
    this.samples.push({ at, lsn });
    const cutoff = at - this.maxLagMs;
    // Keep the newest sample at or before the cutoff, and everything after it.
    while (this.samples.length > 1 && (this.samples[1]?.at ?? Infinity) <= cutoff) {
      this.samples.shift();
    }
  }

  /** The position a replica must have replayed by `now`, or undefined before enough history. */
  required(now: number): bigint | undefined {
    const cutoff = now - this.maxLagMs;
    let required: bigint | undefined;
    for (const sample of this.samples) {
      if (sample.at > cutoff) break;
      required = sample.lsn;
    }
    return required;
  }
}
