import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ColleagueDto {
  @ApiProperty() email: string;
  @ApiProperty({ description: 'Whether they have followed a link we emailed them' })
  emailConfirmed: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganisationAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Verified by the registrar (until then: pending)' })
  verified: boolean;
  @ApiProperty({ type: [ColleagueDto] }) colleagues: ColleagueDto[];
}

export class AddColleagueDto {
  @ApiProperty({ description: 'They get an email with a link to choose their password' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}
