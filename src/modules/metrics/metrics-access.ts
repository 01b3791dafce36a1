import { timingSafeEqual } from 'node:crypto';

export interface MetricsSettings {
  token?: string;
  port?: number;
  production: boolean;
}

/**
 * Whether the main HTTP port may serve /metrics to this caller. With METRICS_PORT, only that port
 * serves it; with METRICS_TOKEN, only to `Authorization: Bearer <token>`; with neither, it is open
 * outside production and off in production.
 */
export function metricsAccess(
  settings: MetricsSettings,
  authorization: string | undefined,
  onMetricsPort: boolean,
): 'allow' | 'unauthorised' | 'off' {
  if (settings.port !== undefined && !onMetricsPort) return 'off';
  if (settings.token) {
    const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const wanted = Buffer.from(settings.token);
    return given.length === wanted.length && timingSafeEqual(given, wanted)
      ? 'allow'
      : 'unauthorised';
  }
  return settings.production && !onMetricsPort ? 'off' : 'allow';
}
