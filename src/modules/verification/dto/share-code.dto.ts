import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { RegisterEntryDto } from '../../register/dto/register-entry.dto.js';

export class CreateShareCodeDto {
  @ApiProperty({ example: 'Pre-employment checks for the CIO post at Testshire NHS Trust' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  purpose: string;

  @ApiProperty({ minimum: 1, maximum: 90 })
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays: number;
}

export class CreatedShareCodeDto {
  @ApiProperty({ example: 'W9X-6GY-2S2', description: 'Shown once: only a hash is kept' })
  code: string;
  @ApiProperty() id: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class RotatedShareCodeKeyDto {
  @ApiProperty({ description: 'The new key, which hashes every code created from now on' })
  keyId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ShareCodeUseDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ nullable: true, type: String }) organisation: string | null;
}

export class ShareCodeSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '•••-•••-2S2' }) hint: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: ['active', 'expired', 'cancelled', 'locked'] }) state: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: [ShareCodeUseDto] }) uses: ShareCodeUseDto[];
}

export class ShareCodePageDto {
  @ApiProperty({ type: [ShareCodeSummaryDto] }) items: ShareCodeSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RedeemShareCodeDto {
  @ApiProperty({ example: 'W9X-6GY-2S2' }) @IsString() @MaxLength(30) code: string;
  @ApiProperty({ example: '1975-04-12' }) @IsDateString({ strict: true }) dateOfBirth: string;
}

export class PrivateCredentialDto {
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() awardingBody: string;
  @ApiProperty() awardedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty() status: string;
  @ApiProperty() provenance: string;
  @ApiProperty() provenanceLabel: string;
}

export class ClaimStateDto {
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() awardingBody: string;
  @ApiProperty() awardingBodyRecognised: boolean;
  @ApiProperty() awardedOn: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'rejected', 'withdrawn'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) decidedAt:
    string | null;
}

export class AppointmentRecordDto {
  @ApiProperty() roleCode: string;
  @ApiProperty() organisation: string;
  @ApiProperty() startDate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) endDate: string | null;
}

export class FullRecordDto extends RegisterEntryDto {
  @ApiProperty({ description: 'The purpose the practitioner gave when sharing' }) purpose: string;
  @ApiProperty({ format: 'date-time' }) sharedUntil: string;
  @ApiProperty({ type: [PrivateCredentialDto], description: 'Every credential in any status' })
  allCredentials: PrivateCredentialDto[];
  @ApiProperty({ type: [ClaimStateDto] }) claims: ClaimStateDto[];
  @ApiProperty({ type: [AppointmentRecordDto] }) appointments: AppointmentRecordDto[];
}

export class CheckDto {
  @ApiProperty({ enum: ['claim-check', 'share-code-use', 'register-lookup'] }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Null for an anonymous check' })
  organisation: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) purpose: string | null;
}

export class CheckPageDto {
  @ApiProperty({ type: [CheckDto] }) items: CheckDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
