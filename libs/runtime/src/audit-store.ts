import { missingStorePrivileges } from '@vantix/audit';
import { isConnectionFailure } from '@vantix/db-errors';
import { describeTarget, redactConnectionString } from '@vantix/config';
import {
  applyMigrations,
  auditMigrationsDir,
  MigrationChecksumError,
  MigrationOutcome,
  MigrationPrivilegeError,
} from '@vantix/migrations';
import { Client } from 'pg';
import { StartRefusal } from './start-refusal';

/** The one command that migrates the store by hand, with the URL shown without its password. */
export function migrateCommand(url: string): string {
  return `npm run migrate -- audit "${redactConnectionString(url)}"`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((l) => l.trim() !== '');
  return line?.trim() || ((error as { code?: unknown } | null)?.code as string | undefined) || 'unknown error';
}

/**
 * Brings Vantix Sync's own store (AUDIT_DATABASE_URL: audit log, stored
 * comparisons) up to date, at every start of the API and the CLI. Idempotent;
 * processes starting together queue on the runner's advisory lock. A store
 * that cannot be migrated refuses the start — a server that answered every
 * login with 503 would only hide it:
 * - the role may not create tables → the command its owner has to run;
 * - the store cannot be reached → which store, and the driver's reason.
 */
export async function migrateAuditStore(url: string): Promise<MigrationOutcome> {
  const target = describeTarget(url);
  try {
    return await applyMigrations(url, auditMigrationsDir());
  } catch (error) {
    if (error instanceof MigrationPrivilegeError) {
      throw new StartRefusal(
        `the audit store ${target} has ${error.pending.length} migration(s) to apply and the role "${error.role}" ` +
          `may not (${firstLine(error.detail)}): run ${migrateCommand(url)} as the database owner ` +
          `(the owner's user and password in the URL), then start again`,
        { cause: error },
      );
    }
    if (error instanceof MigrationChecksumError) {
      throw new StartRefusal(`the audit store ${target}: ${error.message}`, { cause: error });
    }
    if (isConnectionFailure(error)) {
      // Driver messages name host and port at most, never the password.
      throw new StartRefusal(`the audit store ${target} is unavailable: ${firstLine(error)}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Refuses the start when the role the store is used as lacks a privilege
 * Vantix Sync needs on it (README, "Security"): otherwise the first sync
 * would fail with a permission error after Production's transaction began,
 * and an admin would see only "unexpected error". Names every missing grant.
 */
export async function checkAuditStorePrivileges(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  let missing: string[];
  let role: string;
  try {
    await client.connect();
    missing = await missingStorePrivileges(client);
    role = (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0].role;
  } catch (error) {
    if (isConnectionFailure(error)) {
      throw new StartRefusal(`the audit store ${describeTarget(url)} is unavailable: ${firstLine(error)}`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (missing.length > 0) {
    throw new StartRefusal(
      `the audit store ${describeTarget(url)}: the role "${role}" lacks ${missing.join(', ')}; ` +
        `grant them as the database owner (README, Security: "Audit store roles"), then start again`,
    );
  }
}
