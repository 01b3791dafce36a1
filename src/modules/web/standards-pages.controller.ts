import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import type { RoleStandardDto } from '../roles/dto/standard.dto.js';
import { barChartSvg } from '../statistics/bar-chart.js';
import type { Statistics } from '../statistics/statistics.service.js';
import { PageErrorFilter } from './page-error.filter.js';
import { PageNotFoundError } from './page-errors.js';
import { PageRenderer } from './page-renderer.js';
import { RegistryApi } from './registry-api.js';

const ROUTE_LABELS: Record<string, string> = {
  qualification: 'Recognised qualification',
  'assessed-portfolio': 'Experience (assessed portfolio)',
  'clinical-registration': 'Clinical registration and a shorter programme',
  requirements: 'Role requirements (no standard)',
};

/** What each role's certification means, and how many hold it: public, no script needed. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class StandardsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly api: RegistryApi,
  ) {}

  @Get('roles/:code')
  async standard(
    @Param('code') code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const found = await this.api.call<RoleStandardDto>(request, {
      method: 'GET',
      url: `/api/v1/roles/${encodeURIComponent(code)}/standard`,
    });
    if (!found.ok)
      throw new PageNotFoundError(`There is no published standard for the role ${code}.`);
    const standard = found.data;
    return this.pages.render(request, reply, 'role-standard', {
      title: `${standard.title} (${standard.role}): the standard`,
      standard,
    });
  }

  @Get('statistics')
  async statistics(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.api.call<Statistics>(request, {
      method: 'GET',
      url: '/api/v1/statistics',
    });
    const stats = found.ok ? found.data : null;
    const roles = (stats?.roles ?? []).map((r) => ({
      ...r,
      routes: r.byRoute.map((c) => ({ ...c, label: ROUTE_LABELS[c.key] ?? c.key })),
      routeChart: barChartSvg(
        `routes-${r.role}`,
        `${r.title}: certified people by route`,
        r.byRoute.map((c) => ({ label: ROUTE_LABELS[c.key] ?? c.key, value: c.count })),
      ),
      yearChart: barChartSvg(
        `years-${r.role}`,
        `${r.title}: certified people by year of award`,
        r.byYear.map((c) => ({ label: c.key, value: c.count })),
      ),
    }));
    return this.pages.render(request, reply, 'statistics', {
      title: 'Certification statistics',
      stats,
      roles,
      overall: barChartSvg(
        'roles',
        'Certified people by role',
        roles.map((r) => ({ label: r.role, value: r.certified })),
      ),
    });
  }
}
