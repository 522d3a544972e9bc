import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AuditLog } from '@vantix/audit';
import { Request } from 'express';
import { AuthenticatedUser, requestContext } from '../common/request-context';
import { DenialFlood, DenialWindow } from './denial-flood';

/** Why a login failed, as recorded; the response never tells which. */
export type LoginFailureReason = 'unknown_email' | 'wrong_password' | 'rate_limited';

/** Why a guarded request was refused (the token itself is never recorded). */
export type DenialReason =
  | 'missing_token'
  | 'malformed_token'
  | 'invalid_token'
  | 'expired_token'
  | 'unknown_user'
  | 'stale_token'
  | 'revoked_token'
  | 'not_admin'
  | 'not_production_admin';

/** How often the counted repeats of past minutes are written. */
const FLUSH_INTERVAL_MS = 15_000;

/**
 * Writes the authentication events of the audit log. Payloads carry what was
 * tried and why it failed, never a password, hash or token. Refusals of
 * anonymous requests are aggregated (DenialFlood): junk traffic adds a bounded
 * number of events; a signed-in user's refusals are recorded one by one.
 */
@Injectable()
export class AuthEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuthEvents.name);
  private readonly flood = new DenialFlood();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly audit: AuditLog) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.writeWindows(this.flood.due()), FLUSH_INTERVAL_MS);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  /** The counts of the current minute are written before the audit store closes. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.writeWindows(this.flood.drain());
  }

  /** Awaited before the token is handed out: a login nobody can trace is refused (the caller maps the error). */
  async loginSucceeded(request: Request, user: { id: string; email: string; role: string }): Promise<void> {
    await this.audit.append({
      type: 'auth.login_succeeded',
      actor: { id: user.id, email: user.email },
      ...this.origin(request),
      payload: { email: user.email, role: user.role },
    });
  }

  /** The attempt is refused either way; an audit store that is down must not turn a 401 into a 503. */
  async loginFailed(request: Request, email: string, reason: LoginFailureReason): Promise<void> {
    await this.bestEffort('auth.login_failed', () =>
      this.audit.append({
        type: 'auth.login_failed',
        actor: { id: null, email: null },
        ...this.origin(request),
        payload: { email, reason },
      }),
    );
  }

  /** Awaited: a logout that cannot be recorded is answered 503 (the token was revoked before). */
  async loggedOut(request: Request & { user: AuthenticatedUser }): Promise<void> {
    const { user } = request;
    await this.audit.append({
      type: 'auth.logout',
      actor: { id: user.id, email: user.email },
      ...this.origin(request),
      payload: { email: user.email, tokenExpiresAt: user.tokenExpiresAt.toISOString() },
    });
  }

  async accessDenied(request: Request, status: 401 | 403, reason: DenialReason): Promise<void> {
    const context = requestContext(request);
    // The path only: a query string is the caller's input and is not needed to explain a denial.
    const path = (request.originalUrl ?? request.url).split('?')[0];
    if (context.actor.id === null && !this.flood.observe(context.clientIp, reason, status, path)) {
      return;
    }
    await this.bestEffort('access.denied', () =>
      this.audit.append({
        type: 'access.denied',
        actor: context.actor,
        ...this.origin(request),
        payload: { method: request.method, path, status, reason },
      }),
    );
  }

  private async writeWindows(windows: DenialWindow[]): Promise<void> {
    for (const window of windows) {
      await this.bestEffort('access.denied', () =>
        this.audit.append({
          type: 'access.denied',
          actor: { id: null, email: null },
          clientIp: window.clientIp,
          payload: {
            aggregated: true,
            reason: window.reason,
            windowStart: window.windowStart,
            // The first refusal of the window has its own event; these are the ones after it.
            count: window.repeats,
            statuses: window.statuses,
            paths: window.paths,
          },
        }),
      );
    }
  }

  private origin(request: Request) {
    const { requestId, clientRequestId, clientIp } = requestContext(request);
    return { requestId, clientRequestId, clientIp };
  }

  private async bestEffort(type: string, append: () => Promise<unknown>): Promise<void> {
    try {
      await append();
    } catch (error) {
      this.logger.error(`could not record ${type} in the audit log: ${(error as Error).message}`);
    }
  }
}
