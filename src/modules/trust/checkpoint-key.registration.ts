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
    // The first read may create the key, which needs a transaction of its own; once a key exists
    // it is only read, and then the sequencer's own connection serves.
    let keyExists = false;
    this.signer.use(async (manager) => {
      const signer = await this.keys.signerFor(REGISTRY_OWNER, keyExists ? manager : undefined);
      keyExists = true;
      return { origin: this.urls.checkpointOrigin, kid: signer.kid, privateKey: signer.privateKey };
    });
  }
}
