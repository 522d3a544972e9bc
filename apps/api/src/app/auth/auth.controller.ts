import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Request } from 'express';
import { AuthenticatedUser } from '../common/request-context';
import { Authenticated } from './admin-only.decorator';
import { AuthService, LOGIN_REFUSED } from './auth.service';
import { LoginThrottleGuard } from './login-throttle';
import { AuthUserDto, LoginRequestDto, LoginResponseDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Checks the credentials against the Development database's users and hands out an access token. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottleGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({
    description: 'email or password missing or malformed, or an unknown field',
  })
  @ApiUnauthorizedResponse({ description: LOGIN_REFUSED })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts per client address and e-mail, or per client address',
  })
  @ApiServiceUnavailableResponse({
    description: 'The Development database or the audit log is unavailable',
  })
  login(@Body() body: LoginRequestDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body, request);
  }

  /** The user behind the token, with the role Dev holds for them now and whether Production lets them write. */
  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: AuthUserDto })
  me(@Req() request: Request & { user: AuthenticatedUser }): Promise<AuthUserDto> {
    return this.auth.me(request.user);
  }

  /** Revokes the token the request carries: from now on it answers 401. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiNoContentResponse({ description: 'The token is revoked' })
  @ApiServiceUnavailableResponse({ description: 'The audit store is unavailable' })
  logout(@Req() request: Request & { user: AuthenticatedUser }): Promise<void> {
    return this.auth.logout(request);
  }
}
