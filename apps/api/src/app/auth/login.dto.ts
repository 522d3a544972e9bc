import { ApiProperty } from '@nestjs/swagger';
import { AuthUser, LoginRequest, LoginResponse } from '@vantix/contracts';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginRequestDto implements LoginRequest {
  @ApiProperty({ example: 'admin@vantix.demo', maxLength: 320 })
  @IsString()
  @IsNotEmpty({ message: 'email is required' })
  // CRM accounts may live on internal domains without a public TLD.
  @IsEmail({ require_tld: false }, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password', maxLength: 1024 })
  @IsString()
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(1024)
  password!: string;
}

export class AuthUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    example: 'admin',
    description: 'Only "admin" may use /api/dev and /api/audit',
  })
  role!: string;
  @ApiProperty({
    description:
      "True when Production's users table makes this person an admin: only then may they write to Production",
  })
  mayWriteToProduction!: boolean;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({
    description: 'HS256 JWT; send it as Authorization: Bearer <token>',
  })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({
    description: 'Seconds until the token expires',
    example: 1800,
  })
  expiresIn!: number;
  @ApiProperty({ type: AuthUserDto }) user!: AuthUserDto;
}
