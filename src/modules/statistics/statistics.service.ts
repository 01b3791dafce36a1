import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RolesService } from '../roles/roles.service.js';
import { type CountRow, type RoleStatistics, SUPPRESS_BELOW, summarise } from './statistics.js';

/**
 * Counted from the public read model, so only what the register already shows is counted. The
 * year is when the newest non-CPD credential on the entry was awarded: the certifying award.
 * A role without a standard has no route; it counts as `requirements`.
 */
const COUNTS_SQL = `
SELECT r ->> 'role' AS role, COALESCE(r ->> 'route', 'requirements') AS route,
       COALESCE(y.year, 'unknown') AS year, count(*)::int AS count
  FROM register_entries e
  CROSS JOIN LATERAL jsonb_array_elements(e.document -> 'roles') r
  CROSS JOIN LATERAL (SELECT max(substr(c ->> 'awardedOn', 1, 4)) AS year
                        FROM jsonb_array_elements(e.document -> 'credentials') c
                       WHERE c ->> 'kind' <> 'cpd' AND c ->> 'status' = 'active') y
 WHERE e.document IS NOT NULL AND r ->> 'standing' = 'certified'
 GROUP BY 1, 2, 3`;

export interface Statistics {
  generatedAt: string;
  suppressedBelow: number;
  roles: RoleStatistics[];
}

@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesService,
  ) {}

  async current(): Promise<Statistics> {
    const [rows, roles] = await Promise.all([
      this.dataSource.query<CountRow[]>(COUNTS_SQL),
      this.roles.list(),
    ]);
    return {
      generatedAt: new Date().toISOString(),
      suppressedBelow: SUPPRESS_BELOW,
      roles: summarise(rows, roles),
    };
  }
}
