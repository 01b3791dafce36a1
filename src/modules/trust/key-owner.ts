/** Who a key, a status list or a signature belongs to: the registry or one certifying body. */
export type KeyOwner = { kind: 'registry' } | { kind: 'issuer'; issuerId: string };

export const REGISTRY_OWNER: KeyOwner = { kind: 'registry' };

export const issuerOwner = (issuerId: string): KeyOwner => ({ kind: 'issuer', issuerId });

/** A credential recorded without an issuer (a registrar's document check) is the registry's. */
export const ownerOf = (issuerId: string | null): KeyOwner =>
  issuerId === null ? REGISTRY_OWNER : issuerOwner(issuerId);

export const ownerColumns = (owner: KeyOwner) =>
  owner.kind === 'registry'
    ? { ownerType: 'registry' as const, ownerId: null }
    : { ownerType: 'issuer' as const, ownerId: owner.issuerId };

export const ownerLabel = (owner: KeyOwner): string =>
  owner.kind === 'registry' ? 'registry' : `issuer:${owner.issuerId}`;
