import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CheckpointSigner } from '../audit/checkpoint-signer.js';
import { REGISTRY_OWNER } from './key-owner.js';
import { KeysService } from './keys.service.js';
import { TrustUrls } from './trust-urls.js';

/** Lends the audit log the registry key for its checkpoints (audit may not import trust). */
@Injectable()
export class CheckpointKeyRegistration implements OnModuleInit {
  constructor(
    private readonly signer: CheckpointSigner,
    private readonly keys: KeysService,
    private readonly urls: TrustUrls,
  ) {}

  onModuleInit(): void {
    this.signer.use(async () => {
      const signer = await this.keys.signerFor(REGISTRY_OWNER);
      return { origin: this.urls.checkpointOrigin, kid: signer.kid, privateKey: signer.privateKey };
    });
  }
}
