import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Every setting the service reads, checked once at boot so a bad value stops it with a clear message. */
import { DEFAULT_DATA_DIR, DEFAULT_DATABASE_POOL_SIZE } from './env-defaults.js';

export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Comma-separated PostgreSQL URLs of read replicas for public reads; ignored when embedded. */
  @IsOptional()
  @IsString()
  DATABASE_REPLICA_URLS?: string;

  /**
   * A replica that has not replayed what the primary wrote this many seconds ago serves no public
   * reads until it catches up: with the HTTP cache's 2 minutes, it bounds how stale a read can be.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(120)
  DATABASE_REPLICA_MAX_LAG_SECONDS = 30;

  @IsString()
  DATA_DIR = DEFAULT_DATA_DIR;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = DEFAULT_DATABASE_POOL_SIZE;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  @IsString()
  JWT_ISSUER = 'digital-leadership-registry';

  @IsString()
  JWT_AUDIENCE = 'digital-leadership-registry-api';

  @IsOptional()
  @IsString()
  BOOTSTRAP_REGISTRAR_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_REGISTRAR_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_REGISTRAR_PASSWORD?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  /** Bearer token for GET /metrics; without it (and without METRICS_PORT) /metrics is off in production. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Serve /metrics only on this port (on HOST), not on the main one. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** Tests only: each response says how many database queries it took (x-db-queries). */
  @Transform(toBool)
  @IsBoolean()
  DB_QUERY_COUNT_HEADER = false;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  STORAGE_DIR?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

  /** S3 bucket for evidence documents: when set, new uploads go there instead of the database. */
  @IsOptional()
  @IsString()
  EVIDENCE_S3_BUCKET?: string;

  /** An S3-compatible endpoint (e.g. MinIO, Ceph); unset for AWS itself. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  EVIDENCE_S3_ENDPOINT?: string;

  @IsString()
  EVIDENCE_S3_REGION = 'us-east-1';

  /** Static credentials; without them the AWS SDK's default chain (role, profile, env) is used. */
  @IsOptional()
  @IsString()
  EVIDENCE_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  EVIDENCE_S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (endpoint/bucket/key), which most S3-compatible servers need. */
  @Transform(toBool)
  @IsBoolean()
  EVIDENCE_S3_FORCE_PATH_STYLE = false;

  /** Prefix for object keys inside the bucket. */
  @IsString()
  EVIDENCE_S3_PREFIX = 'evidence/';

  /** Base64 of 32 random bytes: encrypts the signing keys at rest. Required in production. */
  @IsOptional()
  @IsBase64()
  KEY_ENCRYPTION_KEY?: string;

  /** Milliseconds between sequencer batches: the longest an audit entry waits for its leaf. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50)
  @Max(60_000)
  AUDIT_SEQUENCER_INTERVAL_MS = 500;

  /** Most queued entries one batch integrates: keeps a batch transaction short. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUDIT_SEQUENCER_BATCH = 5000;

  /** Seconds a sequencer's lease lasts without renewal: how soon another instance takes over. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(600)
  AUDIT_SEQUENCER_LEASE_SECONDS = 10;

  /** Entries per Bitstring Status List: at least 131072 so one index says little about its holder. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(131_072)
  @Max(16_777_216)
  STATUS_LIST_SIZE = 131_072;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (problems.length > 0) {
    const lines = problems.flatMap((p) =>
      Object.values(p.constraints ?? {}).map((m) => `  ${p.property}: ${m}`),
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const badReplica = replicaUrls(env.DATABASE_REPLICA_URLS).find((url) => !isPostgresUrl(url));
  if (badReplica !== undefined) {
    throw new Error(
      'Invalid configuration:\n  DATABASE_REPLICA_URLS: each entry must be a postgres:// URL ' +
        `(comma separated), not "${badReplica.replace(/\/\/[^@/]*@/, '//…@')}"`,
    );
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (env.KEY_ENCRYPTION_KEY && Buffer.from(env.KEY_ENCRYPTION_KEY, 'base64').length !== 32) {
    throw new Error(
      'Invalid configuration:\n  KEY_ENCRYPTION_KEY: must be base64 of exactly 32 bytes',
    );
  }
  if (!env.EVIDENCE_S3_ACCESS_KEY_ID !== !env.EVIDENCE_S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Invalid configuration:\n  EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY: set both or neither',
    );
  }
  if (env.NODE_ENV === 'production' && env.DB_QUERY_COUNT_HEADER) {
    throw new Error(
      'Invalid configuration:\n  DB_QUERY_COUNT_HEADER: a test aid, refused when NODE_ENV=production',
    );
  }
  if (env.NODE_ENV === 'production' && !env.KEY_ENCRYPTION_KEY) {
    throw new Error(
      'Invalid configuration:\n  KEY_ENCRYPTION_KEY: required when NODE_ENV=production ' +
        '(base64 of 32 random bytes, e.g. `openssl rand -base64 32`); it encrypts the signing keys',
    );
  }
  return env;
}

/** The replica URLs of DATABASE_REPLICA_URLS, blanks dropped. */
export function replicaUrls(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}
