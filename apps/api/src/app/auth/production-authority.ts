import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { AuthenticatedUser } from '../common/request-context';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { ADMIN_ROLE } from './admin.guard';
import { AuthEvents } from './auth-events';
import { ProductionUserRecord, ProductionUsersRepository } from './production-users.repository';
import { sessionFingerprint } from './session-fingerprint';

/**
 * Production decides who may write to Production. Comparing needs an admin of
 * Development's `users` (the guards); a write additionally needs the same
 * person (e-mail, ignoring case) to be an admin in Production's `users` —
 * read again at the moment of the write — with the password hash and role
 * they had at login.
 */
@Injectable()
export class ProductionAuthority {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly users: ProductionUsersRepository,
    private readonly events: AuthEvents,
  ) {}

  /** The fingerprint of the person's Production admin row, or null when they are no admin there. */
  async adminFingerprint(email: string): Promise<string | null> {
    const admin = this.adminOf(await this.users.findByEmail(email));
    return admin === null ? null : sessionFingerprint(this.runtime.jwtSecret, admin);
  }

  /**
   * Resolves when the signed-in user may write to Production now; otherwise
   * records `access.denied` and throws 403 (not an admin in Production) or 401
   * (their Production row changed since login: log in again).
   */
  async assertMayWrite(request: Request & { user: AuthenticatedUser }): Promise<void> {
    const { user } = request;
    const current = await this.adminFingerprint(user.email);
    if (current === null) {
      await this.events.accessDenied(request, 403, 'not_production_admin');
      throw new ForbiddenException(
        `only administrators of the Production database may write to it: ${user.email} is not an admin in Production's users table`,
      );
    }
    if (current !== user.productionFingerprint) {
      await this.events.accessDenied(request, 401, 'stale_token');
      throw new UnauthorizedException(
        'your account in the Production database changed since you logged in (password or role); log in again to write to Production',
      );
    }
  }

  private adminOf(rows: ProductionUserRecord[]): ProductionUserRecord | null {
    return rows.find((row) => row.role === ADMIN_ROLE) ?? null;
  }
}
