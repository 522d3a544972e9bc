import { AuditDatabase } from '../database/audit-database';
import { whileAvailable } from '../database/audit-unavailable-error';

/**
 * Access tokens revoked before they expire (logging out), in Vantix Sync's own
 * store beside the audit log — never in a CRM database, which the tool does
 * not trust. Rows are only inserted and read: the runtime role needs SELECT
 * and INSERT, as on the audit log. A row outliving its token is harmless.
 */
export class RevokedTokens {
  constructor(private readonly db: AuditDatabase) {}

  /** Idempotent: revoking a token twice is not an error. */
  async revoke(jti: string, expiresAt: Date): Promise<void> {
    await whileAvailable(() =>
      this.db.prisma.revokedToken.createMany({ data: [{ jti, expiresAt }], skipDuplicates: true }),
    );
  }

  /** AuditUnavailableError when the store cannot answer: the caller refuses rather than guessing. */
  async isRevoked(jti: string): Promise<boolean> {
    const row = await whileAvailable(() =>
      this.db.prisma.revokedToken.findUnique({ where: { jti }, select: { jti: true } }),
    );
    return row !== null;
  }
}
