import type { RefusedRecord } from '@vantix/contracts';
import { createTestDatabase, type TestDatabase } from '@vantix/testing';
import { CrmDatabase } from './db/crm-database';
import { DroppedColumnsError, RefusedRecordsError } from './plan/errors';
import { SyncEngine } from './sync-engine';

// Production schemas that differ from Development's the ordinary ways: shorter
// strings and bit strings, smaller integers and scales, an enum label Prod
// lacks, a generated column, an identity key, a unique e-mail, a CHECK, a
// Prod-only NOT NULL column, a lower timestamp precision, a deferred FK.
const DEV_SCHEMA = `
  CREATE TYPE tier AS ENUM ('basic', 'gold', 'vip');
  CREATE TABLE accounts (id bigint PRIMARY KEY, code varchar(20), letter char(4), flags bit varying(8), qty bigint,
    price numeric(12,4), tier tier, email text, nickname text);
  CREATE TABLE contacts (id int PRIMARY KEY, name text);
  CREATE TABLE events (id int PRIMARY KEY, at timestamp(3));
  CREATE TABLE parents (id int PRIMARY KEY);
  CREATE TABLE kids (id int PRIMARY KEY, parent_id int REFERENCES parents);
  CREATE TABLE tickets (id int PRIMARY KEY, n int);`;
const PROD_SCHEMA = `
  CREATE TYPE tier AS ENUM ('basic', 'gold');
  CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code varchar(5), letter char(2),
    flags bit(4), qty integer CHECK (qty >= 0), price numeric(12,2), tier tier, email text UNIQUE,
    code_upper text GENERATED ALWAYS AS (upper(code)) STORED);
  CREATE TABLE contacts (id int PRIMARY KEY, name text, region text NOT NULL);
  CREATE TABLE events (id int PRIMARY KEY, at timestamp(0));
  CREATE TABLE parents (id int PRIMARY KEY);
  CREATE TABLE kids (id int PRIMARY KEY,
    parent_id int REFERENCES parents DEFERRABLE INITIALLY DEFERRED);
  CREATE SEQUENCE ticket_numbers;
  CREATE TABLE tickets (id serial PRIMARY KEY, n int DEFAULT nextval('ticket_numbers'));`;

const ACCOUNT = `INSERT INTO accounts (id, code, letter, flags, qty, price, tier, email, nickname) VALUES`;

