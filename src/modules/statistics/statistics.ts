/** Counts below this are not published: with small numbers a person could be picked out. */
export const SUPPRESS_BELOW = 10;

export interface CountRow {
  role: string;
  route: string;
  year: string;
  count: number;
}

export interface Count {
  key: string;
  /** Null when suppressed. */
  count: number | null;
}

export interface RoleStatistics {
  role: string;
  title: string;
  certified: number | null;
  byRoute: Count[];
  byYear: Count[];
}

const shown = (n: number): number | null => (n < SUPPRESS_BELOW ? null : n);

function totals(rows: readonly CountRow[], key: (r: CountRow) => string): Count[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + r.count);
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => ({ key: k, count: shown(n) }));
}

/** Certified people per role, per route and per year, every count under the threshold withheld. */
export function summarise(
  rows: readonly CountRow[],
  roles: readonly { code: string; title: string }[],
): RoleStatistics[] {
  return roles.map((role) => {
    const own = rows.filter((r) => r.role === role.code);
    return {
      role: role.code,
      title: role.title,
      certified: shown(own.reduce((sum, r) => sum + r.count, 0)),
      byRoute: totals(own, (r) => r.route),
      byYear: totals(own, (r) => r.year),
    };
  });
}
