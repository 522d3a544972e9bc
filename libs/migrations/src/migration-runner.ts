import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** One folder of Prisma's layout: `<migrations>/<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** SHA-256 of the file, hex — what Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

export interface MigrationOutcome {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationChecksumError extends Error {
  constructor(readonly migrationName: string) {
    super(
      `migration ${migrationName} was changed after it was applied (checksum differs); ` +
        'write a new migration instead of editing an applied one',
    );
  }
}

/**
 * The connected role may not change the schema (SQLSTATE 42501): typically an
 * application role that may read and write the tables but not create them.
 * Nothing was applied; the owner has to run the migrations.
 */
export class MigrationPrivilegeError extends Error {
  constructor(
    readonly role: string,
    readonly pending: string[],
    readonly detail: string,
  ) {
    super(`the role "${role}" may not apply the pending migrations (${pending.join(', ')}): ${detail}`);
  }
}

// Prisma Migrate takes this advisory lock too, so our runner and a team's real
// `prisma migrate deploy` can never run against the same database at once.
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new Error(`migrations folder not found: ${migrationsDir}`);
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return {
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** SQLSTATE insufficient_privilege: the role may not create or change what a migration touches. */
const INSUFFICIENT_PRIVILEGE = '42501';

function isInsufficientPrivilege(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === INSUFFICIENT_PRIVILEGE;
}

/** The migrations already recorded, by name → checksum; empty when the table does not exist yet. */
async function appliedMigrations(client: Client): Promise<Map<string, string>> {
  // Checked first, not `CREATE TABLE IF NOT EXISTS`: PostgreSQL checks the
  // CREATE privilege even when the table exists, and a role that may only use
  // an already migrated store must still be able to start.
  const { rows: found } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  );
  if (!found[0]?.exists) {
    return new Map();
  }
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
}

/** One migration in its own transaction, recorded as Prisma Migrate records it. */
async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(CREATE_MIGRATIONS_TABLE);
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
      id,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Applies the migrations of `migrationsDir` that the database has not seen yet,
 * recording each in `_prisma_migrations` the way Prisma Migrate does, so a team
 * with Prisma's engines can take over with `prisma migrate deploy`.
 * Idempotent, and safe when several processes start at once: they queue on
 * Prisma Migrate's advisory lock, and the later ones find nothing left to do.
 * When nothing is pending it changes nothing (no DDL), so a role without the
 * CREATE privilege can start on a store its owner migrated. Refuses (before
 * applying anything) when an applied migration's file was edited afterwards;
 * throws MigrationPrivilegeError when the role may not apply what is pending.
 * Each migration runs in its own transaction.
 */
export async function applyMigrations(connectionString: string, migrationsDir: string): Promise<MigrationOutcome> {
  const migrations = readMigrations(migrationsDir);
  const client = new Client({ connectionString });
  // A connection the server ends on its own must not become an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    const applied = await appliedMigrations(client);
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined && checksum !== migration.checksum) {
        throw new MigrationChecksumError(migration.name);
      }
    }
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    const outcome: MigrationOutcome = {
      applied: [],
      alreadyApplied: migrations.filter((migration) => applied.has(migration.name)).map((m) => m.name),
    };
    for (const migration of pending) {
      try {
        await applyOne(client, migration);
      } catch (error) {
        if (isInsufficientPrivilege(error)) {
          const { rows } = await client.query<{ role: string }>('SELECT current_user AS role');
          throw new MigrationPrivilegeError(
            rows[0]?.role ?? 'unknown',
            pending.slice(outcome.applied.length).map((m) => m.name),
            (error as Error).message,
          );
        }
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      outcome.applied.push(migration.name);
    }
    return outcome;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
