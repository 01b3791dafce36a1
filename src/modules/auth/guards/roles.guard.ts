import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES } from '../../../common/decorators/auth.decorators.js';
import { HandlerMetadata } from '../../../common/decorators/handler-metadata.js';
import { ForbiddenError } from '../../../common/errors/app-error.js';
import type { Principal } from '../principal.js';
import type { UserRole } from '../user.entity.js';

@Injectable()
export class RolesGuard implements CanActivate {
  private readonly roles: HandlerMetadata<UserRole[]>;

  constructor(reflector: Reflector) {
    this.roles = HandlerMetadata.override(reflector, ROLES);
  }

  canActivate(context: ExecutionContext): boolean {
    const roles = this.roles.of(context);
    if (!roles?.length) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (principal && roles.includes(principal.role)) return true;
    throw new ForbiddenError('AUTH.ROLE_REQUIRED', `This needs a ${roles.join(' or ')} account.`);
  }
}
