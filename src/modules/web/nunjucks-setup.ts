import type nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './format.js';

export const SERVICE_NAME = 'Check the digital leadership register';

export function configureNunjucks(
  env: nunjucks.Environment,
  globals: { nhsukVersion: string },
): void {
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addGlobal('nhsukVersion', globals.nhsukVersion);
  env.addFilter('dateText', (value: unknown) => formatDate(value));
  env.addFilter('dateTimeText', (value: unknown) => formatDateTime(value));
}
