import { AuditCheckpoint } from '../modules/audit/audit-checkpoint.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { AuditQueueEntry } from '../modules/audit/audit-queue-entry.entity.js';
import { AuditSequencerState } from '../modules/audit/audit-sequencer-state.entity.js';
import { AuditTreeNode } from '../modules/audit/audit-tree-node.entity.js';
import { AccountToken } from '../modules/accounts/account-token.entity.js';
import { ApiKey } from '../modules/auth/api-key.entity.js';
import { User } from '../modules/auth/user.entity.js';
import { Claim } from '../modules/claims/claim.entity.js';
import { EvidenceChunk } from '../modules/claims/evidence-chunk.entity.js';
import { Evidence } from '../modules/claims/evidence.entity.js';
import { BulkStatusRequest } from '../modules/credentials/bulk-status-request.entity.js';
import { Credential } from '../modules/credentials/credential.entity.js';
import { CredentialStatusChange } from '../modules/credentials/credential-status-change.entity.js';
import { Dispute } from '../modules/disputes/dispute.entity.js';
import { IdempotencyRecord } from '../modules/credentials/idempotency-record.entity.js';
import { Issuer } from '../modules/issuers/issuer.entity.js';
import { Mail } from '../modules/mail/mail.entity.js';
import { MailNotifierCursor, MailReminder } from '../modules/mail/mail-notifier-state.entity.js';
import { OutboxEvent } from '../modules/outbox/outbox-event.entity.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { Practitioner } from '../modules/practitioners/practitioner.entity.js';
import { PractitionerName } from '../modules/practitioners/practitioner-name.entity.js';
import { PractitionerStatusChange } from '../modules/practitioners/practitioner-status-change.entity.js';
import { ProfessionalRegistration } from '../modules/practitioners/professional-registration.entity.js';
import { RoleAppointment } from '../modules/practitioners/role-appointment.entity.js';
import { Competence } from '../modules/roles/competence.entity.js';
import { RoleStandard } from '../modules/roles/role-standard.entity.js';
import { Programme } from '../modules/issuers/programme.entity.js';
import { Portfolio } from '../modules/portfolios/portfolio.entity.js';
import { PortfolioReferee } from '../modules/portfolios/portfolio-referee.entity.js';
import { Role } from '../modules/roles/role.entity.js';
import { SignedCredential } from '../modules/trust/signed-credential.entity.js';
import { SigningKey } from '../modules/trust/signing-key.entity.js';
import { StatusListDocument } from '../modules/trust/status-list-document.entity.js';
import { StatusListRecord } from '../modules/trust/status-list.entity.js';
import { RegisterLookup } from '../modules/register/register-lookup.entity.js';
import { RegisterEntry } from '../modules/register/register-entry.entity.js';
import { RegisterSearchEntry } from '../modules/register/register-search-entry.entity.js';
import { BulkCheckRow } from '../modules/verification/bulk-check-row.entity.js';
import { ShareCode } from '../modules/verification/share-code.entity.js';
import { ShareCodeKey } from '../modules/verification/share-code-key.entity.js';
import { ShareCodeUse } from '../modules/verification/share-code-use.entity.js';
import { VerificationReceipt } from '../modules/verification/verification-receipt.entity.js';
import { WatchList } from '../modules/verification/watch-list.entity.js';
import { WebhookCursor } from '../modules/verification/webhook-cursor.entity.js';
import { WebhookDelivery } from '../modules/verification/webhook-delivery.entity.js';
import { WebhookDeliveryAttempt } from '../modules/verification/webhook-delivery-attempt.entity.js';

/** Every entity, listed once: the data source and the migration drift check both use this. */
export const ENTITIES = [
  AuditEvent,
  AuditQueueEntry,
  AuditSequencerState,
  AuditTreeNode,
  ApiKey,
  AccountToken,
  User,
  Claim,
  Evidence,
  EvidenceChunk,
  BulkStatusRequest,
  Credential,
  CredentialStatusChange,
  IdempotencyRecord,
  Dispute,
  Issuer,
  Organisation,
  OutboxEvent,
  Mail,
  MailNotifierCursor,
  MailReminder,
  Practitioner,
  PractitionerName,
  PractitionerStatusChange,
  ProfessionalRegistration,
  RoleAppointment,
  Role,
  RoleStandard,
  Competence,
  Programme,
  Portfolio,
  PortfolioReferee,
  AuditCheckpoint,
  SignedCredential,
  SigningKey,
  StatusListRecord,
  StatusListDocument,
  RegisterLookup,
  RegisterEntry,
  RegisterSearchEntry,
  BulkCheckRow,
  ShareCode,
  ShareCodeKey,
  ShareCodeUse,
  VerificationReceipt,
  WatchList,
  WebhookCursor,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
