import { ComparisonEngine } from './comparison-engine';
import { RefusedRecordsError } from './plan/errors';
import { SyncEngine } from './sync-engine';
import { createDatabasePair, customer, insertRows, user, type DatabasePair } from './testing/spec-fixtures';

// A record missing in Production by primary key whose unique key (the e-mail)
// a Production record holds under another id: the comparison reports it as a
// conflict with a recommendation, and the sync plan refuses it per record.
describe('unique-key conflicts', () => {
  let pair: DatabasePair;
  const prodUser = user({ email: 'same@example.com' });
  const clashing = user({ email: 'same@example.com' });
  const fresh = user({ email: 'fresh@example.com' });
  const prodCustomer = customer({ email: 'shop@example.com' });
  const clashingCustomer = customer({ email: 'shop@example.com' });
  const noEmail = customer({ email: null });

  beforeAll(async () => {
    pair = await createDatabasePair('conflicts');
    // Production has a unique index the Development schema lacks.
    await pair.prod.pool.query('CREATE UNIQUE INDEX customers_email_unique ON customers (email)');
    await pair.prod.pool.query('INSERT INTO customers (id, name, email) VALUES (gen_random_uuid(), $1, NULL)', ['x']);
    await insertRows(pair.prod, 'users', [prodUser]);
    await insertRows(pair.prod, 'customers', [prodCustomer]);
    await insertRows(pair.dev, 'users', [clashing, fresh]);
    await insertRows(pair.dev, 'customers', [clashingCustomer, noEmail]);
  });
  afterAll(() => pair.close());

  it('are reported by the comparison with the Production record, the constraint and a recommendation', async () => {
    const report = await new ComparisonEngine(pair.dev, pair.prod).compare({ recordCap: 10 });
    const users = report.tables.find((t) => t.table === 'users');
    expect(users?.missingInProduction.count).toBe(2);
    expect(users?.conflicts).toEqual({
      count: 1,
      unchecked: 0,
      records: [
        expect.objectContaining({
          id: clashing.id,
          columns: ['email'],
          constraint: 'users_email_key',
          productionId: prodUser.id,
        }),
      ],
    });
    // A NULL e-mail clashes with nothing, not even Production's NULL.
    const customers = report.tables.find((t) => t.table === 'customers');
    expect(customers?.conflicts?.records.map((r) => [r.id, r.constraint, r.productionId])).toEqual([
      [clashingCustomer.id, 'customers_email_unique', prodCustomer.id],
    ]);
    expect(report.tables.find((t) => t.table === 'customer_notes')?.conflicts).toBeUndefined();
    expect(report.recommendations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          priority: 'high',
          table: 'users',
          count: 1,
          title: expect.stringContaining('unique key'),
        }),
        expect.objectContaining({ priority: 'high', table: 'customers', count: 1 }),
      ]),
    );
  });

  it('are refused per record at plan time, the others planned', async () => {
    const sut = new SyncEngine(pair.dev, pair.prod);
    const error = await sut
      .plan({ selections: [{ table: 'users', ids: [clashing.id, fresh.id] }], includeParents: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedRecordsError);
    expect((error as RefusedRecordsError).refused.map((r) => [r.id, r.constraint, r.conflictsWith])).toEqual([
      [clashing.id, 'users_email_key', { table: 'users', id: prodUser.id }],
    ]);
    const plan = await sut.plan({ selections: [{ table: 'users', ids: [fresh.id] }], includeParents: false });
    expect(plan.total).toBe(1);
  });
});
