import { randomUUID } from 'node:crypto';
import { ComparisonReport, RecordEntry, RecordKind, TableComparison } from '@vantix/contracts';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import { AuditDatabase, AuditUnavailableError, InvalidQueryError } from '@vantix/audit';
import { ComparisonStore, ComparisonStoreError } from './comparison-store';
import { ComparisonSummary } from './comparison-summary';

const actor = { id: 'u-admin', email: 'admin@example.com' };
const noDrift = {
  missingTable: null,
  onlyInDevelopment: [],
  onlyInProduction: [],
  typeMismatches: [],
  none: true,
};

function records(prefix: string, count: number, withColumns = false): RecordEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    summary: `${prefix} record ${index} — "quoted", {braces}, ü`,
    createdAt: index % 3 === 0 ? null : new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    ...(withColumns ? { columns: index % 2 === 0 ? ['email', 'name'] : ['password_hash'] } : {}),
  }));
}

function table(name: string, counts: Record<RecordKind, number>): TableComparison {
  return {
    table: name,
    devCount: 1000,
    prodCount: 990,
    missingInProduction: {
      count: counts.missingInProduction,
      records: records(`${name}-mip`, counts.missingInProduction),
    },
    missingInDevelopment: {
      count: counts.missingInDevelopment,
      records: records(`${name}-mid`, counts.missingInDevelopment),
    },
    differing: {
      count: counts.differing,
      records: records(`${name}-dif`, counts.differing, true),
    },
    schemaDrift: noDrift,
  };
}

function report(startedAt: string, tables: TableComparison[]): ComparisonReport {
  return {
    id: randomUUID(),
    startedAt,
    finishedAt: new Date(Date.parse(startedAt) + 1500).toISOString(),
    durationMs: 1500,
    tables,
    recommendations: [
      {
        priority: 'high',
        table: 'customers',
        count: 1,
        title: 'Recover',
        action: 'Sync them',
      },
    ],
  };
}

