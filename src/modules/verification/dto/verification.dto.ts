import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { EntryInclusion } from '../../audit/audit-proofs.service.js';
import { VERIFICATION_OUTCOMES } from '../verification-outcome.js';

const KINDS = ['degree', 'certificate', 'registration', 'cpd'] as const;

export class ClaimAskedDto {
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: (typeof KINDS)[number];
  @ApiProperty({ example: 'MSc Health Informatics' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
  @ApiProperty({ example: 'University of Testshire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  awardingBody: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 8,
    description: 'RQF/FHEQ level: bachelor 6, master 7, doctorate 8',
  })
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
  @ApiPropertyOptional({ example: 2014 })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  awardedYear?: number;
}

export class CreateVerificationDto {
  @ApiProperty({ example: 'DL12345671' }) @IsString() @MaxLength(30) registerNumber: string;
  @ApiProperty({ type: ClaimAskedDto })
  @ValidateNested()
  @Type(() => ClaimAskedDto)
  claim: ClaimAskedDto;
}

export class FieldComparisonDto {
  @ApiProperty({
    enum: ['kind', 'title', 'awardingBody', 'subject', 'level', 'result', 'awardedYear'],
  })
  field: string;
  @ApiPropertyOptional({
    anyOf: [
      { type: 'string', nullable: true },
      { type: 'number', nullable: true },
    ],
  })
  claimed: string | number | null;
  @ApiPropertyOptional({
    anyOf: [
      { type: 'string', nullable: true },
      { type: 'number', nullable: true },
    ],
  })
  recorded: string | number | null;
  @ApiProperty({ enum: ['exact', 'equivalent', 'mismatch', 'not-recorded', 'not-claimed'] })
  match: string;
}

export class ReceiptProofDto {
  @ApiProperty({ example: 'Ed25519Signature' }) type: string;
  @ApiProperty({ example: 'JCS (RFC 8785)' }) canonicalization: string;
  @ApiProperty() kid: string;
  @ApiProperty({
    nullable: true,
    description: 'The registry public key (JWK) for kid, as in /.well-known/jwks.json',
  })
  publicKeyJwk: object | null;
  @ApiProperty({ description: 'base64url Ed25519 signature over the JCS form of `document`' })
  signatureValue: string;
}

export class ClaimCheckResultDto {
  @ApiProperty({ example: 'VR-ACDE-FGHJ-KMNP' }) reference: string;
  @ApiProperty({ enum: VERIFICATION_OUTCOMES }) outcome: string;
  @ApiProperty({ type: [FieldComparisonDto] }) fields: FieldComparisonDto[];
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty({ example: '/api/v1/verifications/VR-ACDE-FGHJ-KMNP' }) receiptUrl: string;
}

export class ReceiptDto extends ClaimCheckResultDto {
  @ApiProperty({ type: ClaimAskedDto }) claim: ClaimAskedDto;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The organisation that checked, when signed in',
  })
  checkedBy: { organisation: string | null } | null;
  @ApiProperty({ description: 'Exactly what was signed' }) document: Record<string, unknown>;
  @ApiProperty({ type: ReceiptProofDto }) proof: ReceiptProofDto;
  @ApiProperty({
    description: 'The registry checked the signature against the stored receipt just now',
  })
  genuine: boolean;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'The receipt in the audit log: `{status: "pending"}` until sequenced, then `{status: "included", leafIndex, entry, inclusionProof, checkpoint}` (RFC 9162 proof against the signed C2SP checkpoint)',
  })
  audit: EntryInclusion | null;
}
