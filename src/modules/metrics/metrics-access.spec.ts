import { metricsAccess } from './metrics-access.js';

describe(metricsAccess.name, () => {
  it('should be open outside production and off in production when nothing is configured', () => {
    expect(metricsAccess({ production: false }, undefined, false)).toBe('allow');
    expect(metricsAccess({ production: true }, undefined, false)).toBe('off');
  });

  it('should demand the bearer token when METRICS_TOKEN is set', () => {
    const settings = { production: true, token: 's3cret-token' };
    expect(metricsAccess(settings, 'Bearer s3cret-token', false)).toBe('allow');
    expect(metricsAccess(settings, 'Bearer wrong', false)).toBe('unauthorised');
    expect(metricsAccess(settings, undefined, false)).toBe('unauthorised');
  });

  it('should serve only on the metrics port when METRICS_PORT is set', () => {
    const settings = { production: true, port: 9464 };
    expect(metricsAccess(settings, undefined, false)).toBe('off');
    expect(metricsAccess(settings, undefined, true)).toBe('allow');
  });
});
