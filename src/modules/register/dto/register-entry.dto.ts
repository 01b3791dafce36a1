import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RouteOutcomeDto } from '../../roles/dto/standard.dto.js';

export const PROVENANCE_LABELS = {
  issued: 'Issued by a recognised certifying body',
  'confirmed-by-awarding-body': 'Confirmed by the awarding body on request',
  'document-checked': 'Original document seen by the registrar',
  'assessed-portfolio':
    'Experience assessed by a recognised certifying body (portfolio with referees)',
} as const;

export class PublicCredentialDto {
  @ApiProperty({ enum: ['degree', 'certificate', 'registration', 'cpd'] }) kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() awardingBody: string;
  @ApiProperty({ example: '2019-07-01' }) awardedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({
    enum: ['active', 'suspended', 'revoked', 'expired'],
    description: 'As it stood on asOf',
  })
  status: string;
  @ApiProperty({
    enum: ['issued', 'confirmed-by-awarding-body', 'document-checked', 'assessed-portfolio'],
  })
  provenance: string;
  @ApiProperty({ example: PROVENANCE_LABELS.issued }) provenanceLabel: string;
}

export class PendingClaimDto {
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() awardingBody: string;
  @ApiProperty({ description: 'False when the named body is not a recognised certifying body' })
  awardingBodyRecognised: boolean;
  @ApiProperty() awardedOn: string;
  @ApiProperty({ enum: ['awaiting-confirmation'] }) status: 'awaiting-confirmation';
  @ApiProperty({ enum: ['self-declared'] }) provenance: 'self-declared';
  @ApiProperty({
    description: 'Declared by the practitioner; not a credential until the body confirms it',
  })
  note: string;
}

export class PublicRoleStandingDto {
  @ApiProperty({ example: 'CIO' }) role: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['certified', 'provisional', 'lapsed', 'suspended', 'not-certified'] })
  standing: string;
  @ApiProperty({ description: 'Held the role on asOf (shown only when appointments are public)' })
  appointed: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) appointedOn: string | null;
  @ApiProperty({ example: '2025-01-31' }) asOf: string;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      "The version of the role's standard the standing was decided under (an earlier one when grandfathered); null for a role without a standard",
  })
  standardVersion?: number | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['qualification', 'assessed-portfolio', 'clinical-registration'],
    description: 'The route that certifies, or null',
  })
  route?: string | null;
  @ApiPropertyOptional({
    description: 'Certified under an earlier version of the standard, kept until renewal',
  })
  grandfathered?: boolean;
  @ApiPropertyOptional({
    type: [RouteOutcomeDto],
    description: 'Each route of the standard in force: met, or what is missing',
  })
  routes?: RouteOutcomeDto[];
}

export class StatusHistoryEntryDto {
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ format: 'date-time' }) from: string;
}

export class PublicRegistrationDto {
  @ApiProperty() body: string;
  @ApiProperty() number: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ description: 'Always false: the external register was not checked by us' })
  checkedWithRegister: false;
}

export class RegisterEntryDto {
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ type: [String], description: 'Only when the practitioner makes them public' })
  formerNames: string[];
  @ApiProperty({ example: '2025-01-31', description: 'The date this entry answers for' })
  asOf: string;
  @ApiProperty({
    enum: ['registered', 'registered-with-conditions', 'suspended', 'lapsed', 'removed'],
  })
  registerStatus: string;
  @ApiPropertyOptional({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ type: [StatusHistoryEntryDto] }) statusHistory: StatusHistoryEntryDto[];
  @ApiProperty({ type: [PublicRoleStandingDto] }) roles: PublicRoleStandingDto[];
  @ApiProperty({ type: [PublicCredentialDto] }) credentials: PublicCredentialDto[];
  @ApiProperty({ type: [PendingClaimDto] }) pendingClaims: PendingClaimDto[];
  @ApiProperty({ type: [PublicRegistrationDto] })
  professionalRegistrations: PublicRegistrationDto[];
}
