import { plainToInstance, Transform } from 'class-transformer';
import {
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

  @IsString()
  DATA_DIR = './data';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

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
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  return env;
}
