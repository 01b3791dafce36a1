import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class TokenDto {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  token: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class PasswordResetDto extends TokenDto {
  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password: string;
}
