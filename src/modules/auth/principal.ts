import type { UserRole } from './user.entity.js';

/** Who is calling: a signed-in user or an issuer system's API key. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  role: UserRole;
  practitionerId: string | null;
  issuerId: string | null;
  organisationId: string | null;
}

export const actorOf = (p: Principal | null) =>
  p ? { actorType: p.kind, actorId: p.id } : { actorType: 'system' as const, actorId: null };
