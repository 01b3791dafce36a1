import { Module } from '@nestjs/common';
import { AccountPagesController } from './account-pages.controller.js';
import { CheckPagesController } from './check-pages.controller.js';
import { ClaimPagesController } from './claim-pages.controller.js';
import { CsrfGuard } from './csrf.guard.js';
import { EmployerPagesController } from './employer-pages.controller.js';
import { HomePagesController } from './home-pages.controller.js';
import { IssuerPagesController } from './issuer-pages.controller.js';
import { OpenDataPagesController } from './open-data-pages.controller.js';
import { PageRenderer } from './page-renderer.js';
import { RegisterPagesController } from './register-pages.controller.js';
import { RegistryApi } from './registry-api.js';
import { SessionPagesController } from './session-pages.controller.js';
import { ShareCodePagesController } from './share-code-pages.controller.js';
import { VerifyCredentialPagesController } from './verify-credential-pages.controller.js';

/** Server-rendered pages; they read and write through the public API (see RegistryApi). */
@Module({
  controllers: [
    HomePagesController,
    RegisterPagesController,
    CheckPagesController,
    ShareCodePagesController,
    VerifyCredentialPagesController,
    SessionPagesController,
    AccountPagesController,
    ClaimPagesController,
    IssuerPagesController,
    OpenDataPagesController,
    EmployerPagesController,
  ],
  providers: [PageRenderer, RegistryApi, CsrfGuard],
})
export class WebModule {}
