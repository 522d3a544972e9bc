import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { isConnectionFailure, shortMessage } from '@vantix/db-errors';
import { CrmDatabase, DEV_DATABASE } from '@vantix/sync-core';
import { bcryptCost } from './password';

/** A Dev `users` row as authentication needs it; the hash never leaves the auth folder. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
}

/** The only place auth reads the Development database: the CRM's own users are Vantix Sync's users. */
@Injectable()
export class UsersRepository {
  private readonly logger = new Logger(UsersRepository.name);

  constructor(@Inject(DEV_DATABASE) private readonly dev: CrmDatabase) {}

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.read(() => this.dev.prisma.user.findUnique({ where: { email }, select: SELECT }));
  }

  /**
   * The highest bcrypt cost among the newest stored hashes, or null without
   * users: a dummy comparison this costly is never the faster answer.
   */
  async typicalHashCost(): Promise<number | null> {
    const users = await this.dev.prisma.user
      .findMany({
        select: { passwordHash: true },
        orderBy: { createdAt: 'desc' },
        take: 50,
      })
      .catch((error: unknown) => this.unavailable(error));
    const costs = users.map((user) => bcryptCost(user.passwordHash)).filter((cost): cost is number => cost !== null);
    return costs.length > 0 ? Math.max(...costs) : null;
  }

  /** Null for an id that is not a uuid: such a user cannot exist and must not reach a uuid cast. */
  findById(id: string): Promise<UserRecord | null> {
    if (!UUID.test(id)) {
      return Promise.resolve(null);
    }
    return this.read(() => this.dev.prisma.user.findUnique({ where: { id }, select: SELECT }));
  }

  private async read(query: () => Promise<UserRecord | null>): Promise<UserRecord | null> {
    try {
      return await query();
    } catch (error) {
      return this.unavailable(error);
    }
  }

  private unavailable(error: unknown): never {
    // Without the users table nobody can be authenticated: say so with 503, not a 500,
    // whether the database is not there (the one classifier, @vantix/db-errors) or
    // refused the read (e.g. no users table). Only the error's name and last message
    // line are logged: driver messages never carry the URL.
    const unreachable = isConnectionFailure(error);
    const name = error instanceof Error ? error.name : 'Error';
    this.logger.warn(
      `reading users from the Development database failed${unreachable ? ' (unreachable)' : ''}: ${name}: ${shortMessage(error)}`,
    );
    throw new ServiceUnavailableException(
      `the Development database cannot be ${unreachable ? 'reached' : 'read'} to check the credentials`,
    );
  }
}

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
} as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
