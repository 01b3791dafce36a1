import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const STANDINGS = [
  'certified',
  'provisional',
  'lapsed',
  'suspended',
  'not-certified',
] as const;

export class RegisterSearchQueryDto {
  @ApiPropertyOptional({
    description:
      'A name (also former names), a register number or a professional registration number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'CIO' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'role must be a role code such as CIO' })
  role?: string;

  @ApiPropertyOptional({ enum: STANDINGS, description: 'Standing in `role` today' })
  @IsOptional()
  @IsIn(STANDINGS)
  standing?: (typeof STANDINGS)[number];

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({
    description: 'The `next` of the previous page, as it was given; takes the place of `page`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class RegisterSearchItemDto {
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ type: [String] }) formerNames: string[];
  @ApiProperty() registerStatus: string;
  @ApiProperty({
    enum: ['name', 'former-name', 'register-number', 'professional-registration', 'role'],
  })
  matchedOn: string;
  @ApiProperty({ type: [String], description: 'Roles held today (when appointments are public)' })
  currentRoles: string[];
  @ApiPropertyOptional({ description: 'Standing in the role filtered on' }) standing?: string;
}

export class RegisterSearchPageDto {
  @ApiProperty({ type: [RegisterSearchItemDto] }) items: RegisterSearchItemDto[];
  @ApiProperty({ description: 'Matches, counted up to 100' }) total: number;
  @ApiProperty({
    description: 'True when there are more matches than `total` says (100+); pages go 1,000 deep',
  })
  totalIsLowerBound: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Opaque cursor for the next page (pass as `cursor`), null on the last page',
  })
  next: string | null;
}
