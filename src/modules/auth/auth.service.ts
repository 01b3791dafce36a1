import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { authConfig, type AuthConfig } from '../../config/configuration.js';
import { AuditService } from '../audit/audit.service.js';
import { InvalidCredentialsError } from './auth.errors.js';
import type { LoginDto, TokenResponseDto } from './dto/login.dto.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** However active, a session needs the password again after this long. */
export const SESSION_MAX_SECONDS = 12 * 3600;

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Started now, so the first unknown email at sign-in is not slower than the rest; not awaited,
    // so the hash (argon2 on the thread pool) does not hold up the start.
    dummyHash().catch(() => undefined);
    await this.bootstrapRegistrar();
  }

  /** The first registrar comes from configuration, once: never again once any registrar exists. */
  async bootstrapRegistrar(): Promise<void> {
    const { bootstrapRegistrarEmail: email, bootstrapRegistrarPassword: password } = this.config;
    if (!email || !password || (await this.users.existsRegistrar())) return;
    await this.dataSource.transaction((m) =>
      this.usersService.create(m, { email, password, role: 'registrar' }, null),
    );
    this.logger.log('Created the first registrar account from BOOTSTRAP_REGISTRAR_EMAIL');
  }

  /** Throttled per account and per client address (see LoginThrottle); lock-outs are audited. */
  async login(input: LoginDto, clientAddress: string): Promise<TokenResponseDto> {
    await this.throttle.assertAllowed(input.email, clientAddress);
    const user = await this.users.findByEmail(input.email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
    if (!user || !ok) {
      const locks = await this.throttle.recordFailure(input.email, clientAddress);
      await this.dataSource.transaction(async (m) => {
        await this.audit.record(m, {
          action: 'auth.login-failed',
          actorType: 'system',
          actorId: null,
          entityType: 'user',
          entityId: user?.id ?? null,
          data: {},
        });
        for (const lock of locks) {
          await this.audit.record(m, {
            action: 'auth.login-locked',
            actorType: 'system',
            actorId: null,
            entityType: 'user',
            entityId: lock.scope === 'account' ? (user?.id ?? null) : null,
            data: { scope: lock.scope, seconds: lock.seconds, failures: lock.failures },
          });
        }
      });
      throw new InvalidCredentialsError();
    }
    return this.issueToken(user);
  }

  async logout(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.users.bumpTokenVersion(m, principal.id);
      await this.audit.record(m, {
        action: 'auth.logout',
        actorType: 'user',
        actorId: principal.id,
        entityType: 'user',
        entityId: principal.id,
      });
    });
  }

  /** A new password ends every session signed in with the old one. */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.users.findById(principal.id);
    if (!user || !(await verifyPassword(user.passwordHash, current)))
      throw new InvalidCredentialsError();
    await this.dataSource.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash: await hashPassword(next) });
      await this.users.bumpTokenVersion(m, user.id);
      await this.audit.record(m, {
        action: 'auth.password-changed',
        actorType: 'user',
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /**
   * A fresh token for a live one, so an active page session is not cut off after JWT_TTL_SECONDS.
   * It keeps the time of the password sign-in (`at`): after SESSION_MAX_SECONDS a password is asked
   * again whatever the activity.
   */
  async refresh(principal: Principal, bearerToken: string): Promise<TokenResponseDto> {
    const user = await this.users.findById(principal.id);
    const claims = this.jwt.decode<{ at?: number; iat?: number } | null>(bearerToken);
    const signedInAt = claims?.at ?? claims?.iat ?? 0;
    if (!user || Date.now() / 1000 - signedInAt > SESSION_MAX_SECONDS) {
      throw new InvalidCredentialsError();
    }
    return this.issueToken(user, signedInAt);
  }

  private async issueToken(
    user: User,
    signedInAt = Math.floor(Date.now() / 1000),
  ): Promise<TokenResponseDto> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, ver: user.tokenVersion, at: signedInAt },
      {
        algorithm: 'HS256',
        expiresIn: this.config.jwtTtlSeconds,
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        jwtid: randomUUID(),
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds };
  }
}
