import { Client } from 'pg';
import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawayDatabase, ThrowawayDatabase } from './testing/throwaway-database';
import {
  applyMigrations,
  auditMigrationsDir,
  crmMigrationsDir,
  MigrationChecksumError,
  MigrationPrivilegeError,
  readMigrations,
} from './index';

describe('applyMigrations', () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await throwawayDatabase('migrations');
  });
  afterAll(() => db.drop());

  it('applies every migration once, records it as Prisma does, and is idempotent', async () => {
    const first = await applyMigrations(db.url, crmMigrationsDir());
    expect(first.applied).toEqual(readMigrations(crmMigrationsDir()).map((m) => m.name));
    const second = await applyMigrations(db.url, crmMigrationsDir());
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"',
    );
    await client.end();
    expect(rows).toHaveLength(first.applied.length);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
    expect(rows[0].applied_steps_count).toBe(1);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const edited = mkdtempSync(join(tmpdir(), 'vx-migrations-'));
    cpSync(crmMigrationsDir(), edited, { recursive: true });
    const [first] = readMigrations(edited);
    appendFileSync(join(edited, first.name, 'migration.sql'), '\n-- edited\n');
    await expect(applyMigrations(db.url, edited)).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});

describe('applyMigrations when several processes start at once', () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await throwawayDatabase('migrations_race');
  });
  afterAll(() => db.drop());

  it('queues them on the advisory lock: every migration is applied exactly once', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => applyMigrations(db.url, auditMigrationsDir())));
    const names = readMigrations(auditMigrationsDir()).map((m) => m.name);
    // One run applied everything; the others found it done.
    expect(outcomes.map((o) => o.applied.length).sort()).toEqual([0, 0, names.length]);
    for (const outcome of outcomes) {
      expect([...outcome.applied, ...outcome.alreadyApplied].sort()).toEqual(names);
    }
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client
      .query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name')
      .finally(() => client.end());
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });
});

describe('applyMigrations as a role that may not create tables', () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await throwawayDatabase('migrations_role');
  });
  afterAll(() => db.drop());

  const tables = async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client
      .query<{
        table_name: string;
      }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)
      .finally(() => client.end());
    return rows.map((r) => r.table_name);
  };

  it('refuses with MigrationPrivilegeError naming the role and what is pending, and creates nothing', async () => {
    const restricted = await db.restrictedUrl();
    const error = await applyMigrations(restricted, auditMigrationsDir()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationPrivilegeError);
    const refusal = error as MigrationPrivilegeError;
    expect(refusal.role).toBe(new URL(restricted).username);
    expect(refusal.pending).toEqual(readMigrations(auditMigrationsDir()).map((m) => m.name));
    expect(refusal.detail).toMatch(/permission denied/);
    expect(await tables()).toEqual([]);
  });

  it('starts on a store its owner migrated: nothing pending means no DDL at all', async () => {
    await applyMigrations(db.url, auditMigrationsDir());
    const restricted = await db.restrictedUrl();
    const outcome = await applyMigrations(restricted, auditMigrationsDir());
    expect(outcome.applied).toEqual([]);
    expect(outcome.alreadyApplied).toEqual(readMigrations(auditMigrationsDir()).map((m) => m.name));
  });
});
