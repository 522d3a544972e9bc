import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { isConnectionFailure, shortMessage } from '@vantix/db-errors';
import { CrmDatabase, PROD_DATABASE } from '@vantix/sync-core';

/** A Production `users` row as the write authority needs it; the hash never leaves the auth folder. */
export interface ProductionUserRecord {
  id: string;
  email: string;
  role: string;
  passwordHash: string;
}

/**
 * The only place auth reads the Production database. Production is the source
 * of truth: who may write to it is decided by its own `users` table, never by
 * Development's, which anyone with access to Dev can fill.
 */
@Injectable()
export class ProductionUsersRepository {
  private readonly logger = new Logger(ProductionUsersRepository.name);

  constructor(@Inject(PROD_DATABASE) private readonly prod: CrmDatabase) {}

  /** The rows whose e-mail matches, ignoring case (several, if Production holds case variants). */
  async findByEmail(email: string): Promise<ProductionUserRecord[]> {
    try {
      return await this.prod.prisma.user.findMany({
        where: { email: { equals: email, mode: 'insensitive' } },
        select: { id: true, email: true, role: true, passwordHash: true },
        orderBy: { id: 'asc' },
      });
    } catch (error) {
      const unreachable = isConnectionFailure(error);
      this.logger.warn(
        `reading users from the Production database failed${unreachable ? ' (unreachable)' : ''}: ${shortMessage(error)}`,
      );
      throw new ServiceUnavailableException(
        unreachable
          ? 'the production database is unavailable: who may write to it cannot be checked'
          : 'the production database cannot be read to check who may write to it',
      );
    }
  }
}
