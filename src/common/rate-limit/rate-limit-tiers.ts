/** Whether a signed-in organisation has been verified by the registrar (higher limits). */
export interface RateLimitTiers {
  isVerifiedOrganisation(organisationId: string): Promise<boolean>;
}

export const RATE_LIMIT_TIERS = Symbol('RATE_LIMIT_TIERS');
