import { Module } from '@nestjs/common';
import { AccountCredentialPagesController } from './account-credential-pages.controller.js';
import { AccountPagesController } from './account-pages.controller.js';
import { ApiDocsPagesController } from './api-docs-pages.controller.js';
import { AuditPagesController } from './audit-pages.controller.js';
import { CheckPagesController } from './check-pages.controller.js';
import { ClaimPagesController } from './claim-pages.controller.js';
import { CredentialPagesController } from './credential-pages.controller.js';
import { CsrfGuard } from './csrf.guard.js';
import { DisputePagesController } from './dispute-pages.controller.js';
import { EmployerPagesController } from './employer-pages.controller.js';
import { HomePagesController } from './home-pages.controller.js';
import { InfoPagesController } from './info-pages.controller.js';
import { IssuerManagePagesController } from './issuer-manage-pages.controller.js';
import { IssuerPagesController } from './issuer-pages.controller.js';
import { OpenDataPagesController } from './open-data-pages.controller.js';
import { StandardsPagesController } from './standards-pages.controller.js';
import { RefereePagesController } from './referee-pages.controller.js';
import { StandardEditorPagesController } from './standard-editor-pages.controller.js';
import { PageRenderer } from './page-renderer.js';
import { RegisterPagesController } from './register-pages.controller.js';
import { RegistrarRolesPagesController } from './registrar-roles-pages.controller.js';
import { RegistrarPagesController } from './registrar-pages.controller.js';
import { RegistryApi } from './registry-api.js';
import { CredentialDownloadPagesController } from './credential-download-pages.controller.js';
import { OrganisationPagesController } from './organisation-pages.controller.js';
import { ProfilePagesController } from './profile-pages.controller.js';
import { SignUpPagesController } from './sign-up-pages.controller.js';
import { SessionPagesController } from './session-pages.controller.js';
import { ShareCodePagesController } from './share-code-pages.controller.js';
import { VerifyCredentialPagesController } from './verify-credential-pages.controller.js';

/** Server-rendered pages; they read and write through the public API (see RegistryApi). */
@Module({
  controllers: [
    AuditPagesController,
    HomePagesController,
    RegisterPagesController,
    CheckPagesController,
    ShareCodePagesController,
    VerifyCredentialPagesController,
    SessionPagesController,
    SignUpPagesController,
    ProfilePagesController,
    OrganisationPagesController,
    CredentialDownloadPagesController,
    AccountPagesController,
    AccountCredentialPagesController,
    CredentialPagesController,
    ClaimPagesController,
    IssuerPagesController,
    IssuerManagePagesController,
    OpenDataPagesController,
    StandardsPagesController,
    RefereePagesController,
    StandardEditorPagesController,
    EmployerPagesController,
    InfoPagesController,
    RegistrarPagesController,
    ApiDocsPagesController,
    DisputePagesController,
    RegistrarRolesPagesController,
  ],
  providers: [PageRenderer, RegistryApi, CsrfGuard],
})
export class WebModule {}
