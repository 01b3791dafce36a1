import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** What the log needs from whoever holds the registry key: audit imports no feature module. */
export interface CheckpointKey {
  /** The note's key name and the checkpoint's origin line, e.g. `registry.example.org/audit`. */
  origin: string;
  kid: string;
  privateKey: KeyObject;
}

/** Reads through `manager` when given, so the sequencer's own connection is used. */
export type CheckpointKeySource = (manager?: EntityManager) => Promise<CheckpointKey>;

/**
 * The trust module hands the log its key source at start-up (trust depends on audit, never the
 * other way round). Until then the sequencer waits rather than sign with nothing.
 */
@Injectable()
export class CheckpointSigner {
  private source: CheckpointKeySource | undefined;

  use(source: CheckpointKeySource): void {
    this.source = source;
  }

  get ready(): boolean {
    return this.source !== undefined;
  }

  key(manager?: EntityManager): Promise<CheckpointKey> {
    if (!this.source) throw new Error('No checkpoint key source has been registered.');
    return this.source(manager);
  }
}
