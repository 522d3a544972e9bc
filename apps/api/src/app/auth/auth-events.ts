import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@vantix/audit';
import { Request } from 'express';
import { requestContext } from '../common/request-context';

/** Why a login failed, as recorded; the response never tells which. */
export type LoginFailureReason = 'unknown_email' | 'wrong_password' | 'rate_limited';

/** Why a guarded request was refused (the token itself is never recorded). */
export type DenialReason =
  | 'missing_token'
  | 'malformed_token'
  | 'invalid_token'
  | 'expired_token'
  | 'unknown_user'
  | 'not_admin';

/**
 * Writes the authentication events of the audit log. Payloads carry what was
 * tried and why it failed, never a password, hash or token.
 */
@Injectable()
export class AuthEvents {
  private readonly logger = new Logger(AuthEvents.name);

  constructor(private readonly audit: AuditLog) {}

  /** Awaited before the token is handed out: a login nobody can trace is refused (the caller maps the error). */
  async loginSucceeded(request: Request, user: { id: string; email: string; role: string }): Promise<void> {
    const context = requestContext(request);
    await this.audit.append({
      type: 'auth.login_succeeded',
      actor: { id: user.id, email: user.email },
      requestId: context.requestId ?? undefined,
      clientIp: context.clientIp ?? undefined,
      payload: { email: user.email, role: user.role },
    });
  }

  /** The attempt is refused either way; an audit store that is down must not turn a 401 into a 503. */
  async loginFailed(request: Request, email: string, reason: LoginFailureReason): Promise<void> {
    const context = requestContext(request);
    await this.bestEffort('auth.login_failed', () =>
      this.audit.append({
        type: 'auth.login_failed',
        actor: { id: null, email: null },
        requestId: context.requestId ?? undefined,
        clientIp: context.clientIp ?? undefined,
        payload: { email, reason },
      }),
    );
  }

  async accessDenied(request: Request, status: 401 | 403, reason: DenialReason): Promise<void> {
    const context = requestContext(request);
    await this.bestEffort('access.denied', () =>
      this.audit.append({
        type: 'access.denied',
        actor: context.actor,
        requestId: context.requestId ?? undefined,
        clientIp: context.clientIp ?? undefined,
        // The path only: a query string is the caller's input and is not needed to explain a denial.
        payload: {
          method: request.method,
          path: (request.originalUrl ?? request.url).split('?')[0],
          status,
          reason,
        },
      }),
    );
  }

  private async bestEffort(type: string, append: () => Promise<unknown>): Promise<void> {
    try {
      await append();
    } catch (error) {
      this.logger.error(`could not record ${type} in the audit log: ${(error as Error).message}`);
    }
  }
}
