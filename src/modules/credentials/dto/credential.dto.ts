import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
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
  @ApiProperty({ enum: ['issued', 'confirmed-by-awarding-body', 'document-checked'] })
  provenance: string;
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

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
