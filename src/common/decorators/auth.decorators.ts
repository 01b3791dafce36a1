import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '../../modules/auth/user.entity.js';
import type { Principal } from '../../modules/auth/principal.js';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/** The route needs no sign-in; a valid token or key, if sent, is still read. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these account roles may call the route. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | null =>
    ctx.switchToHttp().getRequest<{ user?: Principal | null }>().user ?? null,
);
