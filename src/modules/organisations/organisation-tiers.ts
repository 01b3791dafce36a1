import { Injectable } from '@nestjs/common';
import type { RateLimitTiers } from '../../common/rate-limit/rate-limit-tiers.js';
import { OrganisationsService } from './organisations.service.js';

const CACHE_MS = 30_000;

/** Verified organisations get employer limits; cached briefly so the limiter adds no query per hit. */
@Injectable()
export class OrganisationTiers implements RateLimitTiers {
  private readonly cache = new Map<string, { verified: boolean; until: number }>();

  constructor(private readonly organisations: OrganisationsService) {}

  async isVerifiedOrganisation(organisationId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.cache.get(organisationId);
    if (cached && cached.until > now) return cached.verified;
    const organisation = await this.organisations.findById(organisationId);
    const verified = organisation !== null && organisation.verifiedAt !== null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(organisationId, { verified, until: now + CACHE_MS });
    return verified;
  }
}
