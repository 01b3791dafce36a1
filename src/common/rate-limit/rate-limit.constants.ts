export const RATE_LIMIT_BUCKET = 'rateLimitBucket';
