import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '../../../common/decorators/auth.decorators.js';
import { HandlerMetadata } from '../../../common/decorators/handler-metadata.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isOutage, ServiceUnavailableError } from '../../../common/errors/outage.js';

class UnauthenticatedError extends AppError {
  constructor() {
    super(
      'AUTH.UNAUTHENTICATED',
      401,
      'Unauthenticated',
      'Sign in and send the access token as a Bearer token, or send an issuer API key in X-API-Key.',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  }
}

/** The one global guard: every route needs a token or API key unless it is marked @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['jwt', 'api-key']) {
  private readonly isPublic: HandlerMetadata<boolean>;

  constructor(reflector: Reflector) {
    super();
    this.isPublic = HandlerMetadata.override(reflector, IS_PUBLIC);
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (!this.isPublic.of(context)) return super.canActivate(context) as Promise<boolean>;
    // An anonymous request to a public route (no token, no key; a page's session cookie has been
    // turned into Authorization by then) needs no passport run: nothing could identify it.
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (!request.headers.authorization && !request.headers['x-api-key']) return true;
    return this.identify(context);
  }

  private async identify(context: ExecutionContext): Promise<boolean> {
    // A public route still learns who is calling (e.g. a signed-in employer gets higher limits),
    // but a bad token there makes the caller anonymous rather than refused.
    try {
      await super.canActivate(context);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      return true;
    }
    return true;
  }

  /** An unreachable database or Redis is an outage (503), not a reason to call the client unknown. */
  override handleRequest<T>(error: unknown, user: T): T {
    if (error && isOutage(error)) throw new ServiceUnavailableError();
    if (error || !user) throw new UnauthenticatedError();
    return user;
  }
}
