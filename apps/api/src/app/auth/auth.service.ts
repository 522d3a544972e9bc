import { Inject, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { RevokedTokens } from '@vantix/audit';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser } from '../common/request-context';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AuthEvents } from './auth-events';
import { AccessTokenClaims } from './jwt.strategy';
import { AuthUserDto, LoginRequestDto, LoginResponseDto } from './login.dto';
import { dummyPasswordHash, passwordMatches } from './password';
import { ProductionAuthority } from './production-authority';
import { sessionFingerprint } from './session-fingerprint';
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
    private readonly production: ProductionAuthority,
    private readonly revoked: RevokedTokens,
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
    const productionFingerprint = await this.production.adminFingerprint(user.email);
    const claims: AccessTokenClaims = {
      sub: user.id,
      email: user.email,
      role: user.role,
      fp: sessionFingerprint(this.runtime.jwtSecret, user),
      pfp: productionFingerprint,
    };
    // iss and aud come from the module's signOptions; every token gets its own id, so it can be revoked alone.
    const accessToken = await this.jwt.signAsync(claims, { expiresIn, jwtid: randomUUID() });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        mayWriteToProduction: productionFingerprint !== null,
      },
    };
  }

  /** Revokes the request's token (first, so a logout the audit log cannot record still logs out), then audits it. */
  async logout(request: Request & { user: AuthenticatedUser }): Promise<void> {
    await this.revoked.revoke(request.user.tokenId, request.user.tokenExpiresAt);
    await this.events.loggedOut(request);
  }

  /** The signed-in user, with whether Production's users table makes them an admin there now. */
  async me(user: AuthenticatedUser): Promise<AuthUserDto> {
    const { id, email, name, role } = user;
    return { id, email, name, role, mayWriteToProduction: (await this.production.adminFingerprint(email)) !== null };
  }
}
