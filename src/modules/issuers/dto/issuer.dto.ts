import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ISSUER_KINDS, type Issuer, type IssuerKind, type IssuerStatus } from '../issuer.entity.js';

export class CreateIssuerDto {
  @ApiProperty({ example: 'University of Northshire' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ISSUER_KINDS })
  @IsIn(ISSUER_KINDS)
  kind: IssuerKind;

  @ApiPropertyOptional({ example: 'https://www.northshire.ac.uk' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(300)
  website?: string;

  @ApiPropertyOptional({ type: [String], description: 'Other names the body is known by' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];
}

const STATUSES: IssuerStatus[] = ['recognised', 'suspended'];

export class IssuerStatusDto {
  @ApiProperty({ enum: STATUSES })
  @IsIn(STATUSES)
  status: IssuerStatus;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class IssuerAliasesDto {
  @ApiProperty({
    type: [String],
    description: 'Every other name the body is known by (replaces the list)',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  aliases: string[];
}

export class CreateStaffDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'Student records system' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;
}

export class IssuerDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ enum: ISSUER_KINDS }) kind: string;
  @ApiPropertyOptional({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;

  static from(i: Issuer): IssuerDto {
    return {
      id: i.id,
      name: i.name,
      aliases: i.aliases,
      kind: i.kind,
      website: i.website,
      status: i.status,
    };
  }
}

export class StaffDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() issuerId: string;
}

export class ApiKeyCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Shown once; only a hash is kept' }) key: string;
  @ApiProperty({ description: 'The first characters, to tell keys apart' }) hint: string;
  @ApiPropertyOptional({ nullable: true, type: String }) label: string | null;
  @ApiProperty() createdAt: Date;
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() hint: string;
  @ApiPropertyOptional({ nullable: true, type: String }) label: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) revokedAt: Date | null;
}
