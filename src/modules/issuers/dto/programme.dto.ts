import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CompetenceRequirementDto } from '../../roles/dto/competence-requirement.dto.js';
import type { Programme } from '../programme.entity.js';

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Digital Health Leadership Programme' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [CompetenceRequirementDto], description: 'What the programme evidences' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => CompetenceRequirementDto)
  competences: CompetenceRequirementDto[];
}

export class ProgrammeDto {
  @ApiProperty() id: string;
  @ApiProperty() issuerId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CompetenceRequirementDto] }) competences: CompetenceRequirementDto[];
  @ApiProperty() createdAt: string;

  static from(p: Programme): ProgrammeDto {
    return {
      id: p.id,
      issuerId: p.issuerId,
      title: p.title,
      competences: p.competences,
      createdAt: p.createdAt.toISOString(),
    };
  }
}
