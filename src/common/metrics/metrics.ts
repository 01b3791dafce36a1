import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. Counters live here, in common/, so any module can count
 * without depending on the metrics module; gauges read from the database are collected at scrape
 * time by src/modules/metrics.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const rateLimitRejections = new Counter({
  name: 'rate_limit_rejections_total',
  help: 'Requests refused with 429 by a rate limit, by bucket and tier',
  labelNames: ['bucket', 'tier'] as const,
  registers: [metricsRegistry],
});

export const signingOperations = new Counter({
  name: 'signing_operations_total',
  help: 'Signatures made, by kind (vc-jwt, data-integrity, receipt, checkpoint)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});
