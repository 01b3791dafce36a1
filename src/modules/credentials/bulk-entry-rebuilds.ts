import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RegisterReadModel } from '../register/register-read-model.js';
import { rebuildStaleEntries } from '../register/rebuild-entries.js';

// An upload naming at most this many holders rebuilds their entries before its summary; a larger
// one leaves them to the sweeper below. Rebuilding was about 60% of a 10,000-row upload's CPU
// (app and database) when every row named another holder.
const INLINE_HOLDERS = 1000;

/**
 * Rebuilds, in the background, every register entry that is due: those a large bulk upload marked
 * due in its batches. Until it reaches an entry, every read of it rebuilds it first (as for any
 * due entry), so nobody reads the old facts meanwhile; the sweep only stores the fresh entry. One
 * sweep at a time per instance, 1,000 entries per statement, memory flat whatever the upload.
 */
@Injectable()
export class DueEntrySweeper implements OnModuleDestroy {
  private readonly logger = new Logger(DueEntrySweeper.name);
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts a sweep, or another one after the sweep under way. */
  request(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweep().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no sweep is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  onModuleDestroy(): Promise<void> {
    this.stopping = true;
    return this.idle();
  }

  private async sweep(): Promise<void> {
    do {
      this.again = false;
      try {
        const built = await rebuildStaleEntries(this.dataSource, () => {
          if (this.stopping) throw new SweepStopped();
        });
        this.logger.log(`Rebuilt ${built} due register entries`);
      } catch (error) {
        if (error instanceof SweepStopped) return;
        this.logger.warn(`Register entries left due for reads to rebuild: ${String(error)}`);
        return;
      }
    } while (this.again && !this.stopping);
  }
}

class SweepStopped extends Error {}

/**
 * The register entries one bulk upload left due. Holders are gathered while the file is issued;
 * at the end a small upload rebuilds theirs before its summary (the register's stored entries are
 * fresh when the report ends), a large one hands them to the sweeper and keeps no list, so memory
 * does not grow with the file. Either way every read of a due entry rebuilds it first.
 */
export class EntryRebuilds {
  private readonly holders = new Set<string>();
  private large = false;

  constructor(
    private readonly register: RegisterReadModel,
    private readonly sweeper: DueEntrySweeper,
    private readonly logger: Logger,
  ) {}

  add(holders: readonly string[]): void {
    if (this.large) return;
    for (const id of holders) this.holders.add(id);
    if (this.holders.size > INLINE_HOLDERS) {
      this.large = true;
      this.holders.clear();
    }
  }

  /** Rebuilds a small upload's entries now; starts the sweep for a large one. */
  async finish(): Promise<void> {
    if (this.large) {
      this.sweeper.request();
      return;
    }
    if (this.holders.size === 0) return;
    await this.register.rebuild([...this.holders]).catch((error: unknown) => {
      this.logger.warn(`Register entries left due for reads to rebuild: ${String(error)}`);
    });
  }
}
