import { registerAs } from '@nestjs/config';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  value === undefined ? value : Number(value);
const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Abuse limits and webhook delivery settings; tests set low values through the environment. */
export class LimitsEnvironment {
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) RATE_LIMIT_WINDOW_SECONDS = 60;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_SEARCH = 60;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_SEARCH_EMPLOYER = 600;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_CHECK = 20;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_CHECK_EMPLOYER = 300;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_REDEEM = 10;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_REDEEM_EMPLOYER = 60;
  @IsString() RATE_LIMIT_KEY_PREFIX = 'rate-limit:';
  @Transform(toInt) @IsInt() @Min(1) @Max(100) SHARE_CODE_MAX_FAILURES = 5;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_FREE_FAILURES_ACCOUNT = 5;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_FREE_FAILURES_ADDRESS = 50;
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) LOGIN_FAILURE_WINDOW_SECONDS = 900;
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) LOGIN_LOCK_MAX_SECONDS = 900;
  @Transform(toInt) @IsInt() @Min(100) WEBHOOK_DISPATCH_INTERVAL_MS = 2000;
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS = 5000;
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOK_ALLOW_LOCALHOST?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOK_DISPATCHER_ENABLED?: boolean;
}

export const limitsConfig = registerAs('limits', () => {
  const env = plainToInstance(LimitsEnvironment, process.env, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false });
  if (problems.length > 0) {
    const lines = problems.flatMap((p) =>
      Object.values(p.constraints ?? {}).map((m) => `  ${p.property}: ${m}`),
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const test = process.env.NODE_ENV === 'test';
  // Every e2e suite shares one app and one client address: under test a limit applies only when
  // set explicitly, as the rate-limit tests do.
  const limit = (name: keyof LimitsEnvironment, value: number) =>
    test && process.env[name] === undefined ? 1_000_000 : value;
  return {
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    search: {
      anonymous: limit('RATE_LIMIT_SEARCH', env.RATE_LIMIT_SEARCH),
      employer: limit('RATE_LIMIT_SEARCH_EMPLOYER', env.RATE_LIMIT_SEARCH_EMPLOYER),
    },
    check: {
      anonymous: limit('RATE_LIMIT_CHECK', env.RATE_LIMIT_CHECK),
      employer: limit('RATE_LIMIT_CHECK_EMPLOYER', env.RATE_LIMIT_CHECK_EMPLOYER),
    },
    redeem: {
      anonymous: limit('RATE_LIMIT_REDEEM', env.RATE_LIMIT_REDEEM),
      employer: limit('RATE_LIMIT_REDEEM_EMPLOYER', env.RATE_LIMIT_REDEEM_EMPLOYER),
    },
    keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
    login: {
      freeFailuresAccount: limit('LOGIN_FREE_FAILURES_ACCOUNT', env.LOGIN_FREE_FAILURES_ACCOUNT),
      freeFailuresAddress: limit('LOGIN_FREE_FAILURES_ADDRESS', env.LOGIN_FREE_FAILURES_ADDRESS),
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
      lockMaxSeconds: env.LOGIN_LOCK_MAX_SECONDS,
    },
    shareCodeMaxFailures: env.SHARE_CODE_MAX_FAILURES,
    webhookIntervalMs: env.WEBHOOK_DISPATCH_INTERVAL_MS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    // Plain-http localhost receivers are only for tests and local trials, never by default.
    webhookAllowLocalhost: env.WEBHOOK_ALLOW_LOCALHOST ?? test,
    webhookDispatcherEnabled: env.WEBHOOK_DISPATCHER_ENABLED ?? true,
  };
});

export type LimitsConfig = ReturnType<typeof limitsConfig>;
export type RateLimitBucket = 'search' | 'check' | 'redeem';
