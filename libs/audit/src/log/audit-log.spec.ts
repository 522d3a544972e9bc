import { AuditEventDto } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { Client } from 'pg';
import { eventHash, GENESIS_HASH } from '../chain/event-hash';
import { AuditDatabase } from '../database/audit-database';
import { AuditUnavailableError } from '../database/audit-unavailable-error';
import { InvalidQueryError } from '../database/paging';
import { AuditEventInput, AuditLog, InvalidAuditEventError } from './audit-log';
import { REDACTED } from './scrub-secrets';

const admin = { id: 'u-admin', email: 'Admin@Example.com' };
const other = { id: 'u-other', email: 'ops_lead@example.com' };

function event(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    type: 'comparison.requested',
    actor: admin,
    requestId: 'req-1',
    clientIp: '127.0.0.1',
    payload: {},
    ...overrides,
  };
}

async function asSuperuser<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe(AuditLog.name, () => {
  let testDb: TestDatabase;
  let db: AuditDatabase;
  let sut: AuditLog;

  beforeAll(async () => {
    testDb = await createTestDatabase('audit_log', 'audit');
    db = new AuditDatabase(testDb.url, { maxConnections: 8 });
    // A small page makes verify() cross page boundaries in these tests.
    sut = new AuditLog(db, { verifyPageSize: 7 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('answers a ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  describe('append, get and list', () => {
    let appended: AuditEventDto[];

    beforeAll(async () => {
      appended = [];
      const inputs: AuditEventInput[] = [
        event({ type: 'auth.login_succeeded' }),
        event({
          type: 'comparison.requested',
          payload: { tables: ['customers'] },
        }),
        event({
          type: 'comparison.completed',
          actor: other,
          payload: { comparisonId: 'c1', durationMs: 12 },
        }),
        event({
          type: 'sync.requested',
          payload: { selections: [{ table: 'customers', ids: ['a', 'b'] }] },
        }),
        event({
          type: 'access.denied',
          actor: { id: null, email: null },
          requestId: null,
          clientIp: null,
        }),
      ];
      for (const input of inputs) {
        appended.push(await sut.append(input));
      }
    });

    it('returns the stored event, linked to the one before it', async () => {
      const [first, second] = appended;
      expect(first).toMatchObject({
        seq: expect.any(Number),
        type: 'auth.login_succeeded',
        actor: admin,
        requestId: 'req-1',
        clientIp: '127.0.0.1',
        payload: {},
      });
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.prevHash).toBe(GENESIS_HASH);
      expect(second.prevHash).toBe(first.hash);
      expect(new Date(first.occurredAt).toISOString()).toBe(first.occurredAt);
      expect(second.occurredAt >= first.occurredAt).toBe(true);
    });

    it('gets an event by id, and null for an unknown or malformed id', async () => {
      expect(await sut.get(appended[3].id)).toEqual(appended[3]);
      expect(await sut.get('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await sut.get("1' OR '1'='1")).toBeNull();
    });

    it('lists newest first', async () => {
      const page = await sut.list();
      expect(page.items.map((item) => item.id)).toEqual([...appended].reverse().map((item) => item.id));
      expect(page.nextCursor).toBeNull();
    });

    it('pages with an opaque cursor until the last page', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await sut.list({ limit: 2, cursor });
        pages += 1;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual([...appended].reverse().map((item) => item.id));
    });

    it('filters by type', async () => {
      const page = await sut.list({ type: 'comparison.completed' });
      expect(page.items.map((item) => item.id)).toEqual([appended[2].id]);
    });

    it('filters by a case-insensitive part of the actor e-mail, treating % and _ literally', async () => {
      expect((await sut.list({ actor: 'admin@EXAMPLE' })).items).toHaveLength(3);
      expect((await sut.list({ actor: 'ops_lead' })).items.map((item) => item.id)).toEqual([appended[2].id]);
      expect((await sut.list({ actor: 'ops%' })).items).toHaveLength(0);
      expect((await sut.list({ actor: 'admin_example' })).items).toHaveLength(0);
    });

    it('filters by time, from inclusive and to exclusive', async () => {
      const at = appended[2].occurredAt;
      const from = await sut.list({ from: at });
      expect(from.items.every((item) => item.occurredAt >= at)).toBe(true);
      expect(from.items.map((item) => item.id)).toContain(appended[2].id);
      const to = await sut.list({ to: at });
      expect(to.items.every((item) => item.occurredAt < at)).toBe(true);
      expect(to.items.map((item) => item.id)).not.toContain(appended[2].id);
      expect((await sut.list({ from: '2000-01-01', to: '2000-01-02' })).items).toHaveLength(0);
    });

    it('combines filters', async () => {
      const page = await sut.list({
        type: 'comparison.requested',
        actor: 'admin',
        from: appended[0].occurredAt,
      });
      expect(page.items.map((item) => item.id)).toEqual([appended[1].id]);
    });

    it('refuses invalid queries', async () => {
      await expect(sut.list({ from: 'yesterday' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(sut.list({ cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(sut.list({ limit: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(sut.list({ type: 'nope' as never })).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('refuses an event of an unknown type or a non-object payload, writing nothing', async () => {
      const before = (await sut.list({ limit: 200 })).items.length;
      await expect(sut.append(event({ type: 'sync.deleted' as never }))).rejects.toBeInstanceOf(InvalidAuditEventError);
      await expect(sut.append(event({ payload: [1, 2] as never }))).rejects.toBeInstanceOf(InvalidAuditEventError);
      expect((await sut.list({ limit: 200 })).items).toHaveLength(before);
    });
  });

  it('stores payloads scrubbed of secrets, and the hash covers the scrubbed payload', async () => {
    const stored = await sut.append(
      event({
        type: 'auth.login_failed',
        payload: {
          email: 'x@example.com',
          password: 'hunter2',
          token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
          error: 'connect to postgres://vantix:pw123@db:5432/crm failed',
          user: {
            passwordHash: '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
          },
        },
      }),
    );
    const expected = {
      email: 'x@example.com',
      password: REDACTED,
      token: REDACTED,
      error: `connect to postgres://vantix:${REDACTED}@db:5432/crm failed`,
      user: { passwordHash: REDACTED },
    };
    expect(stored.payload).toEqual(expected);
    const raw = await asSuperuser(testDb.url, (client) =>
      client.query<{ payload: unknown }>('SELECT payload::text AS payload FROM audit_events WHERE id = $1', [
        stored.id,
      ]),
    );
    const text = String(raw.rows[0]?.payload);
    for (const secret of ['hunter2', 'pw123', 'eyJhbGciOiJIUzI1NiJ9', '$2b$10$']) {
      expect(text).not.toContain(secret);
    }
    expect(await sut.verify()).toEqual({
      ok: true,
      checked: expect.any(Number),
    });
  });

  it('stores awkward payloads so that they verify after a round trip through jsonb', async () => {
    await sut.append(
      event({
        payload: {
          unicode: 'Zoë 😀 \u0000 \uD800',
          numbers: [0.1, 1e21, 1e-7, -0, 2 ** 53 + 2, Number.NaN],
          when: new Date('2026-11-25T09:00:00.123Z'),
          skipped: undefined,
          deep: { b: [{ z: 1, a: null }], a: true },
        },
      }),
    );
    expect((await sut.verify()).ok).toBe(true);
  });

  it('keeps the chain linear under 30 concurrent appends', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => sut.append(event({ type: 'sync.committed', payload: { index } }))),
    );
    expect(new Set(results.map((result) => result.prevHash)).size).toBe(30);
    const rows = await asSuperuser(testDb.url, (client) =>
      client.query<{ prev_hash: string; hash: string }>('SELECT prev_hash, hash FROM audit_events ORDER BY seq'),
    );
    let expectedPrev = GENESIS_HASH;
    for (const row of rows.rows) {
      expect(row.prev_hash).toBe(expectedPrev);
      expectedPrev = row.hash;
    }
    expect(await sut.verify()).toEqual({ ok: true, checked: rows.rows.length });
  });

  describe('the append-only table', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET payload = '{"edited": true}'`],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('rejects %s, even for a superuser', async (operation, sql) => {
      await asSuperuser(testDb.url, async (client) => {
        await expect(client.query(sql)).rejects.toThrow(`audit_events is append-only: ${operation} is not allowed`);
      });
      expect((await sut.verify()).ok).toBe(true);
    });
  });
});

describe(`${AuditLog.name} when tampered with`, () => {
  let testDb: TestDatabase;
  let db: AuditDatabase;
  let sut: AuditLog;

  beforeEach(async () => {
    testDb = await createTestDatabase('audit_tamper', 'audit');
    db = new AuditDatabase(testDb.url);
    sut = new AuditLog(db, { verifyPageSize: 4 });
  });
  afterEach(async () => {
    await db.close();
    await testDb.drop();
  });

  async function appendTen(): Promise<AuditEventDto[]> {
    const events: AuditEventDto[] = [];
    for (let index = 0; index < 10; index += 1) {
      events.push(
        await sut.append(
          event({
            type: 'sync.committed',
            payload: { index, inserted: index * 2 },
          }),
        ),
      );
    }
    return events;
  }

  async function withTriggersDisabled(sql: string, params: unknown[]): Promise<void> {
    await asSuperuser(testDb.url, async (client) => {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await client.query(sql, params);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
  }

  it('verifies an empty log', async () => {
    expect(await sut.verify()).toEqual({ ok: true, checked: 0 });
  });

  it('finds an edited payload', async () => {
    const events = await appendTen();
    expect(await sut.verify()).toEqual({ ok: true, checked: 10 });
    await withTriggersDisabled(`UPDATE audit_events SET payload = '{"index": 6, "inserted": 0}' WHERE id = $1`, [
      events[6].id,
    ]);
    expect(await sut.verify()).toEqual({
      ok: false,
      checked: 7,
      firstBrokenId: events[6].id,
      problem: 'hash_mismatch',
    });
  });

  it('finds an edited event whose hash was recomputed without its successor', async () => {
    const events = await appendTen();
    // The forger rewrites event 2 and its hash, but event 3 still points at the old hash.
    await withTriggersDisabled(`UPDATE audit_events SET actor_email = 'someone@else.com' WHERE id = $1`, [
      events[2].id,
    ]);
    const forged = await sut.get(events[2].id);
    if (forged === null) {
      throw new Error('event vanished');
    }
    const newHash = eventHash(forged.prevHash, {
      id: forged.id,
      occurredAt: forged.occurredAt,
      type: forged.type,
      actorId: forged.actor.id,
      actorEmail: forged.actor.email,
      requestId: forged.requestId,
      clientIp: forged.clientIp,
      payload: forged.payload as never,
    });
    await withTriggersDisabled('UPDATE audit_events SET hash = $2 WHERE id = $1', [events[2].id, newHash]);
    expect(await sut.verify()).toEqual({
      ok: false,
      checked: 4,
      firstBrokenId: events[3].id,
      problem: 'prev_hash_mismatch',
    });
  });

  it('finds a removed event', async () => {
    const events = await appendTen();
    await withTriggersDisabled('DELETE FROM audit_events WHERE id = $1', [events[4].id]);
    expect(await sut.verify()).toMatchObject({
      ok: false,
      firstBrokenId: events[5].id,
      problem: 'prev_hash_mismatch',
    });
  });
});

describe(`${AuditLog.name} when the audit store is unreachable`, () => {
  it('throws AuditUnavailableError from every method, without the password in the message', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const db = new AuditDatabase('postgres://vantix:s3cret-pw@127.0.0.1:1/audit', { connectionTimeoutMs: 2_000 });
    const sut = new AuditLog(db);
    try {
      const append = sut.append(event({ type: 'sync.requested' }));
      await expect(append).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(append).rejects.toThrow(/could not record sync\.requested/);
      await expect(append).rejects.not.toThrow(/s3cret-pw/);
      await expect(sut.list()).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(sut.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(sut.verify()).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(db.ping()).rejects.toBeInstanceOf(AuditUnavailableError);
    } finally {
      await db.close();
    }
  });
});
