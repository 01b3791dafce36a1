/** Every JSON API route lives under this prefix (health, .well-known and web pages do not). */
export const API_PREFIX = 'api/v1';
