import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { RevokedTokens } from '@vantix/audit';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from '../common/request-context';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { DenialReason } from './auth-events';
import { sessionFingerprint } from './session-fingerprint';
import { UsersRepository } from './users.repository';

/** What Vantix Sync puts in its tokens: who, and fingerprints of their rows — nothing secret. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: string;
  /** Fingerprint of the Dev row (password hash, role) at login. */
  fp: string;
  /** Fingerprint of the Production admin row at login, or null when they were no admin there. */
  pfp: string | null;
}

/** The registered claims jsonwebtoken adds when signing. */
interface RegisteredClaims {
  jti?: unknown;
  exp?: unknown;
  iat?: unknown;
}

/** Only HS256 is accepted: `alg: none` and algorithm-confusion tokens are refused before the signature is used. */
export const JWT_ALGORITHM = 'HS256';
/** Who issued a token and whom it is for: a token signed with the same secret for another purpose is refused. */
export const JWT_ISSUER = 'vantix-sync';
export const JWT_AUDIENCE = 'vantix-sync-api';

/** A token that verified but must not be honoured; `reason` goes into the audit log. */
export class TokenRefusedError extends Error {
  override readonly name = 'TokenRefusedError';

  constructor(
    readonly reason: DenialReason,
    message: string,
  ) {
    super(message);
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly secret: string;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly users: UsersRepository,
    private readonly revoked: RevokedTokens,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: runtime.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
    this.secret = runtime.jwtSecret;
  }

  /**
   * The token proves who logged in, not what they may do now: the user is read
   * from Dev on every request, so a deleted user is refused at once, a changed
   * password or role ends the session, and a demoted one is judged by today's
   * role. A token must expire, carry its id, and not have been revoked.
   */
  async validate(claims: AccessTokenClaims & RegisteredClaims): Promise<AuthenticatedUser> {
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') {
      throw new TokenRefusedError('invalid_token', 'the access token is not valid: it has no expiry or no id');
    }
    const user = await this.users.findById(claims.sub);
    if (!user) {
      throw new TokenRefusedError('unknown_user', 'the account behind this token no longer exists');
    }
    if (claims.fp !== sessionFingerprint(this.secret, user)) {
      throw new TokenRefusedError(
        'stale_token',
        'the password or the role of this account changed since this token was issued; log in again',
      );
    }
    if (await this.revoked.isRevoked(claims.jti)) {
      throw new TokenRefusedError('revoked_token', 'this access token was revoked (logged out); log in again');
    }
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp * 1000),
      productionFingerprint: typeof claims.pfp === 'string' ? claims.pfp : null,
    };
  }
}
