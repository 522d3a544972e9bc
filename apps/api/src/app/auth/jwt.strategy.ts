import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from '../common/request-context';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { UsersRepository } from './users.repository';

/** What Vantix Sync puts in its tokens: who, nothing secret. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: string;
}

/** Only HS256 is accepted: `alg: none` and algorithm-confusion tokens are refused before the signature is used. */
export const JWT_ALGORITHM = 'HS256';

/** Marks a token that verified but whose user is gone from Dev. */
export class UnknownUserError extends Error {
  override readonly name = 'UnknownUserError';
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: runtime.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  /**
   * The token proves who logged in, not what they may do now: the user is read
   * from Dev on every request, so a deleted user is refused at once and a
   * demoted one is judged by today's role, not the one in the token.
   */
  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    const user = typeof claims.sub === 'string' ? await this.users.findById(claims.sub) : null;
    if (!user) {
      throw new UnknownUserError('the account behind this token no longer exists');
    }
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }
}
