import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { CompetenceRequirementDto } from '../../roles/dto/competence-requirement.dto.js';
import type { Credential } from '../credential.entity.js';
import { CREDENTIAL_STATUSES, effectiveStatus } from '../credential-status.js';
import type { CredentialStatusChange } from '../credential-status-change.entity.js';

export class StatusChangeDto {
  @ApiPropertyOptional({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() at: string;
}

export class CredentialDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Always "credential": a verified record, never a claim' })
  recordType: 'credential';
  @ApiProperty() registerNumber: string;
  @ApiProperty({ enum: ['degree', 'certificate', 'registration', 'cpd'] }) kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) cpdHours: number | null;
  @ApiProperty() awardedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({
    enum: CREDENTIAL_STATUSES,
    description: 'As of today (an active credential past validUntil is expired)',
  })
  status: string;
  @ApiProperty({
    enum: ['issued', 'confirmed-by-awarding-body', 'document-checked', 'assessed-portfolio'],
  })
  provenance: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The programme awarded for' })
  programmeId: string | null;
  @ApiProperty({
    type: [CompetenceRequirementDto],
    description: "The competences it evidences: its programme's mapping, or an assessment's",
  })
  competences: CompetenceRequirementDto[];
  @ApiProperty() awardingBody: string;
  @ApiPropertyOptional({ nullable: true, type: String }) issuerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) issuerReference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) claimId: string | null;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ type: [StatusChangeDto] }) history?: StatusChangeDto[];

  static from(
    c: Credential,
    registerNumber: string,
    history?: CredentialStatusChange[],
  ): CredentialDto {
    const today = new Date().toISOString().slice(0, 10);
    return {
      id: c.id,
      recordType: 'credential',
      registerNumber,
      kind: c.kind,
      title: c.title,
      subject: c.subject,
      level: c.level,
      result: c.result,
      cpdHours: c.cpdHours,
      awardedOn: c.awardedOn,
      validUntil: c.validUntil,
      status: effectiveStatus(c.status, c.validUntil, today),
      provenance: c.provenance,
      programmeId: c.programmeId,
      competences: c.competences,
      awardingBody: c.awardingBody,
      issuerId: c.issuerId,
      issuerReference: c.issuerReference,
      claimId: c.claimId,
      issuedAt: c.createdAt.toISOString(),
      history: history?.map((h) => ({
        from: h.fromStatus,
        to: h.toStatus,
        action: h.action,
        reason: h.reason,
        at: h.changedAt.toISOString(),
      })),
    };
  }
}

export class CredentialPageDto {
  @ApiProperty({ type: [CredentialDto] }) items: CredentialDto[];
  @ApiProperty() total: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Opaque cursor for the next page (pass as `cursor`), null on the last page',
  })
  next: string | null;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CredentialQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20)
  registerNumber?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @IsOptional()
  @IsIn(CREDENTIAL_STATUSES)
  status?: (typeof CREDENTIAL_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['degree', 'certificate', 'registration', 'cpd'] })
  @IsOptional()
  @IsIn(['degree', 'certificate', 'registration', 'cpd'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Words in the title or your own reference', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'The `next` of the previous page, as it was given; takes the place of `page`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
