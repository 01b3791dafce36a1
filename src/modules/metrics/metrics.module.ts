import {
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import http from 'node:http';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { validateEnvironment } from '../../config/env.validation.js';
import { AuditModule } from '../audit/audit.module.js';
import { metricsAccess } from './metrics-access.js';
import { MetricsCollector } from './metrics-collector.service.js';
import { MetricsController, metricsSettings } from './metrics.controller.js';

/** GET /metrics on the main port, or with METRICS_PORT on a port of its own (not exposed publicly). */
@Module({
  imports: [AuditModule],
  controllers: [MetricsController],
  providers: [MetricsCollector],
})
export class MetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsModule.name);
  private server?: http.Server;

  constructor(private readonly collector: MetricsCollector) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = metricsSettings();
    if (settings.port === undefined) return;
    const host = validateEnvironment(process.env).HOST;
    this.server = http.createServer((req, res) => {
      void this.serve(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject).listen(settings.port, host, resolve);
    });
    this.logger.log(`Metrics served on http://${host}:${settings.port}/metrics`);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.url !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    if (metricsAccess(metricsSettings(), req.headers.authorization, true) !== 'allow') {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    try {
      await this.collector.refresh();
      const body = await metricsRegistry.metrics();
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
    } catch {
      res.writeHead(500).end();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
