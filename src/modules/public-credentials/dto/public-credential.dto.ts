import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class PublicPageHolderDto {
  @ApiProperty({ description: 'The name on the public register today' }) name: string;
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty({
    enum: ['registered', 'registered-with-conditions', 'suspended', 'lapsed', 'removed'],
  })
  registerStatus: string;
  @ApiProperty({ example: '/api/v1/register/DL12345671' }) entryUrl: string;
}

export class LiveCheckDto {
  @ApiProperty({ enum: ['format', 'signature', 'issuer', 'dates', 'revocation', 'suspension'] })
  check: string;
  @ApiProperty({ enum: ['pass', 'fail', 'skip'] }) result: string;
  @ApiProperty() detail: string;
}

export class LiveVerificationDto {
  @ApiProperty({ description: 'Signature, issuer, dates and status lists all passed just now' })
  verified: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ type: [LiveCheckDto] }) checks: LiveCheckDto[];
}

export class PublicCredentialDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The public verification page' }) pageUrl: string;
  @ApiProperty({ enum: ['degree', 'certificate', 'registration', 'cpd'] }) kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() awardingBody: string;
  @ApiProperty({ example: '2021-09-03' }) awardedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked', 'expired'], description: 'As of today' })
  status: string;
  @ApiProperty({ enum: ['issued', 'confirmed-by-awarding-body', 'document-checked'] })
  provenance: string;
  @ApiProperty() provenanceLabel: string;
  @ApiProperty({ type: PublicPageHolderDto }) holder: PublicPageHolderDto;
  @ApiProperty({ type: LiveVerificationDto }) verification: LiveVerificationDto;
  @ApiProperty({ type: [String], description: 'What the page proves, in plain words' })
  proves: string[];
  @ApiProperty({ type: [String], description: 'What it does not prove' })
  doesNotProve: string[];
  @ApiProperty({ description: 'LinkedIn’s add-to-profile link, pre-filled' }) linkedInUrl: string;
  @ApiProperty({
    description:
      'The credential as an Open Badges 3.0 VC-JWT signed now: check it yourself against /.well-known/jwks.json or POST /api/v1/vc/verify',
  })
  signedCredential: string;
}

export class PublicPageSettingDto {
  @ApiProperty({ description: 'Show this credential on a public verification page' })
  @IsBoolean()
  enabled: boolean;
}

export class OwnCredentialDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() awardingBody: string;
  @ApiProperty() kind: string;
  @ApiProperty() awardedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked', 'expired'] }) status: string;
  @ApiProperty() provenance: string;
  @ApiProperty({ description: 'Whether its public verification page is on (off by default)' })
  publicPage: boolean;
  @ApiProperty({ description: 'Where the public page is (or would be, once switched on)' })
  pageUrl: string;
}

export class OwnCredentialPageDto {
  @ApiProperty({ type: [OwnCredentialDto] }) items: OwnCredentialDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
