import { randomUUID } from 'node:crypto';
import { CRM_TABLES } from '@vantix/contracts';
import {
  createDatabasePair,
  customer,
  type DatabasePair,
  file,
  insertRows,
  note,
  user,
} from '../testing/spec-fixtures';
import { InvalidSelectionError, InvalidSelectionReason, MissingParentsError } from './errors';
import { planSync, type PlanRequest } from './plan';

describe(planSync.name, () => {
  let pair: DatabasePair;
  /** The plan as the contract spells it. */
  const sut = {
    plan: async (request: PlanRequest, allowList: readonly string[] = CRM_TABLES) =>
      (await planSync(pair.dev, pair.prod, { allowList, schema: 'public' }, request)).toSyncPlan(),
  };
  // Shared in both: owner, customer A (+ a note). Dev only: customer B (owned by a Dev-only user), notes and a file.
  const owner = user();
  const devOnlyOwner = user({ role: 'agent' });
  // An admin account in Dev only: never planned unless the request allows admin accounts.
  const devOnlyAdmin = user({ role: 'admin' });
  const shared = customer({ owner_id: owner.id });
  const sharedNote = note(shared.id);
  const noteByDevOnlyAdmin = note(shared.id, { author_id: devOnlyAdmin.id });
  const devOnlyCustomer = customer({ owner_id: devOnlyOwner.id });
  const noteOfShared = note(shared.id, { author_id: owner.id });
  const noteOfDevOnly = note(devOnlyCustomer.id);
  const noteByDevOnlyAuthor = note(shared.id, { author_id: devOnlyOwner.id });
  const fileOfDevOnly = file(devOnlyCustomer.id);

  beforeAll(async () => {
    pair = await createDatabasePair('plan');
    for (const db of [pair.dev, pair.prod]) {
      await insertRows(db, 'users', [owner]);
      await insertRows(db, 'customers', [shared]);
      await insertRows(db, 'customer_notes', [sharedNote]);
    }
    await insertRows(pair.dev, 'users', [devOnlyOwner, devOnlyAdmin]);
    await insertRows(pair.dev, 'customers', [devOnlyCustomer]);
    await insertRows(pair.dev, 'customer_notes', [noteOfShared, noteOfDevOnly, noteByDevOnlyAuthor]);
    await insertRows(pair.dev, 'customer_files', [fileOfDevOnly]);
  });

  // noteByDevOnlyAdmin is inserted by this test only, so {all: true} elsewhere never meets the admin.
  it('refuses an admin account, selected or added as a parent, naming it; plans it when allowed', async () => {
    const selected = await rejection(
      sut.plan({ selections: [{ table: 'users', ids: [devOnlyAdmin.id, devOnlyOwner.id] }], includeParents: false }),
    );
    expect(selected).toBeInstanceOf(InvalidSelectionError);
    expect((selected as InvalidSelectionError).invalid).toEqual([
      { table: 'users', id: devOnlyAdmin.id, reason: InvalidSelectionReason.privilegedAccount },
    ]);
    await insertRows(pair.dev, 'customer_notes', [noteByDevOnlyAdmin]);
    try {
      const asParent = await rejection(
        sut.plan({ selections: [{ table: 'customer_notes', ids: [noteByDevOnlyAdmin.id] }], includeParents: true }),
      );
      expect((asParent as InvalidSelectionError).invalid.map((entry) => entry.id)).toEqual([devOnlyAdmin.id]);
      const allowed = await sut.plan({
        selections: [{ table: 'customer_notes', ids: [noteByDevOnlyAdmin.id] }],
        includeParents: true,
        allowAdminAccounts: true,
      });
      expect(allowed.adminAccounts).toEqual({ count: 1, ids: [devOnlyAdmin.id], passwordHashesIncluded: true });
    } finally {
      await pair.dev.pool.query('DELETE FROM customer_notes WHERE id = $1', [noteByDevOnlyAdmin.id]);
    }
  });
  afterAll(() => pair.close());

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected a rejection');
  }

  it('plans a record whose parents are already in production', async () => {
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [noteOfShared.id] }],
      includeParents: false,
    });
    expect(plan).toEqual({
      adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true },
      tables: [
        {
          table: 'customer_notes',
          selected: [noteOfShared.id],
          addedParents: [],
        },
      ],
      total: 1,
      generatedColumns: [],
      sequences: [],
      droppedColumns: [],
    });
  });

  it('rejects ids that are not missing in production, listing every offender with its reason', async () => {
    const unknownId = randomUUID();
    const error = await rejection(
      sut.plan({
        selections: [
          {
            table: 'customer_notes',
            ids: [sharedNote.id, unknownId, noteOfShared.id],
          },
          { table: 'invoices', ids: ['1'] },
          { table: 'customers', ids: ['not-a-uuid'] },
        ],
        includeParents: false,
      }),
    );
    expect(error).toBeInstanceOf(InvalidSelectionError);
    expect((error as InvalidSelectionError).invalid).toEqual(
      expect.arrayContaining([
        {
          table: 'customer_notes',
          id: sharedNote.id,
          reason: 'already in production',
        },
        {
          table: 'customer_notes',
          id: unknownId,
          reason: 'not in development',
        },
        { table: 'invoices', id: null, reason: 'unknown table' },
        { table: 'customers', id: 'not-a-uuid', reason: 'invalid id' },
      ]),
    );
    expect((error as InvalidSelectionError).invalid).toHaveLength(4);
  });

  it('rejects a table that is not on the configured allow-list', async () => {
    const error = await rejection(
      sut.plan(
        {
          selections: [{ table: 'customer_notes', ids: [noteOfShared.id] }],
          includeParents: false,
        },
        ['users', 'customers'],
      ),
    );
    expect((error as InvalidSelectionError).invalid).toEqual([
      { table: 'customer_notes', id: null, reason: 'unknown table' },
    ]);
    expect((error as InvalidSelectionError).message).toContain('a table must be one of users, customers');
  });

  it('refuses a table outside the allow-list even when it exists, before reading any of it', async () => {
    await expect(
      sut.plan({ selections: [{ table: 'pg_authid', ids: [randomUUID()] }], includeParents: false }),
    ).rejects.toMatchObject({
      invalid: [{ table: 'pg_authid', id: null, reason: 'unknown table' }],
    });
  });

  it('refuses a request that makes no sense, listing it with the id problems of the rest', async () => {
    const error = await rejection(
      sut.plan({
        selections: [
          { table: 'customers', ids: [devOnlyCustomer.id], all: true },
          { table: 'customer_notes', ids: [sharedNote.id, noteOfShared.id, noteOfShared.id] },
          { table: 'customer_notes', all: true },
          { table: 'users', ids: [] },
        ],
        includeParents: false,
      }),
    );
    expect((error as InvalidSelectionError).invalid).toEqual([
      { table: 'customers', id: null, reason: 'give either ids or all: true, not both' },
      { table: 'customer_notes', id: noteOfShared.id, reason: 'id listed twice' },
      { table: 'customer_notes', id: null, reason: 'table is selected twice; merge its ids into one selection' },
      { table: 'users', id: null, reason: 'give ids (at least one) or all: true' },
      { table: 'customer_notes', id: sharedNote.id, reason: 'already in production' },
    ]);
  });

  it('normalises ids to their canonical form', async () => {
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', ids: [noteOfShared.id.toUpperCase()] }],
      includeParents: false,
    });
    expect(plan.tables[0].selected).toEqual([noteOfShared.id]);
  });

  it('resolves {all: true} to every record of the table missing in production', async () => {
    const plan = await sut.plan({
      selections: [{ table: 'customer_notes', all: true }],
      includeParents: true,
    });
    const notes = plan.tables.find((t) => t.table === 'customer_notes');
    expect(new Set(notes?.selected)).toEqual(new Set([noteOfShared.id, noteOfDevOnly.id, noteByDevOnlyAuthor.id]));
  });

  it('fails with the missing parents (recursively) and who needs them when parents are not included', async () => {
    const error = await rejection(
      sut.plan({
        selections: [{ table: 'customer_notes', ids: [noteOfDevOnly.id] }],
        includeParents: false,
      }),
    );
    expect(error).toBeInstanceOf(MissingParentsError);
    const parents = (error as MissingParentsError).parents;
    expect(parents).toEqual(
      expect.arrayContaining([
        {
          table: 'customers',
          id: devOnlyCustomer.id,
          neededBy: [{ table: 'customer_notes', id: noteOfDevOnly.id }],
          includable: true,
        },
        {
          table: 'users',
          id: devOnlyOwner.id,
          neededBy: [{ table: 'customers', id: devOnlyCustomer.id }],
          includable: true,
        },
      ]),
    );
    expect(parents).toHaveLength(2);
  });

  it('adds missing parents recursively with includeParents, in foreign-key order', async () => {
    const plan = await sut.plan({
      selections: [
        { table: 'customer_files', ids: [fileOfDevOnly.id] },
        {
          table: 'customer_notes',
          ids: [noteOfDevOnly.id, noteByDevOnlyAuthor.id],
        },
      ],
      includeParents: true,
    });
    expect(plan.tables).toEqual([
      { table: 'users', selected: [], addedParents: [devOnlyOwner.id] },
      { table: 'customers', selected: [], addedParents: [devOnlyCustomer.id] },
      {
        table: 'customer_notes',
        selected: [noteOfDevOnly.id, noteByDevOnlyAuthor.id],
        addedParents: [],
      },
      {
        table: 'customer_files',
        selected: [fileOfDevOnly.id],
        addedParents: [],
      },
    ]);
    expect(plan.total).toBe(5);
  });

  it('does not list a parent that is itself selected', async () => {
    const plan = await sut.plan({
      selections: [
        { table: 'customer_notes', ids: [noteOfDevOnly.id] },
        { table: 'customers', ids: [devOnlyCustomer.id] },
        { table: 'users', ids: [devOnlyOwner.id] },
      ],
      includeParents: false,
    });
    expect(plan.tables.map((t) => [t.table, t.selected.length, t.addedParents.length])).toEqual([
      ['users', 1, 0],
      ['customers', 1, 0],
      ['customer_notes', 1, 0],
    ]);
  });
});
