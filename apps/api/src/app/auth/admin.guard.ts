import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedUser } from '../common/request-context';
import { AuthEvents } from './auth-events';

/** The one role allowed to compare, sync and read the audit log. */
export const ADMIN_ROLE = 'admin';

/** 403 for an authenticated user whose current role (read from Dev by the JWT strategy) is not admin. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly events: AuthEvents) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (request.user?.role === ADMIN_ROLE) {
      return true;
    }
    await this.events.accessDenied(request, 403, 'not_admin');
    throw new ForbiddenException(
      `only administrators may use this endpoint; your role is "${request.user?.role ?? 'none'}"`,
    );
  }
}
