import createClient from 'openapi-fetch';
import type { components, paths } from './api-schema.js';
import { baseUrl } from './app.js';

export type Schemas = components['schemas'];

/**
 * A client typed from the served OpenAPI document (api-schema.ts, checked against it by
 * `npm run openapi:check`): a test that calls through it fails to compile when a path, a parameter
 * or a body drifts from what the document says.
 */
export const apiClient = (headers: Record<string, string> = {}) =>
  createClient<paths>({ baseUrl: baseUrl(), headers });
