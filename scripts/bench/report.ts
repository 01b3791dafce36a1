// The load benchmark's results: one row per scenario and server, the registry/bare ratio, and the
// same table as text (stdout), JSON and Markdown (docs/PERFORMANCE.md takes the Markdown).

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors other than timeouts (refused, reset). */
  connectionErrors: number;
  timeouts: number;
  /** Sent but not answered when the run ended (slow, not wrong). */
  unfinished: number;
}

export interface ScenarioResult {
  name: string;
  registry: Measured;
  bare: Measured;
  ratio: number;
}

export interface Report {
  startedAt: string;
  command: string;
  machine: Record<string, string | number>;
  database: Record<string, string | number>;
  settings: { people: number; connections: number; durationSeconds: number; warmupSeconds: number };
  setup: string[];
  scenarios: ScenarioResult[];
  sequencer: Record<string, number> | null;
  failures: string[];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number) => (n >= 1000 ? `${fmt(n / 1000, 1)} s` : `${fmt(n)} ms`);
const problems = (m: Measured) => {
  const parts: string[] = [];
  if (m.non2xx) {
    parts.push(
      Object.entries(m.statusCodes)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, n]) => `${fmt(n)}×${code}`)
        .join(' '),
    );
  }
  if (m.connectionErrors) parts.push(`${fmt(m.connectionErrors)} conn`);
  if (m.timeouts) parts.push(`${fmt(m.timeouts)} timeouts`);
  // Every connection has one request in flight when a run stops; that says something only when
  // nothing at all came back.
  if (m.requests === 0 && m.unfinished)
    parts.push(`none answered (${fmt(m.unfinished)} in flight)`);
  return parts.length ? parts.join(', ') : '0';
};

export function tableRows(report: Report): string[][] {
  return report.scenarios.map((s) => [
    s.name,
    fmt(s.registry.requestsPerSecond),
    ms(s.registry.p50),
    ms(s.registry.p99),
    problems(s.registry),
    fmt(s.bare.requestsPerSecond),
    ms(s.bare.p50),
    ms(s.bare.p99),
    problems(s.bare),
    fmt(s.ratio, 3),
  ]);
}

const HEADER = [
  'request',
  'registry req/s',
  'p50',
  'p99',
  'errors',
  'bare req/s',
  'p50',
  'p99',
  'errors',
  'ratio',
];

export function asText(report: Report): string {
  const rows = [HEADER, ...tableRows(report)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))))
    .map((r) => r.join('  '))
    .join('\n');
}

export function asMarkdown(report: Report): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    `Run ${report.startedAt}: ${report.settings.people.toLocaleString('en-GB')} practitioners, ` +
      `${report.settings.connections} connections, ${report.settings.durationSeconds} s per ` +
      `request and server (after ${report.settings.warmupSeconds} s warm-up), both servers in the same run.`,
    '',
    line(HEADER),
    line(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...tableRows(report).map(line),
    '',
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Database: ${Object.entries(report.database)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  ];
  if (report.setup.length) {
    lines.push(`Indexes the bench added to the app's tables: ${report.setup.join('; ')}.`);
  }
  if (report.sequencer) {
    lines.push(
      `Audit sequencer during the claim checks (max of /health/ready): ${Object.entries(
        report.sequencer,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
  }
  lines.push(`Command: \`${report.command}\``);
  return `${lines.join('\n')}\n`;
}
