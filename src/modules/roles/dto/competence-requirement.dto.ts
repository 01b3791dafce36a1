import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { COMPETENCE_LEVELS, type CompetenceLevel } from '../route-standing.js';

/** A competence at a level: what a standard asks, a programme evidences, a credential carries. */
export class CompetenceRequirementDto {
  @ApiProperty({ example: 'strategic-thinking' })
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z0-9-]+$/)
  competence: string;

  @ApiProperty({ enum: COMPETENCE_LEVELS, example: 'practitioner' })
  @IsIn(COMPETENCE_LEVELS)
  level: CompetenceLevel;
}
