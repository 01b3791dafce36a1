import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/decorators/auth.decorators.js';
import { AppError, NotFoundError } from '../../common/errors/app-error.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { validateEnvironment } from '../../config/env.validation.js';
import { metricsAccess, type MetricsSettings } from './metrics-access.js';
import { MetricsCollector } from './metrics-collector.service.js';

export function metricsSettings(): MetricsSettings {
  const env = validateEnvironment(process.env);
  return {
    token: env.METRICS_TOKEN,
    port: env.METRICS_PORT,
    production: env.NODE_ENV === 'production',
  };
}

/** Prometheus text format, for operators: see metricsAccess for who may read it. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly settings = metricsSettings();

  constructor(private readonly collector: MetricsCollector) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    switch (metricsAccess(this.settings, authorization, false)) {
      case 'off':
        throw new NotFoundError('METRICS.NOT_SERVED', 'Metrics are not served on this port.');
      case 'unauthorised':
        throw new AppError(
          'METRICS.TOKEN_REQUIRED',
          401,
          'Unauthorized',
          'A valid metrics bearer token is required.',
          undefined,
          { 'www-authenticate': 'Bearer' },
        );
      case 'allow':
        break;
    }
    await this.collector.refresh();
    void reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
