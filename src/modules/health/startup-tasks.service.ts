import { Injectable, Logger } from '@nestjs/common';

/**
 * Work a process finishes after it starts listening (e.g. adding demo data). `/health` answers as
 * soon as the server listens; `/health/ready` stays 503 until every task here has succeeded, so a
 * load balancer or a script waiting on it never sees a half-made registry.
 */
@Injectable()
export class StartupTasksService {
  private readonly logger = new Logger('Startup');
  private readonly unfinished = new Map<string, 'running' | 'failed'>();

  track(name: string, task: Promise<unknown>): void {
    this.unfinished.set(name, 'running');
    task.then(
      () => this.unfinished.delete(name),
      (error: unknown) => {
        this.unfinished.set(name, 'failed');
        this.logger.error(
          `${name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  }

  /** What still stands between this process and ready, e.g. ['demo data (running)']. */
  pending(): string[] {
    return [...this.unfinished].map(([name, state]) => `${name} (${state})`);
  }
}
