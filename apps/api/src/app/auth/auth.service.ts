import { Inject, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AuthEvents } from './auth-events';
import { AccessTokenClaims } from './jwt.strategy';
import { LoginRequestDto, LoginResponseDto } from './login.dto';
import { dummyPasswordHash, passwordMatches } from './password';
import { UsersRepository } from './users.repository';

/** One message for an unknown e-mail and a wrong password: the answer must not reveal which accounts exist. */
export const LOGIN_REFUSED = 'e-mail or password is wrong';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly events: AuthEvents,
  ) {}

  private dummyHashCost: number | undefined;

  /** A dummy hash as costly as the CRM's own (its cost read once from Dev). */
  private async dummyHash(): Promise<string> {
    this.dummyHashCost ??= (await this.users.typicalHashCost()) ?? 10;
    return dummyPasswordHash(this.dummyHashCost);
  }

  async login(body: LoginRequestDto, request: Request): Promise<LoginResponseDto> {
    const email = body.email.trim();
    const user = await this.users.findByEmail(email);
    // An unknown e-mail still pays for a bcrypt comparison, so timing does not tell it apart.
    const matches = await passwordMatches(body.password, user?.passwordHash ?? (await this.dummyHash()));
    if (!user || !matches) {
      await this.events.loginFailed(request, email, user ? 'wrong_password' : 'unknown_email');
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    try {
      await this.events.loginSucceeded(request, user);
    } catch (error) {
      // A session nobody could trace later is not handed out.
      this.logger.error(`login of ${user.id} refused: the audit log could not record it: ${(error as Error).message}`);
      throw new ServiceUnavailableException(
        'the audit log is unavailable, so no login can be recorded; try again later',
      );
    }
    const expiresIn = this.runtime.config.jwtExpiresInSeconds;
    const claims: AccessTokenClaims = {
      sub: user.id,
      email: user.email,
      role: user.role,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
      },
    };
  }
}
