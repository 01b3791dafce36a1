import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Matches } from 'class-validator';
import type { PublishedKey } from '../keys.service.js';

export class JwkDto {
  @ApiProperty({ example: 'OKP' }) kty: string;
  @ApiProperty({ example: 'Ed25519' }) crv: string;
  @ApiProperty({ description: 'base64url public key' }) x: string;
  @ApiProperty({ description: 'RFC 7638 thumbprint' }) kid: string;
  @ApiProperty({ example: 'EdDSA' }) alg: string;
  @ApiProperty({ example: 'sig' }) use: string;
  @ApiProperty({ description: 'The DID of the registry or body that signs with it (non-standard)' })
  owner: string;
  @ApiProperty({ format: 'date-time', description: 'Signs from (non-standard)' }) validFrom: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Signs nothing after this; still verifies what it signed before (non-standard)',
  })
  retiredAt: string | null;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto] }) keys: JwkDto[];
}

export class VerificationMethodDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Multikey' }) type: string;
  @ApiProperty() controller: string;
  @ApiProperty() publicKeyMultibase: string;
}

export class DidDocumentDto {
  @ApiProperty({ name: '@context', type: [String] }) '@context': string[];
  @ApiProperty({ example: 'did:web:registry.example.org' }) id: string;
  @ApiProperty({ type: [VerificationMethodDto] }) verificationMethod: VerificationMethodDto[];
  @ApiProperty({ type: [String] }) assertionMethod: string[];
  @ApiProperty({ type: [String] }) authentication: string[];
}

export class RotateKeyDto {
  @ApiProperty({ description: '"registry" or the id of a certifying body', example: 'registry' })
  @IsString()
  @Matches(/^(registry|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'owner must be "registry" or an issuer id',
  })
  owner: string;
}

export class RotatedKeyDto {
  @ApiProperty() kid: string;
  @ApiProperty({ description: 'The DID the key signs for' }) owner: string;
  @ApiProperty({ format: 'date-time' }) validFrom: string;

  static from(key: PublishedKey, did: string): RotatedKeyDto {
    return { kid: key.kid, owner: did, validFrom: key.validFrom.toISOString() };
  }
}

export class VerifyCredentialDto {
  @ApiProperty({
    description:
      'A VC-JWT (compact JWS string) or a JSON-LD credential with a Data Integrity proof',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @IsDefined()
  credential: string | Record<string, unknown>;
}

export class VerificationCheckDto {
  @ApiProperty({ enum: ['format', 'signature', 'issuer', 'dates', 'revocation', 'suspension'] })
  check: string;
  @ApiProperty({ enum: ['pass', 'fail', 'skip'] }) result: string;
  @ApiProperty() detail: string;
}

export class VerificationResultDto {
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: [VerificationCheckDto] }) checks: VerificationCheckDto[];
}
