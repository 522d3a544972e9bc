import { Client } from 'pg';
import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawayDatabase } from './testing/throwaway-database';
import { applyMigrations, crmMigrationsDir, MigrationChecksumError, readMigrations } from './index';

describe('applyMigrations', () => {
  let db: { url: string; drop(): Promise<void> };
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
