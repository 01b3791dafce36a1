import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  Max,
  Min,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class RoleHeldDto {
  @ApiProperty({ example: 'Deputy Director of IT' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Northshire NHS Trust' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  organisation: string;

  @ApiProperty({ example: '2018-04-01' })
  @IsDateString({ strict: true })
  from: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2023-03-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string | null;

  @ApiProperty({ example: 'Led a 40-person team; budget £6m; EPR replacement programme' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  scope: string;
}

export class EvidenceItemDto {
  @ApiProperty({ example: 'EPR business case' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Board-approved outline business case I wrote and presented' })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  description: string;
}

export class RefereeInputDto {
  @ApiProperty({ enum: ['register', 'employer'] })
  @IsIn(['register', 'employer'])
  kind: 'register' | 'employer';

  @ApiPropertyOptional({ description: 'For a referee on the register: their register number' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  registerNumber?: string;

  @ApiPropertyOptional({
    description: "For an employer referee: their account's email at a verified employer",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiProperty({ example: 'My line manager 2018-2023' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  relationship: string;
}

export class CreatePortfolioDto {
  @ApiProperty({ example: 'CIO' })
  @IsString()
  @MaxLength(20)
  roleCode: string;

  @ApiProperty({ format: 'uuid', description: 'The recognised body asked to assess it' })
  @IsUUID()
  assessorIssuerId: string;

  @ApiProperty({ type: [RoleHeldDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => RoleHeldDto)
  rolesHeld: RoleHeldDto[];

  @ApiProperty({ type: [EvidenceItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceItemDto)
  evidence: EvidenceItemDto[];

  @ApiProperty({ type: [RefereeInputDto], description: 'Exactly two' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => RefereeInputDto)
  referees: RefereeInputDto[];
}

export class RefereeAnswerDto {
  @ApiProperty({ description: 'The token from the link in the email' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token: string;

  @ApiProperty({ enum: ['confirmed', 'declined'] })
  @IsIn(['confirmed', 'declined'])
  answer: 'confirmed' | 'declined';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class AssessmentDto {
  @ApiProperty({ enum: ['certified', 'not-certified'] })
  @IsIn(['certified', 'not-certified'])
  outcome: 'certified' | 'not-certified';

  @ApiProperty({ example: 'Evidence meets every competence; both referees confirmed.' })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  reasons: string;

  @ApiPropertyOptional({ example: '2029-07-01', description: 'Renewal date; default 3 years' })
  @IsOptional()
  @IsDateString({ strict: true })
  validUntil?: string;
}

export class RefereeViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['register', 'employer'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty() relationship: string;
  @ApiPropertyOptional({ nullable: true, type: String }) registerNumber: string | null;
  @ApiProperty({ enum: ['awaiting', 'confirmed', 'declined', 'not-asked'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Who answered: the address the link was sent to',
  })
  answeredBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) answeredAt: string | null;
}

export class DecisionDto {
  @ApiProperty({ enum: ['certified', 'not-certified'] }) outcome: string;
  @ApiProperty() reasons: string;
  @ApiProperty() assessedBy: string;
  @ApiProperty() assessedAt: string;
}

export class PortfolioDto {
  @ApiProperty() id: string;
  @ApiProperty() registerNumber: string;
  @ApiProperty() roleCode: string;
  @ApiProperty() assessorIssuerId: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'certified', 'not-certified'] }) status: string;
  @ApiProperty({ type: [RoleHeldDto] }) rolesHeld: RoleHeldDto[];
  @ApiProperty({ type: [EvidenceItemDto] }) evidence: EvidenceItemDto[];
  @ApiProperty({ type: [RefereeViewDto] }) referees: RefereeViewDto[];
  @ApiPropertyOptional({ nullable: true, type: DecisionDto }) decision: DecisionDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) credentialId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedAt: string | null;
}

export class RefereeAnsweredDto {
  @ApiProperty({ enum: ['confirmed', 'declined'] }) answer: string;
  @ApiProperty() answeredAt: string;
}

export class PortfolioQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'certified', 'not-certified'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'certified', 'not-certified'])
  status?: 'draft' | 'submitted' | 'certified' | 'not-certified';

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

export class PortfolioPageDto {
  @ApiProperty({ type: [PortfolioDto] }) items: PortfolioDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
