import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CredentialKind } from '../../roles/role-standing.js';
import { CREDENTIAL_KINDS } from '../../credentials/credential.entity.js';
import type { Claim, ClaimStatus } from '../claim.entity.js';
import type { Evidence } from '../evidence.entity.js';

export class DeclareClaimDto {
  @ApiPropertyOptional({ description: 'A recognised certifying body; or give awardingBody' })
  @IsOptional()
  @IsUUID()
  issuerId?: string;

  @ApiPropertyOptional({
    example: 'University of Northshire',
    description: 'Free text, when the body is not in the list',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  awardingBody?: string;

  @ApiProperty({ enum: CREDENTIAL_KINDS })
  @IsIn(CREDENTIAL_KINDS)
  kind: CredentialKind;

  @ApiProperty({ example: 'MSc Information Systems' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) subject?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  level?: number;

  @ApiPropertyOptional({ example: '2:1' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  result?: string;

  @ApiProperty({ example: '2009-07-01' })
  @IsDateString({ strict: true })
  awardedOn: string;
}

/**
 * What the practitioner changes in their claim; a field left out stays as it was, and null clears
 * an optional one. The awarding body may change too (issuerId or awardingBody, not both).
 */
export class CorrectClaimDto {
  @ApiPropertyOptional({ description: 'A recognised certifying body; or give awardingBody' })
  @IsOptional()
  @IsUUID()
  issuerId?: string;

  @ApiPropertyOptional({ description: 'Free text, when the body is not in the list' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  awardingBody?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_KINDS })
  @IsOptional()
  @IsIn(CREDENTIAL_KINDS)
  kind?: CredentialKind;

  @ApiPropertyOptional({ example: 'MSc Information Systems' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  level?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2:1' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  result?: string | null;

  @ApiPropertyOptional({ example: '2009-07-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  awardedOn?: string;
}

export class CorrectionsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(8) level?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) result?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) awardedOn?: string;
}

export class ConfirmClaimDto {
  @ApiPropertyOptional({
    type: CorrectionsDto,
    description: "The record's true values where the claim differs",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CorrectionsDto)
  corrections?: CorrectionsDto;
}

export class RejectClaimDto {
  @ApiProperty({ example: 'No record of this award' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

const OUTCOMES = ['genuine', 'not-genuine', 'inconclusive'] as const;

export class DocumentCheckDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: (typeof OUTCOMES)[number];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class ClaimQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'confirmed', 'rejected', 'withdrawn'] })
  @IsOptional()
  @IsIn(['pending', 'confirmed', 'rejected', 'withdrawn'])
  status?: ClaimStatus;
}

export class EvidenceDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;

  static from(e: Evidence): EvidenceDto {
    return {
      id: e.id,
      fileName: e.fileName,
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      sha256: e.sha256,
      uploadedAt: e.createdAt.toISOString(),
    };
  }
}

export class ClaimDto {
  @ApiProperty() id: string;
  @ApiProperty({
    description: 'Always "claim": what the practitioner declared, never a verified credential',
  })
  recordType: 'claim';
  @ApiProperty({ description: 'Always self-declared until confirmed (then see credentialId)' })
  provenance: 'self-declared';
  @ApiProperty({ enum: ['pending', 'confirmed', 'rejected', 'withdrawn'] }) status: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() awardedOn: string;
  @ApiProperty() awardingBody: string;
  @ApiProperty({ description: 'False when the named body is not a recognised certifying body' })
  awardingBodyRecognised: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) issuerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason: string | null;
  @ApiPropertyOptional({ nullable: true }) corrections: object | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The credential made when it was confirmed',
  })
  credentialId: string | null;
  @ApiPropertyOptional({ nullable: true }) documentCheck: object | null;
  @ApiProperty() declaredAt: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When the practitioner last corrected it while pending',
  })
  correctedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The rejected claim this one resubmits with corrections',
  })
  correctsClaimId: string | null;
  @ApiPropertyOptional({ type: [EvidenceDto] }) evidence?: EvidenceDto[];
  @ApiPropertyOptional({
    description:
      'For the awarding body: who claims it, with date of birth and former names to match against its records (the practitioner consents by claiming)',
  })
  claimant?: {
    registerNumber: string;
    givenName: string;
    familyName: string;
    formerNames: string[];
    dateOfBirth: string | null;
  };

  static from(c: Claim, evidence?: Evidence[]): ClaimDto {
    return {
      id: c.id,
      recordType: 'claim',
      provenance: 'self-declared',
      status: c.status,
      kind: c.kind,
      title: c.title,
      subject: c.subject,
      level: c.level,
      result: c.result,
      awardedOn: c.awardedOn,
      awardingBody: c.awardingBody,
      awardingBodyRecognised: c.awardingBodyRecognised,
      issuerId: c.issuerId,
      decisionReason: c.decisionReason,
      corrections: c.corrections,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      credentialId: c.credentialId,
      documentCheck: c.documentCheck,
      declaredAt: c.createdAt.toISOString(),
      correctedAt: c.correctedAt?.toISOString() ?? null,
      correctsClaimId: c.correctsClaimId,
      evidence: evidence?.map((e) => EvidenceDto.from(e)),
    };
  }
}
