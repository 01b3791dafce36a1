import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { trustConfig, type TrustConfig } from '../../config/configuration.js';
import { CheckpointKeyRegistration } from './checkpoint-key.registration.js';
import { CredentialVerifierService } from './credential-verifier.service.js';
import { DidDocumentsService } from './did-documents.service.js';
import { IssuerDirectory } from './issuer-directory.js';
import { KEY_ENCRYPTION_KEY, resolveKek } from './kek.js';
import { KeyRotationService } from './key-rotation.service.js';
import { KeysService } from './keys.service.js';
import { SecretBox } from './secret-box.js';
import { SignedCredential } from './signed-credential.entity.js';
import { SigningKey } from './signing-key.entity.js';
import { StatusListRecord } from './status-list.entity.js';
import { StatusListsController } from './status-lists.controller.js';
import { StatusListPublisher } from './status-list-publisher.service.js';
import { StatusListsService } from './status-lists.service.js';
import { TrustUrls } from './trust-urls.js';
import { TrustController } from './trust.controller.js';
import { TrustService } from './trust.service.js';
import { WellKnownController } from './well-known.controller.js';

/**
 * Keys, signing, status lists and verification (it lends the audit log its checkpoint key). Imports no feature
 * module: credentials, issuers and verification call into it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKey, StatusListRecord, SignedCredential])],
  controllers: [WellKnownController, TrustController, StatusListsController],
  providers: [
    {
      provide: KEY_ENCRYPTION_KEY,
      inject: [trustConfig.KEY],
      useFactory: (config: TrustConfig) =>
        resolveKek(config.keyEncryptionKey, config.dataDir, config.production),
    },
    TrustUrls,
    SecretBox,
    KeysService,
    DidDocumentsService,
    StatusListsService,
    StatusListPublisher,
    TrustService,
    CredentialVerifierService,
    IssuerDirectory,
    KeyRotationService,
    CheckpointKeyRegistration,
  ],
  exports: [
    SecretBox,
    KeysService,
    StatusListsService,
    TrustService,
    CredentialVerifierService,
    TrustUrls,
  ],
})
export class TrustModule {}
