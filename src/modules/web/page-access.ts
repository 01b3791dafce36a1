import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { UserRole } from '../auth/user.entity.js';
import { PageForbiddenError, SignInRequiredError } from './page-errors.js';
import { principalOf } from './page-renderer.js';

/** The signed-in visitor with this role; otherwise off to sign in, or a "cannot use this page". */
export function requireAccount(request: FastifyRequest, role: UserRole): Principal {
  const principal = principalOf(request);
  if (!principal) throw new SignInRequiredError(request.method === 'GET' ? request.url : '/');
  if (principal.role !== role) {
    throw new PageForbiddenError(
      role === 'issuer'
        ? 'This page is for staff of certifying bodies.'
        : role === 'employer'
          ? 'This page is for employers.'
          : role === 'registrar'
            ? 'This page is for the registrar’s office.'
            : 'This page is for practitioners on the register.',
    );
  }
  return principal;
}
