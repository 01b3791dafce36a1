import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['user', 'api-key'] }) kind: 'user' | 'api-key';
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ description: 'Whether the owner followed the confirmation link' })
  emailConfirmed?: boolean;
  @ApiProperty({ enum: ['registrar', 'issuer', 'practitioner', 'employer'] }) role: string;
  @ApiPropertyOptional({ nullable: true }) practitioner: {
    id: string;
    registerNumber: string;
  } | null;
  @ApiPropertyOptional({ nullable: true }) issuer: { id: string; name: string } | null;
  @ApiPropertyOptional({ nullable: true })
  organisation: { id: string; name: string; verified: boolean } | null;
}

export class RegisteredDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['practitioner', 'employer'] }) role: string;
  @ApiPropertyOptional() registerNumber?: string;
  @ApiPropertyOptional() organisationId?: string;
}
