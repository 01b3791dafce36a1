import { registerAs } from '@nestjs/config';
import path from 'node:path';
import { replicaUrls, validateEnvironment } from './env.validation.js';
import { limitsConfig } from './limits.config.js';
import { mailConfig } from './mail.config.js';

const env = () => validateEnvironment(process.env);

export const httpConfig = registerAs('http', () => {
  const e = env();
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
  };
});

export const databaseConfig = registerAs('database', () => {
  const e = env();
  return {
    url: e.DATABASE_URL,
    replicaUrls: replicaUrls(e.DATABASE_REPLICA_URLS),
    replicaMaxLagSeconds: e.DATABASE_REPLICA_MAX_LAG_SECONDS,
    dataDir: path.resolve(e.DATA_DIR),
    poolSize: e.DATABASE_POOL_SIZE,
    seedDemo: e.SEED_DEMO,
    countQueries: e.DB_QUERY_COUNT_HEADER,
  };
});

export const authConfig = registerAs('auth', () => {
  const e = env();
  return {
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    bootstrapRegistrarEmail: e.BOOTSTRAP_REGISTRAR_EMAIL,
    bootstrapRegistrarPassword: e.BOOTSTRAP_REGISTRAR_PASSWORD,
    production: e.NODE_ENV === 'production',
  };
});

export const storageConfig = registerAs('storage', () => {
  const e = env();
  return {
    dir: path.resolve(e.STORAGE_DIR ?? path.join(e.DATA_DIR, 'evidence')),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    s3: e.EVIDENCE_S3_BUCKET
      ? {
          bucket: e.EVIDENCE_S3_BUCKET,
          endpoint: e.EVIDENCE_S3_ENDPOINT,
          region: e.EVIDENCE_S3_REGION,
          accessKeyId: e.EVIDENCE_S3_ACCESS_KEY_ID,
          secretAccessKey: e.EVIDENCE_S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.EVIDENCE_S3_FORCE_PATH_STYLE,
          prefix: e.EVIDENCE_S3_PREFIX,
        }
      : undefined,
  };
});

export const trustConfig = registerAs('trust', () => {
  const e = env();
  return {
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY,
    production: e.NODE_ENV === 'production',
    dataDir: path.resolve(e.DATA_DIR),
    statusListSize: e.STATUS_LIST_SIZE,
  };
});

export const auditConfig = registerAs('audit', () => {
  const e = env();
  return {
    sequencerIntervalMs: e.AUDIT_SEQUENCER_INTERVAL_MS,
    sequencerBatch: e.AUDIT_SEQUENCER_BATCH,
    leaseSeconds: e.AUDIT_SEQUENCER_LEASE_SECONDS,
  };
});

export type HttpConfig = ReturnType<typeof httpConfig>;
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
export type AuthConfig = ReturnType<typeof authConfig>;
export type StorageConfig = ReturnType<typeof storageConfig>;
export type TrustConfig = ReturnType<typeof trustConfig>;
export type AuditConfig = ReturnType<typeof auditConfig>;

export const allConfig = [
  httpConfig,
  databaseConfig,
  authConfig,
  storageConfig,
  trustConfig,
  auditConfig,
  limitsConfig,
  mailConfig,
];
