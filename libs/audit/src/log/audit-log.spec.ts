import { AuditEventDto } from '@vantix/contracts';
import { asAuditStoreOwner, createTestDatabase, onDatabase, TestDatabase } from '@vantix/testing';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAnchor } from '../anchor/file-anchor';
import { canonicalJson } from '../chain/canonical-json';
import { ChainKeys, eventHash, GENESIS_HASH } from '../chain/event-hash';
import { AuditDatabase } from '../database/audit-database';
import { AuditUnavailableError } from '../database/audit-unavailable-error';
import { InvalidQueryError } from '../database/paging';
import { AuditEventInput, AuditLog, InvalidAuditEventError } from './audit-log';
import { REDACTED } from './scrub-secrets';

const keys: ChainKeys = { current: { id: 'k-test', secret: 'audit-test-key-'.padEnd(40, 'x') } };
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

describe(AuditLog.name, () => {
  let testDb: TestDatabase;
  let db: AuditDatabase;
  let sut: AuditLog;

  beforeAll(async () => {
    testDb = await createTestDatabase('audit_log', 'audit');
    db = new AuditDatabase(testDb.url, { maxConnections: 8 });
    // A small page makes verify() cross page boundaries in these tests.
    sut = new AuditLog(db, { keys, verifyPageSize: 7 });
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
    const raw = await onDatabase(testDb.url, (client) =>
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
      headSeq: expect.any(Number),
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
    const rows = await onDatabase(testDb.url, (client) =>
      client.query<{ prev_hash: string; hash: string }>('SELECT prev_hash, hash FROM audit_events ORDER BY seq'),
    );
    let expectedPrev = GENESIS_HASH;
    for (const row of rows.rows) {
      expect(row.prev_hash).toBe(expectedPrev);
      expectedPrev = row.hash;
    }
    expect(await sut.verify()).toMatchObject({ ok: true, checked: rows.rows.length });
  });

  describe('the append-only table', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET payload = '{"edited": true}'`],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('rejects %s, even for a superuser', async (operation, sql) => {
      await onDatabase(testDb.url, async (client) => {
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
  let anchorFile: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('audit_tamper', 'audit');
    db = new AuditDatabase(testDb.url);
    anchorFile = join(mkdtempSync(join(tmpdir(), 'vantix-anchor-spec-')), 'anchors', 'audit-anchor.log');
    sut = new AuditLog(db, { keys, verifyPageSize: 4, anchor: new FileAnchor(anchorFile, 'store-under-test') });
  });
  afterEach(async () => {
    await db.close();
    await testDb.drop();
  });

  async function appendTen(log = sut): Promise<AuditEventDto[]> {
    const events: AuditEventDto[] = [];
    for (let index = 0; index < 10; index += 1) {
      events.push(
        await log.append(
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
    await asAuditStoreOwner(testDb.url, (client) => client.query(sql, params));
  }

  /** The forger's tool: every hash recomputed from the stored content, with the given function. */
  async function rehashAll(hash: (prevHash: string, content: string) => string): Promise<void> {
    await onDatabase(testDb.url, async (client) => {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      const { rows } = await client.query('SELECT * FROM audit_events ORDER BY seq');
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const content = canonicalJson({
          id: row.id,
          occurredAt: (row.occurred_at as Date).toISOString(),
          type: row.type,
          actorId: row.actor_id,
          actorEmail: row.actor_email,
          requestId: row.request_id,
          clientIp: row.client_ip,
          payload: row.payload,
          keyId: row.key_id,
          clientRequestId: row.client_request_id,
        });
        const next = hash(prev, content);
        await client.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [row.seq, prev, next]);
        prev = next;
      }
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
  }

  it('verifies an empty log', async () => {
    expect(await sut.verify()).toEqual({ ok: true, checked: 0, headSeq: 0 });
  });

  it('hashes with HMAC-SHA-256 under the configured key and records the key id', async () => {
    const [first] = await appendTen();
    expect(first.keyId).toBe('k-test');
    const other = new AuditLog(db, { keys: { current: { id: 'k-test', secret: 'another-key-'.padEnd(40, 'y') } } });
    // The same chain checked with another secret under the same id: nothing verifies.
    expect(await other.verify()).toMatchObject({ ok: false, reason: 'hash_mismatch', firstBrokenId: first.id });
  });

  it('finds an edited payload', async () => {
    const events = await appendTen();
    expect(await sut.verify()).toEqual({ ok: true, checked: 10, headSeq: events[9].seq });
    await withTriggersDisabled(`UPDATE audit_events SET payload = '{"index": 6, "inserted": 0}' WHERE id = $1`, [
      events[6].id,
    ]);
    expect(await sut.verify()).toEqual({
      ok: false,
      reason: 'hash_mismatch',
      checked: 7,
      firstBrokenId: events[6].id,
      problem: 'hash_mismatch',
    });
  });

  it('finds an edit whose whole chain was re-hashed without the key (plain SHA-256, or a guessed key)', async () => {
    const events = await appendTen();
    await withTriggersDisabled(`UPDATE audit_events SET actor_email = 'someone@else.com' WHERE id = $1`, [
      events[3].id,
    ]);
    await rehashAll((prev, content) =>
      createHash('sha256')
        .update(prev + content)
        .digest('hex'),
    );
    expect(await sut.verify()).toMatchObject({ ok: false, reason: 'hash_mismatch', firstBrokenId: events[0].id });
    await rehashAll((prev, content) =>
      createHmac('sha256', 'guessed')
        .update(prev + content)
        .digest('hex'),
    );
    expect(await sut.verify()).toMatchObject({ ok: false, reason: 'hash_mismatch', firstBrokenId: events[0].id });
  });

  it('refuses a rewrite that turns keyed events into unkeyed ones', async () => {
    const events = await appendTen();
    await withTriggersDisabled('UPDATE audit_events SET key_id = NULL WHERE seq >= $1', [events[5].seq]);
    expect(await sut.verify()).toMatchObject({
      ok: false,
      firstBrokenId: events[5].id,
      problem: 'unkeyed_after_keyed',
    });
  });

  it('finds an edited event whose hash was recomputed without its successor', async () => {
    const events = await appendTen();
    // The forger holds the key here, rewrites event 2 and its hash, but event 3 still points at the old hash.
    await withTriggersDisabled(`UPDATE audit_events SET actor_email = 'someone@else.com' WHERE id = $1`, [
      events[2].id,
    ]);
    const forged = await sut.get(events[2].id);
    if (forged === null) {
      throw new Error('event vanished');
    }
    const newHash = eventHash(
      forged.prevHash,
      {
        id: forged.id,
        occurredAt: forged.occurredAt,
        type: forged.type,
        actorId: forged.actor.id,
        actorEmail: forged.actor.email,
        requestId: forged.requestId,
        clientIp: forged.clientIp,
        payload: forged.payload as never,
        keyId: forged.keyId,
        clientRequestId: forged.clientRequestId,
      },
      keys,
    );
    await withTriggersDisabled('UPDATE audit_events SET hash = $2 WHERE id = $1', [events[2].id, newHash]);
    expect(await sut.verify()).toEqual({
      ok: false,
      reason: 'hash_mismatch',
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
      reason: 'hash_mismatch',
      firstBrokenId: events[5].id,
      problem: 'prev_hash_mismatch',
    });
  });

  it('reports truncation when the newest events are removed, also after new events were appended', async () => {
    const events = await appendTen();
    await withTriggersDisabled('DELETE FROM audit_events WHERE seq > $1', [events[6].seq]);
    expect(await sut.verify()).toEqual({
      ok: false,
      reason: 'truncated',
      checked: 7,
      headSeq: events[6].seq,
      anchoredSeq: events[9].seq,
    });
    // New events chained onto the shortened log still cannot hide the gap.
    await sut.append(event({ type: 'sync.requested' }));
    expect(await sut.verify()).toMatchObject({ ok: false, reason: 'truncated', anchoredSeq: events[9].seq });
  });

  it('finds an anchored event replaced by another one with the same seq', async () => {
    const events = await appendTen();
    await withTriggersDisabled('DELETE FROM audit_events WHERE seq > $1', [events[6].seq]);
    // The owner resets the sequence, so the next events take the removed numbers.
    await onDatabase(testDb.url, (client) =>
      client.query(`SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), $1)`, [events[6].seq]),
    );
    const replacement = await sut.append(event({ type: 'sync.requested' }));
    expect(replacement.seq).toBe(events[7].seq);
    expect(await sut.verify()).toMatchObject({
      ok: false,
      reason: 'hash_mismatch',
      firstBrokenId: replacement.id,
      problem: 'anchor_mismatch',
    });
  });

  it('keeps the anchor file append-only, 0600 in a 0700 folder, one line per append naming the store', async () => {
    const events = await appendTen();
    const lines = readFileSync(anchorFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(10);
    expect(lines[9]).toMatchObject({
      store: 'store-under-test',
      seq: events[9].seq,
      hash: events[9].hash,
      keyId: 'k-test',
    });
    expect(statSync(anchorFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(anchorFile, '..')).mode & 0o777).toBe(0o700);
    // Another store's lines in the same file are not this store's head.
    const elsewhere: unknown[] = [];
    for await (const head of new FileAnchor(anchorFile, 'another-store').heads()) {
      elsewhere.push(head);
    }
    expect(elsewhere).toEqual([]);
  });

  it('verifies events of a retired key after a rotation, and names an unknown key', async () => {
    const before = await appendTen();
    const rotated: ChainKeys = {
      current: { id: 'k-next', secret: 'the-next-audit-key-'.padEnd(40, 'z') },
      previous: [keys.current],
    };
    const afterRotation = new AuditLog(db, { keys: rotated, anchor: new FileAnchor(anchorFile, 'store-under-test') });
    const after = await appendTen(afterRotation);
    expect(after[0].keyId).toBe('k-next');
    expect(await afterRotation.verify()).toEqual({ ok: true, checked: 20, headSeq: after[9].seq });
    // Without the retired key the old events cannot be checked.
    const forgetful = new AuditLog(db, { keys: { current: rotated.current } });
    expect(await forgetful.verify()).toMatchObject({ ok: false, firstBrokenId: before[0].id, problem: 'unknown_key' });
  });

  it('accepts unkeyed events written before keyed hashing only as the oldest part of the chain', async () => {
    const legacy = await appendTen();
    await withTriggersDisabled('UPDATE audit_events SET key_id = NULL', []);
    // What the earlier releases computed: SHA-256 over the eight original fields.
    await onDatabase(testDb.url, async (client) => {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      let prev = GENESIS_HASH;
      for (const stored of legacy) {
        const content = canonicalJson({
          id: stored.id,
          occurredAt: stored.occurredAt,
          type: stored.type,
          actorId: stored.actor.id,
          actorEmail: stored.actor.email,
          requestId: stored.requestId,
          clientIp: stored.clientIp,
          payload: stored.payload as never,
        });
        const next = createHash('sha256')
          .update(prev + content)
          .digest('hex');
        await client.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE id = $1', [stored.id, prev, next]);
        prev = next;
      }
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
    const upgraded = new AuditLog(db, { keys });
    const keyed = await upgraded.append(event({ type: 'sync.requested' }));
    expect(await upgraded.verify()).toEqual({ ok: true, checked: 11, headSeq: keyed.seq });
  });

  it('refuses a NUL or another control character in the actor filter', async () => {
    await expect(sut.list({ actor: 'a\u0000b' })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(sut.list({ actor: 'line\nbreak' })).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('refuses to append with another key under the same key id: nothing written, the chain still verifies', async () => {
    await sut.append(event());
    const before = await sut.head();
    const impostor = new AuditLog(db, {
      keys: { current: { id: keys.current.id, secret: 'another-key-'.padEnd(40, 'y') } },
    });
    const refused = impostor.append(event());
    await expect(refused).rejects.toBeInstanceOf(AuditUnavailableError);
    await expect(refused).rejects.toThrow(/does not verify with the configured AUDIT_HMAC_KEY/);
    expect(await sut.head()).toEqual(before);
    expect(await sut.verify()).toMatchObject({ ok: true });
    // Under a key id it does not hold (a rotation whose old key is not listed), a process may append: no link breaks.
    const rotated = new AuditLog(db, { keys: { current: { id: 'k-next', secret: 'next-key-'.padEnd(40, 'z') } } });
    await rotated.append(event());
    expect(
      await new AuditLog(db, {
        keys: { ...keys, previous: [{ id: 'k-next', secret: 'next-key-'.padEnd(40, 'z') }] },
      }).verify(),
    ).toMatchObject({ ok: true });
  });
});

describe(`${AuditLog.name} when the audit store is unreachable`, () => {
  it('throws AuditUnavailableError from every method, without the password in the message', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const db = new AuditDatabase('postgres://vantix:s3cret-pw@127.0.0.1:1/audit', { connectionTimeoutMs: 2_000 });
    const sut = new AuditLog(db, { keys });
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
