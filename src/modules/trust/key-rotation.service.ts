import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/errors/app-error.js';
import type { Principal } from '../auth/principal.js';
import { RotatedKeyDto } from './dto/trust.dto.js';
import { IssuerDirectory } from './issuer-directory.js';
import { issuerOwner, REGISTRY_OWNER } from './key-owner.js';
import { KeysService } from './keys.service.js';
import { TrustUrls } from './trust-urls.js';

@Injectable()
export class KeyRotationService {
  constructor(
    private readonly keys: KeysService,
    private readonly issuers: IssuerDirectory,
    private readonly urls: TrustUrls,
  ) {}

  /** `owner` is "registry" or an issuer id; an unknown issuer is a 404. */
  async rotate(owner: string, principal: Principal): Promise<RotatedKeyDto> {
    if (owner.toLowerCase() === 'registry') {
      return RotatedKeyDto.from(
        await this.keys.rotate(REGISTRY_OWNER, principal),
        this.urls.registryDid,
      );
    }
    const issuer = await this.issuers.find(owner.toLowerCase());
    if (!issuer) throw new NotFoundError('ISSUER.NOT_FOUND', `No issuer ${owner}.`);
    const target = issuerOwner(issuer.id);
    return RotatedKeyDto.from(await this.keys.rotate(target, principal), this.urls.didFor(target));
  }
}
