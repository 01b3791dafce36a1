import fs from 'node:fs';

/**
 * Where a start spends its time: each mark is the wall time since the process started
 * (performance.now()) and the process's CPU seconds (user + system) at that moment. Marks cost a
 * few microseconds, so they are always taken; they are written out only when
 * STARTUP_TIMINGS_FILE names a file (scripts/measure-start.ts sets it).
 */
export interface StartupMark {
  phase: string;
  /** Seconds since the process started. */
  wall: number;
  /** CPU seconds (user + system) the process had used by then. */
  cpu: number;
}

const marks: StartupMark[] = [];

export function markStartup(phase: string): void {
  const { user, system } = process.cpuUsage();
  marks.push({ phase, wall: performance.now() / 1000, cpu: (user + system) / 1e6 });
}

export function startupMarks(): readonly StartupMark[] {
  return marks;
}

/** Writes the marks so far to STARTUP_TIMINGS_FILE, when set; never fails the start. */
export function writeStartupMarks(): void {
  const file = process.env.STARTUP_TIMINGS_FILE;
  if (!file) return;
  try {
    fs.writeFileSync(file, JSON.stringify(marks));
  } catch {
    // A measurement aid only.
  }
}
