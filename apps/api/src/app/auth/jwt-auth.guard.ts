import { ExecutionContext, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Request } from 'express';
import { AuthEvents, DenialReason } from './auth-events';
import { TokenRefusedError } from './jwt.strategy';

/** A 401 that knows why, for the audit log; the client sees the message only. */
class Unauthenticated extends UnauthorizedException {
  constructor(
    readonly reason: DenialReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * 401 unless the request carries a valid, unexpired, unrevoked HS256 token of
 * a user who still exists in Dev with the password and role they logged in
 * with. Every refusal is recorded as `access.denied` (anonymous ones
 * aggregated, see AuthEvents).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly events: AuthEvents) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof Unauthenticated) {
        await this.events.accessDenied(context.switchToHttp().getRequest<Request>(), 401, error.reason);
      }
      throw error;
    }
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (user && !error) {
      return user;
    }
    // The Dev database being down is not the caller's fault: keep its 503.
    if (error instanceof HttpException) {
      throw error;
    }
    if (error instanceof TokenRefusedError) {
      throw new Unauthenticated(error.reason, error.message);
    }
    if (error) {
      throw error;
    }
    throw denialFor(info);
  }
}

// jsonwebtoken's error classes are matched by name: jsonwebtoken is not a direct
// dependency, and a nested copy would defeat instanceof.
function denialFor(info: unknown): Unauthenticated {
  const { name, message } = (info ?? {}) as { name?: string; message?: string };
  if (name === 'TokenExpiredError') {
    return new Unauthenticated('expired_token', 'the access token has expired; log in again');
  }
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError') {
    const malformed = /malformed|jwt must be provided|invalid token|unexpected token/i.test(message ?? '');
    return malformed
      ? new Unauthenticated('malformed_token', 'the access token is malformed')
      : new Unauthenticated('invalid_token', 'the access token is not valid');
  }
  // passport-jwt reports a missing or non-Bearer Authorization header as a plain Error ("No auth token").
  return new Unauthenticated('missing_token', 'authentication required: send Authorization: Bearer <access token>');
}
