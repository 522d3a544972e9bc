import { applyMigrations, auditMigrationsDir } from '@vantix/migrations';
import { Client } from 'pg';
import { AuditLog } from '../log/audit-log';
import { PgliteProcess, startPgliteProcess } from '@vantix/testing';
import { AuditDatabase } from './audit-database';

// The demo runs the audit store on PGlite (PostgreSQL 18 in wasm, one
// transaction at a time): the same SQL must work there as on PostgreSQL 15.
describe('the audit store on PGlite', () => {
  let pglite: PgliteProcess;
  let db: AuditDatabase;

  beforeAll(async () => {
    pglite = await startPgliteProcess();
    await applyMigrations(pglite.url, auditMigrationsDir());
    db = new AuditDatabase(pglite.url);
  });
  afterAll(async () => {
    await db.close();
    await pglite.stop();
  });

  it('appends concurrently into a valid chain and rejects an UPDATE', async () => {
    const log = new AuditLog(db, { keys: { current: { id: 'k1', secret: 'p'.repeat(32) } } });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        log.append({
          type: 'sync.committed',
          actor: { id: 'u', email: 'a@example.com' },
          payload: { index },
        }),
      ),
    );
    expect(await log.verify()).toMatchObject({ ok: true, checked: 20 });
    expect((await log.list({ actor: 'A@EXAMPLE', limit: 5 })).items).toHaveLength(5);
    // The evidence bundle's lookups: a sync's events by payload.syncId, and the head.
    const syncId = '7b0c4a52-0d7e-4c59-9d0e-6f1de7a0c001';
    const event = await log.append({ type: 'sync.requested', actor: { id: 'u', email: null }, payload: { syncId } });
    expect((await log.eventsOfSync(syncId)).map((e) => e.id)).toEqual([event.id]);
    expect(await log.head()).toEqual({ seq: event.seq, id: event.id, hash: event.hash });
    const client = new Client({ connectionString: pglite.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_events SET type = 'x'`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
