import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { Request } from 'express';
import { Runtime } from '../runtime/runtime';
import { AuthEvents } from './auth-events';

const MINUTE_MS = 60_000;
const PER_IP = 'per-ip';
const PER_IP_AND_EMAIL = 'per-ip-and-email';

/** The e-mail a login attempt names, as the limiter and the audit log see it (the body is not validated yet). */
export function attemptedEmail(request: Request): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Two limits on login attempts: per client IP and e-mail (guessing one
 * account's password) and per client IP alone (trying many accounts). The
 * trackers carry their kind so the 429 message can say which one was hit.
 */
export function loginThrottlerOptions(runtime: Runtime): ThrottlerModuleOptions {
  const { perIp, perIpAndEmail } = runtime.config.loginRateLimit;
  return {
    throttlers: [
      {
        name: PER_IP,
        ttl: MINUTE_MS,
        limit: perIp,
        getTracker: (req) => `${PER_IP}|${String(req['ip'])}`,
      },
      {
        name: PER_IP_AND_EMAIL,
        ttl: MINUTE_MS,
        limit: perIpAndEmail,
        getTracker: (req) => `${PER_IP_AND_EMAIL}|${String(req['ip'])}|${attemptedEmail(req as Request)}`,
      },
    ],
    errorMessage: (_context, detail) => {
      const scope = detail.tracker.startsWith(`${PER_IP_AND_EMAIL}|`)
        ? 'for this e-mail from your address'
        : 'from your address';
      return `too many login attempts ${scope}; try again in ${detail.timeToBlockExpire} seconds`;
    },
  };
}

/** Only on POST /api/auth/login; a refused attempt is recorded as a failed login. */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly events: AuthEvents,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<Request>();
    await this.events.loginFailed(request, attemptedEmail(request), 'rate_limited');
    throw new ThrottlerException(await this.getErrorMessage(context, detail));
  }
}