describe('sync against Production’s schema facts', () => {
  let devDb: TestDatabase;
  let prodDb: TestDatabase;
  let dev: CrmDatabase;
  let prod: CrmDatabase;
  let sut: SyncEngine;

  const count = async (table: string) =>
    Number((await prod.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  const refusedBy = async (promise: Promise<unknown>): Promise<RefusedRecord[]> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefusedRecordsError);
    return (error as RefusedRecordsError).refused;
  };

  beforeAll(async () => {
    [devDb, prodDb] = await Promise.all([
      createTestDatabase('facts_dev', 'none'),
      createTestDatabase('facts_prod', 'none'),
    ]);
    dev = new CrmDatabase('development', devDb.url);
    prod = new CrmDatabase('production', prodDb.url);
    await dev.pool.query(DEV_SCHEMA);
    await prod.pool.query(PROD_SCHEMA);
    await dev.pool.query(`${ACCOUNT}
      (1, 'abc', 'ab', B'1010', 5, 1.5, 'gold', 'a@example.com', NULL),
      (2, 'abcdefghij', 'ab', B'1010', 5, 1.5, 'gold', 'b@example.com', NULL),
      (3, 'abc', 'abcd', B'1010', 5, 1.5, 'gold', 'c@example.com', NULL),
      (4, 'abc', 'ab', B'101100', 5, 1.5, 'gold', 'd@example.com', NULL),
      (5, 'abc', 'ab', B'1010', 3000000000, 1.5, 'gold', 'e@example.com', NULL),
      (6, 'abc', 'ab', B'1010', 5, 1.2345, 'gold', 'f@example.com', NULL),
      (7, 'abc', 'ab', B'1010', 5, 1.5, 'vip', 'g@example.com', NULL),
      (8, 'abc', 'ab', B'1010', 5, 1.5, 'gold', 'taken@example.com', NULL),
      (9, 'xyz', 'ab', B'1010', 5, 1.5, 'basic', 'i@example.com', 'Bob'),
      (20, 'abc', 'ab', B'1010', -1, 1.5, 'gold', 'j@example.com', NULL),
      (0, 'low', 'ab', B'1010', 5, 1.5, 'gold', 'k@example.com', NULL),
      (21, 'abc', 'ab', B'1010', 5, 1.5, 'gold', 'l@example.com', NULL);
      INSERT INTO contacts VALUES (1, 'Ann'), (2, 'Ben');
      INSERT INTO events VALUES (1, '2024-01-01 10:00:00.123'), (2, '2024-01-01 10:00:01');
      INSERT INTO parents VALUES (1); INSERT INTO kids VALUES (1, 1);
      INSERT INTO tickets VALUES (5, 50), (3, 70);`);
    await prod.pool.query(`
      INSERT INTO accounts (id, email) OVERRIDING SYSTEM VALUE VALUES (100, 'taken@example.com');
      INSERT INTO parents VALUES (1);`);
    sut = new SyncEngine(dev, prod, { tables: ['accounts', 'contacts', 'events', 'parents', 'kids', 'tickets'] });
  });
  afterAll(async () => {
    await Promise.all([dev.close(), prod.close()]);
    await Promise.all([devDb.drop(), prodDb.drop()]);
  });

  it('refuses at plan time every record whose value Production cannot hold exactly, or whose unique key it has', async () => {
    const refused = await refusedBy(
      sut.plan({
        selections: [{ table: 'accounts', ids: ['1', '2', '3', '4', '5', '6', '7', '8'] }],
        includeParents: false,
      }),
    );
    const brief = refused.map(({ id, column, value, productionType, constraint, conflictsWith }) => ({
      id,
      column,
      value,
      productionType,
      constraint,
      conflictsWith,
    }));
    const fit = (id: string, column: string, value: string, productionType: string) => ({
      id,
      column,
      value,
      productionType,
      constraint: null,
      conflictsWith: null,
    });
    expect(brief).toEqual([
      fit('2', 'code', '10 characters', 'character varying(5)'),
      fit('3', 'letter', '4 characters', 'character(2)'),
      fit('4', 'flags', '6 bits', 'bit(4)'),
      fit('5', 'qty', 'a number of 10 digits, out of range', 'integer'),
      fit('6', 'price', 'a number with 4 digits after the decimal point', 'numeric(12,2)'),
      fit('7', 'tier', 'enum label "vip"', 'tier'),
      {
        id: '8',
        column: 'email',
        value: null,
        productionType: null,
        constraint: 'accounts_email_key',
        conflictsWith: { table: 'accounts', id: '100' },
      },
    ]);
    expect(refused.every((r) => r.table === 'accounts')).toBe(true);
    expect(refused[0].reason).toBe(
      `column "code" holds 10 characters; production's type character varying(5) cannot hold it exactly`,
    );
    expect(refused[6].reason).toBe(
      'production record 100 already has the same email (unique key "accounts_email_key")',
    );
    // The e-mail of a conflict is never quoted.
    expect(JSON.stringify(refused)).not.toContain('taken@example.com');
    expect(await count('accounts')).toBe(1);
  });

  it('leaves generated columns to Production, keeps Dev’s identity values and advances the sequence, never backwards', async () => {
    const plan = await sut.plan({ selections: [{ table: 'accounts', ids: ['1', '9'] }], includeParents: false });
    expect(plan.toSyncPlan()).toMatchObject({
      generatedColumns: [{ table: 'accounts', columns: ['code_upper'] }],
      sequences: [{ table: 'accounts', column: 'id', sequence: 'public.accounts_id_seq', largestValue: '9' }],
      droppedColumns: [{ table: 'accounts', columns: ['nickname'] }],
    });

    // Dev-only values are not dropped without saying so: exactly those columns must be acknowledged.
    await expect(sut.apply(plan)).rejects.toBeInstanceOf(DroppedColumnsError);
    const wrong = await sut.plan({
      selections: [{ table: 'accounts', ids: ['1', '9'] }],
      includeParents: false,
      acknowledgeDroppedColumns: [{ table: 'accounts', columns: ['nickname', 'code'] }],
    });
    const error = await sut.apply(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DroppedColumnsError);
    expect((error as DroppedColumnsError).droppedColumns).toEqual([{ table: 'accounts', columns: ['nickname'] }]);
    expect(await count('accounts')).toBe(1);

    const acknowledged = await sut.plan({
      selections: [{ table: 'accounts', ids: ['1', '9'] }],
      includeParents: false,
      acknowledgeDroppedColumns: [{ table: 'accounts', columns: ['nickname'] }],
    });
    const outcome = await sut.apply(acknowledged);
    expect(outcome.status).toBe('committed');
    expect(outcome.sequencesAdvanced).toEqual([
      {
        table: 'accounts',
        column: 'id',
        sequence: 'public.accounts_id_seq',
        nextValueBefore: '1',
        nextValueAfter: '10',
      },
    ]);
    const rows = await prod.pool.query(
      `SELECT id::text, code, code_upper FROM accounts WHERE id IN (1, 9) ORDER BY id`,
    );
    expect(rows.rows).toEqual([
      { id: '1', code: 'abc', code_upper: 'ABC' },
      { id: '9', code: 'xyz', code_upper: 'XYZ' },
    ]);
    // The CRM's own next insert does not collide with a copied id.
    const own = await prod.pool.query(`INSERT INTO accounts (code) VALUES ('own') RETURNING id::text AS id`);
    expect(own.rows[0].id).toBe('10');

    // A copied id below the sequence's next value leaves the sequence alone.
    const low = await sut.apply(
      await sut.plan({ selections: [{ table: 'accounts', ids: ['0'] }], includeParents: false }),
    );
    expect(low.status).toBe('committed');
    expect(low.sequencesAdvanced).toEqual([]);
    const next = await prod.pool.query(`SELECT last_value::text AS v FROM accounts_id_seq`);
    expect(next.rows[0].v).toBe('10');
  });

  it('advances serial and nextval-default sequences past the copied values', async () => {
    const plan = await sut.plan({ selections: [{ table: 'tickets', all: true }], includeParents: false });
    expect(plan.toSyncPlan().sequences).toEqual([
      { table: 'tickets', column: 'id', sequence: 'public.tickets_id_seq', largestValue: '5' },
      { table: 'tickets', column: 'n', sequence: 'public.ticket_numbers', largestValue: '70' },
    ]);
    const outcome = await sut.apply(plan);
    expect(outcome.sequencesAdvanced).toEqual([
      { table: 'tickets', column: 'id', sequence: 'public.tickets_id_seq', nextValueBefore: '1', nextValueAfter: '6' },
      { table: 'tickets', column: 'n', sequence: 'public.ticket_numbers', nextValueBefore: '1', nextValueAfter: '71' },
    ]);
    const own = await prod.pool.query(`INSERT INTO tickets DEFAULT VALUES RETURNING id, n`);
    expect(own.rows[0]).toEqual({ id: 6, n: 71 });
  });

  it('finds CHECK violations and Prod-only NOT NULL columns in the dry run’s trial insert, per record, keeping nothing', async () => {
    const before = await prod.pool.query(`SELECT last_value::text AS v, is_called FROM accounts_id_seq`);
    const accounts = await sut.plan({ selections: [{ table: 'accounts', ids: ['20', '21'] }], includeParents: false });
    const checked = await refusedBy(sut.tryPlan(accounts));
    expect(checked).toEqual([
      {
        table: 'accounts',
        id: '20',
        column: null,
        value: null,
        productionType: null,
        constraint: 'accounts_qty_check',
        conflictsWith: null,
        reason: 'violates check constraint "accounts_qty_check"',
      },
    ]);
    const contacts = await sut.plan({ selections: [{ table: 'contacts', all: true }], includeParents: false });
    const notNull = await refusedBy(sut.tryPlan(contacts));
    const reason = 'column "region" is NOT NULL in production, has no default, and development has no such column';
    expect(notNull.map((r) => [r.id, r.column, r.productionType, r.reason])).toEqual([
      ['1', 'region', 'text', reason],
      ['2', 'region', 'text', reason],
    ]);
    expect(await count('contacts')).toBe(0);
    expect(await prod.pool.query(`SELECT count(*)::int AS n FROM accounts WHERE id IN (20, 21)`)).toMatchObject({
      rows: [{ n: 0 }],
    });
    const after = await prod.pool.query(`SELECT last_value::text AS v, is_called FROM accounts_id_seq`);
    expect(after.rows).toEqual(before.rows);
  });

  it('rolls back, naming the record and column, when a stored value would not equal Development’s', async () => {
    const plan = await sut.plan({ selections: [{ table: 'events', all: true }], includeParents: false });
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('rolled_back');
    expect(outcome.error).toBe(
      'events 1: column "at" would not hold the Development value exactly (production\'s type is timestamp(0) without time zone)',
    );
    expect(outcome.failure).toMatchObject({ table: 'events', id: '1' });
    expect(await count('events')).toBe(0);
  });

  it('never cuts a value at insert time: one grown too long after planning makes the sync roll back', async () => {
    const plan = await sut.plan({ selections: [{ table: 'accounts', ids: ['21'] }], includeParents: false });
    await dev.pool.query(`UPDATE accounts SET code = 'abcdefghij' WHERE id = 21`);
    try {
      const outcome = await sut.apply(plan);
      expect(outcome.status).toBe('rolled_back');
      expect(outcome.error).toBe('accounts 21: value too long for type character varying(5) (SQLSTATE 22001)');
      expect(await prod.pool.query(`SELECT count(*)::int AS n FROM accounts WHERE id = 21`)).toMatchObject({
        rows: [{ n: 0 }],
      });
    } finally {
      await dev.pool.query(`UPDATE accounts SET code = 'abc' WHERE id = 21`);
    }
  });

  it('checks a deferred foreign key at the insert, so its failure names the record', async () => {
    const plan = await sut.plan({ selections: [{ table: 'kids', ids: ['1'] }], includeParents: false });
    await prod.pool.query(`DELETE FROM parents WHERE id = 1`);
    const outcome = await sut.apply(plan);
    expect(outcome.status).toBe('rolled_back');
    expect(outcome.failure).toMatchObject({ table: 'kids', id: '1', constraint: 'kids_parent_id_fkey', code: '23503' });
    expect(await count('kids')).toBe(0);
  });
});
