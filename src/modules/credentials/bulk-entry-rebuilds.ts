import type { Logger } from '@nestjs/common';
import type { RegisterReadModel } from '../register/register-read-model.js';

// Holders waiting for their entry to be rebuilt before the upload waits for the rebuilds: bounds
// memory when rebuilding falls behind issuing.
const MAX_WAITING = 5000;

/**
 * Rebuilds the register entries a bulk upload left due, behind the upload and beside it: while
 * one round runs, holders of later batches gather (each once, however many batches name them),
 * so a holder with thousands of credentials in a file is rebuilt a few times, not once per batch.
 * A failed round only leaves entries due, which reads rebuild.
 */
export class EntryRebuilds {
  private readonly waiting = new Set<string>();
  private round: Promise<void> = Promise.resolve();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly register: RegisterReadModel,
    private readonly logger: Logger,
  ) {}

  async add(holders: readonly string[]): Promise<void> {
    for (const id of holders) this.waiting.add(id);
    this.loop ??= this.run();
    while (this.waiting.size >= MAX_WAITING) await this.round;
  }

  /** Resolves once every holder added so far has been rebuilt (or the attempt failed). */
  async drain(): Promise<void> {
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.waiting.size > 0) {
      const ids = [...this.waiting];
      this.waiting.clear();
      this.round = this.register.rebuild(ids).catch((error: unknown) => {
        this.logger.warn(`Register entries left due for reads to rebuild: ${String(error)}`);
      });
      await this.round;
    }
    this.loop = null;
  }
}
