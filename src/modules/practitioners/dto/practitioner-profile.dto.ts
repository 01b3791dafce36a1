import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Practitioner, Visibility } from '../practitioner.entity.js';

export class RegistrationDto {
  @ApiProperty() body: string;
  @ApiProperty() number: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ description: 'Always false: the external register was not checked by us' })
  checkedWithRegister: false;
}

export class AppointmentDto {
  @ApiProperty() roleCode: string;
  @ApiProperty() organisation: string;
  @ApiProperty() startDate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) endDate: string | null;
}

export class PractitionerProfileDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'DL12345671' }) registerNumber: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ type: [String] }) formerNames: string[];
  @ApiProperty() dateOfBirth: string;
  @ApiProperty() email: string;
  @ApiProperty() registerStatus: string;
  @ApiPropertyOptional({ nullable: true, type: String }) statusReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ type: [RegistrationDto] }) registrations: RegistrationDto[];
  @ApiProperty({ type: [AppointmentDto] }) appointments: AppointmentDto[];
  @ApiProperty() visibility: Visibility;

  static from(p: Practitioner): PractitionerProfileDto {
    return {
      id: p.id,
      registerNumber: p.registerNumber,
      givenName: p.givenName,
      familyName: p.familyName,
      formerNames: p.formerNames,
      dateOfBirth: p.dateOfBirth,
      email: p.email,
      registerStatus: p.registerStatus,
      statusReason: p.statusReason,
      conditions: p.conditions,
      registrations: (p.registrations ?? []).map((r) => ({
        body: r.body,
        number: r.number,
        current: r.current,
        checkedWithRegister: false,
      })),
      appointments: (p.appointments ?? [])
        .map((a) => ({
          roleCode: a.roleCode,
          organisation: a.organisation,
          startDate: a.startDate,
          endDate: a.endDate,
        }))
        .sort((a, b) => b.startDate.localeCompare(a.startDate)),
      visibility: p.visibility,
    };
  }
}
