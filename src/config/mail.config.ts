import { registerAs } from '@nestjs/config';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';
import path from 'node:path';

const toInt = ({ value }: { value: unknown }): unknown =>
  value === undefined ? value : Number(value);
const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Outgoing mail: with no SMTP_URL, mails are written as .eml files under DATA_DIR/mail/. */
export class MailEnvironment {
  /** smtp://user:pass@host:port or smtps://…; nodemailer's URL form. */
  @IsOptional() @IsString() SMTP_URL?: string;
  @IsString() MAIL_FROM = 'Digital Leadership Register <no-reply@register.localhost>';
  @Transform(toInt) @IsInt() @Min(50) @Max(60_000) MAIL_DISPATCH_INTERVAL_MS = 1000;
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) MAIL_RETRY_BASE_SECONDS = 30;
  @IsOptional() @Transform(toBool) @IsBoolean() MAIL_DISPATCHER_ENABLED?: boolean;
  @IsString() DATA_DIR = './data';
}

export const mailConfig = registerAs('mail', () => {
  const env = plainToInstance(MailEnvironment, process.env, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false });
  if (problems.length > 0) {
    const lines = problems.flatMap((p) =>
      Object.values(p.constraints ?? {}).map((m) => `  ${p.property}: ${m}`),
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.SMTP_URL && !/^smtps?:\/\/[^/]/.test(env.SMTP_URL)) {
    throw new Error('Invalid configuration:\n  SMTP_URL: must be an smtp:// or smtps:// URL');
  }
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    intervalMs: env.MAIL_DISPATCH_INTERVAL_MS,
    retryBaseSeconds: env.MAIL_RETRY_BASE_SECONDS,
    dispatcherEnabled: env.MAIL_DISPATCHER_ENABLED ?? true,
    fileDir: path.resolve(env.DATA_DIR, 'mail'),
  };
});

export type MailConfig = ReturnType<typeof mailConfig>;