describe(ComparisonStore.name, () => {
  let testDb: TestDatabase;
  let db: AuditDatabase;
  let sut: ComparisonStore;

  // Stores a whole report the way the API does: begin, every record through the writer, summary.
  async function store(full: ComparisonReport): Promise<void> {
    // begin() takes its own start time; the summary's is the one that stays.
    const writer = await sut.begin({
      id: full.id,
      startedAt: new Date(Date.parse(full.startedAt) - 3),
    });
    for (const tableComparison of full.tables) {
      for (const kind of ['missingInProduction', 'missingInDevelopment', 'differing'] as const) {
        for (const record of tableComparison[kind].records) {
          await writer.add(tableComparison.table, kind, record);
        }
      }
    }
    await writer.flush();
    await sut.saveSummary(full, actor);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('comparison_store', 'audit');
    db = new AuditDatabase(testDb.url);
    // A small batch so that these tests cross batch boundaries.
    sut = new ComparisonStore(db, { batchSize: 7 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  describe('round trip', () => {
    const full = report('2026-11-25T08:00:00.000Z', [
      table('customers', {
        missingInProduction: 25,
        missingInDevelopment: 3,
        differing: 12,
      }),
      table('customer_notes', {
        missingInProduction: 0,
        missingInDevelopment: 0,
        differing: 0,
      }),
    ]);

    beforeAll(() => store(full));

    it('returns the whole report when the cap is large enough', async () => {
      expect(await sut.get(full.id, { recordsPerKind: 1000 })).toEqual(full);
    });

    it('caps each record list at recordsPerKind, keeping the true counts', async () => {
      const capped = await sut.get(full.id, { recordsPerKind: 5 });
      const customers = capped?.tables[0];
      expect(customers?.missingInProduction).toEqual({
        count: 25,
        records: full.tables[0].missingInProduction.records.slice(0, 5),
      });
      expect(customers?.missingInDevelopment).toEqual(full.tables[0].missingInDevelopment);
      expect(customers?.differing.records).toHaveLength(5);
      expect(customers?.differing.count).toBe(12);
      const countsOnly = await sut.get(full.id, { recordsPerKind: 0 });
      expect(countsOnly?.tables[0].missingInProduction).toEqual({
        count: 25,
        records: [],
      });
    });

    it('keeps columns only where the record had them', async () => {
      const page = await sut.records(full.id, {
        table: 'customers',
        kind: 'missingInProduction',
        limit: 1,
      });
      expect(page?.items[0]).not.toHaveProperty('columns');
      const differing = await sut.records(full.id, {
        table: 'customers',
        kind: 'differing',
        limit: 2,
      });
      expect(differing?.items.map((item) => item.columns)).toEqual([['email', 'name'], ['password_hash']]);
    });

    it('pages one record list in the order the records were added', async () => {
      const seen: RecordEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await sut.records(full.id, {
          table: 'customers',
          kind: 'missingInProduction',
          limit: 10,
          cursor,
        });
        if (page === null) {
          throw new Error('comparison not found');
        }
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(full.tables[0].missingInProduction.records);
    });

    it('answers null for an unknown comparison and an empty page for a table it did not compare', async () => {
      expect(await sut.get(randomUUID())).toBeNull();
      expect(await sut.get('not-a-uuid')).toBeNull();
      expect(
        await sut.records(randomUUID(), {
          table: 'customers',
          kind: 'differing',
        }),
      ).toBeNull();
      expect(await sut.records(full.id, { table: 'users', kind: 'differing' })).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('refuses an unknown kind, a bad cursor and a bad cap', async () => {
      await expect(sut.records(full.id, { table: 'customers', kind: 'all' as never })).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
      await expect(
        sut.records(full.id, {
          table: 'customers',
          kind: 'differing',
          cursor: 'x',
        }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(sut.get(full.id, { recordsPerKind: -1 })).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('refuses to begin a comparison with an id already used', async () => {
      await expect(sut.begin({ id: full.id, startedAt: full.startedAt })).rejects.toThrow(/already exists/);
    });

    it('refuses to complete a comparison twice, leaving the first summary', async () => {
      await expect(sut.saveSummary({ ...full, durationMs: 1 }, actor)).rejects.toBeInstanceOf(ComparisonStoreError);
      expect((await sut.get(full.id, { recordsPerKind: 0 }))?.durationMs).toBe(1500);
    });
  });

  it('completes a comparison that found nothing without begin()', async () => {
    const clean = report('2026-11-25T07:00:00.000Z', [
      table('users', {
        missingInProduction: 0,
        missingInDevelopment: 0,
        differing: 0,
      }),
    ]);
    await sut.saveSummary(clean, { id: null, email: null });
    expect(await sut.get(clean.id)).toEqual(clean);
  });

  it('refuses a summary whose counts disagree with the stored records, and keeps it invisible', async () => {
    const full = report('2026-11-25T06:00:00.000Z', [
      table('customers', {
        missingInProduction: 4,
        missingInDevelopment: 0,
        differing: 0,
      }),
    ]);
    const writer = await sut.begin({ id: full.id, startedAt: full.startedAt });
    for (const record of full.tables[0].missingInProduction.records.slice(0, 3)) {
      await writer.add('customers', 'missingInProduction', record);
    }
    await writer.flush();
    await expect(sut.saveSummary(full, actor)).rejects.toThrow(/customers\.missingInProduction: 4 announced, 3 stored/);
    expect(await sut.get(full.id)).toBeNull();
    expect((await sut.list({ limit: 200 })).items.map((item) => item.id)).not.toContain(full.id);
    await sut.discard(full.id);
    const rows = await db.pool.query('SELECT count(*)::int AS n FROM comparison_records WHERE comparison_id = $1', [
      full.id,
    ]);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('fails every later call of a writer whose insert failed, and discard() leaves nothing behind', async () => {
    const id = randomUUID();
    const writer = await sut.begin({ id, startedAt: new Date() });
    await writer.add('customers', 'missingInProduction', {
      id: 'a',
      summary: 'A',
      createdAt: 'not a time',
    });
    await expect(writer.flush()).rejects.toThrow(/invalid input syntax for type timestamp/);
    await expect(
      writer.add('customers', 'missingInProduction', {
        id: 'b',
        summary: 'B',
        createdAt: null,
      }),
    ).rejects.toThrow(/invalid input syntax/);
    await expect(writer.flush()).rejects.toThrow(/invalid input syntax/);
    await sut.discard(id);
    const rows = await db.pool.query('SELECT count(*)::int AS n FROM comparisons WHERE id = $1', [id]);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  describe('list and latest', () => {
    let store2: ComparisonStore;
    let listDb: TestDatabase;
    let listConnection: AuditDatabase;
    const reports = Array.from({ length: 5 }, (_, index) =>
      report(`2026-11-2${index}T10:00:00.000Z`, [
        table('customers', {
          missingInProduction: index,
          missingInDevelopment: 1,
          differing: 0,
        }),
      ]),
    );

    beforeAll(async () => {
      listDb = await createTestDatabase('comparison_list', 'audit');
      listConnection = new AuditDatabase(listDb.url);
      store2 = new ComparisonStore(listConnection);
      expect(await store2.latest()).toBeNull();
      // Stored out of order: the list orders by start time, not by insertion.
      for (const index of [2, 0, 4, 1, 3]) {
        const full = reports[index];
        const writer = await store2.begin({
          id: full.id,
          startedAt: full.startedAt,
        });
        for (const kind of ['missingInProduction', 'missingInDevelopment'] as const) {
          for (const record of full.tables[0][kind].records) {
            await writer.add('customers', kind, record);
          }
        }
        await writer.flush();
        await store2.saveSummary(full, actor);
      }
      // A comparison still running is not listed.
      await store2.begin({
        id: randomUUID(),
        startedAt: '2026-12-01T00:00:00.000Z',
      });
    });
    afterAll(async () => {
      await listConnection.close();
      await listDb.drop();
    });

    it('lists completed comparisons newest first with per-table counts', async () => {
      const page = await store2.list();
      expect(page.items.map((item) => item.id)).toEqual([...reports].reverse().map((item) => item.id));
      expect(page.items[0]).toEqual({
        id: reports[4].id,
        startedAt: reports[4].startedAt,
        finishedAt: reports[4].finishedAt,
        durationMs: 1500,
        actorEmail: 'admin@example.com',
        tables: [
          {
            table: 'customers',
            devCount: 1000,
            prodCount: 990,
            missingInProduction: 4,
            missingInDevelopment: 1,
            differing: 0,
          },
        ],
      });
    });

    it('pages with a cursor', async () => {
      const first = await store2.list({ limit: 2 });
      const second = await store2.list({
        limit: 2,
        cursor: first.nextCursor ?? undefined,
      });
      const third = await store2.list({
        limit: 2,
        cursor: second.nextCursor ?? undefined,
      });
      expect([...first.items, ...second.items, ...third.items].map((item) => item.id)).toEqual(
        [...reports].reverse().map((item) => item.id),
      );
      expect(third.nextCursor).toBeNull();
      await expect(store2.list({ cursor: 'bogus' })).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('names the newest completed comparison', async () => {
      expect(await store2.latest()).toEqual({
        id: reports[4].id,
        startedAt: reports[4].startedAt,
        finishedAt: reports[4].finishedAt,
      });
    });
  });

  it('stores 100,000 records in batches without holding them', async () => {
    const big = new ComparisonStore(db);
    const id = randomUUID();
    const total = 100_000;
    const started = Date.now();
    const writer = await big.begin({ id, startedAt: new Date().toISOString() });
    for (let index = 0; index < total; index += 1) {
      await writer.add('customer_notes', 'missingInProduction', {
        id: randomUUID(),
        summary: `Note ${index}: the first eighty characters of a note body, as the engine summarises it…`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
      });
    }
    await writer.flush();
    const written = Date.now() - started;
    const summary: ComparisonSummary = {
      id,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: written,
      tables: [
        {
          table: 'customer_notes',
          devCount: total,
          prodCount: 0,
          missingInProduction: { count: total },
          missingInDevelopment: { count: 0 },
          differing: { count: 0 },
          schemaDrift: noDrift,
        },
      ],
      recommendations: [],
    };
    await big.saveSummary(summary, actor);
    const saved = Date.now() - started;
    const pageStarted = Date.now();
    const lastPage = await big.records(id, {
      table: 'customer_notes',
      kind: 'missingInProduction',
      limit: 200,
      cursor: Buffer.from(`records:${total - 101}`).toString('base64url'),
    });
    const pageMs = Date.now() - pageStarted;
    // Timing is printed, not asserted: CI machines differ.
    console.log(
      `ComparisonStore: ${total} records written in ${written} ms (${Math.round((total / written) * 1000)} records/s), ` +
        `summary saved at ${saved} ms, a page at the end read in ${pageMs} ms`,
    );
    expect(lastPage?.items).toHaveLength(100);
    expect(lastPage?.nextCursor).toBeNull();
    expect((await big.get(id, { recordsPerKind: 3 }))?.tables[0].missingInProduction.records).toHaveLength(3);
  });

  it('throws AuditUnavailableError when the store is unreachable', async () => {
    const down = new AuditDatabase('postgres://vantix:pw@127.0.0.1:1/audit', {
      connectionTimeoutMs: 2_000,
    });
    const unreachable = new ComparisonStore(down);
    try {
      await expect(unreachable.begin({ id: randomUUID(), startedAt: new Date() })).rejects.toBeInstanceOf(
        AuditUnavailableError,
      );
      await expect(unreachable.list()).rejects.toBeInstanceOf(AuditUnavailableError);
      await expect(unreachable.latest()).rejects.toBeInstanceOf(AuditUnavailableError);
    } finally {
      await down.close();
    }
  });
});
