import fc from 'fast-check';
import { MissingParentsError } from './plan/errors';
import {
  createDatabasePair,
  type CustomerRow,
  type DatabasePair,
  insertRows,
  type NoteRow,
  rowHashes,
  snapshot,
  unchangedRows,
  type UserRow,
} from './testing/spec-fixtures';
import { SyncEngine } from './sync-engine';
import { planAndApply } from './testing/sync-helpers';
import type { Selection } from '@vantix/contracts';

// Placement of a generated record: 1 = Dev only, 2 = Prod only, 3 = both.
const place = fc.integer({ min: 1, max: 3 });
const dataset = fc.record({
  users: fc.array(fc.record({ place, admin: fc.boolean(), drift: fc.boolean() }), { maxLength: 4 }),
  customers: fc.array(
    fc.record({
      place,
      owner: fc.option(fc.nat(), { nil: null }),
      drift: fc.boolean(),
    }),
    {
      maxLength: 6,
    },
  ),
  notes: fc.array(
    fc.record({
      place,
      customer: fc.nat(),
      author: fc.option(fc.nat(), { nil: null }),
      drift: fc.boolean(),
    }),
    { maxLength: 10 },
  ),
  pick: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
  allNotes: fc.boolean(),
  includeParents: fc.boolean(),
});
type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never;

const uuid = (kind: number, n: number) => `00000000-0000-4000-800${kind}-${n.toString(16).padStart(12, '0')}`;

interface Model {
  rows: {
    table: 'users' | 'customers' | 'customer_notes';
    id: string;
    place: number;
    parents: string[];
  }[];
  dev: {
    users: UserRow[];
    customers: CustomerRow[];
    customer_notes: NoteRow[];
  };
  prod: {
    users: UserRow[];
    customers: CustomerRow[];
    customer_notes: NoteRow[];
  };
}

/** Builds consistent Dev and Prod contents: a record on a side has its parents on that side. */
function model(d: Dataset): Model {
  const users = d.users.map((u, i) => ({ ...u, id: uuid(1, i) }));
  const customers = d.customers.map((c, i) => ({
    ...c,
    id: uuid(2, i),
    ownerIndex: c.owner === null || users.length === 0 ? null : c.owner % users.length,
  }));
  const notes =
    customers.length === 0
      ? []
      : d.notes.map((n, i) => ({
          ...n,
          id: uuid(3, i),
          customerIndex: n.customer % customers.length,
          authorIndex: n.author === null || users.length === 0 ? null : n.author % users.length,
        }));
  // Parents inherit their children's sides (notes → customers → users).
  for (const n of notes) {
    customers[n.customerIndex].place |= n.place;
    if (n.authorIndex !== null) {
      users[n.authorIndex].place |= n.place;
    }
  }
  for (const c of customers) {
    if (c.ownerIndex !== null) {
      users[c.ownerIndex].place |= c.place;
    }
  }

  const m: Model = {
    rows: [],
    dev: { users: [], customers: [], customer_notes: [] },
    prod: { users: [], customers: [], customer_notes: [] },
  };
  const sides = (p: number, drift: boolean) => [
    ...(p & 1 ? [['dev', false] as const] : []),
    ...(p & 2 ? [['prod', drift && p === 3] as const] : []),
  ];
  for (const u of users) {
    m.rows.push({ table: 'users', id: u.id, place: u.place, parents: [] });
    for (const [side, drifted] of sides(u.place, u.drift)) {
      m[side].users.push({
        id: u.id,
        email: `${u.id}@example.com`,
        name: drifted ? 'renamed in prod' : 'user',
        role: u.admin ? 'admin' : 'agent',
        password_hash: `hash-${u.id}`,
      });
    }
  }
  for (const c of customers) {
    const owner = c.ownerIndex === null ? null : users[c.ownerIndex].id;
    m.rows.push({
      table: 'customers',
      id: c.id,
      place: c.place,
      parents: owner ? [owner] : [],
    });
    for (const [side, drifted] of sides(c.place, c.drift)) {
      m[side].customers.push({
        id: c.id,
        name: drifted ? 'changed' : 'customer',
        company: null,
        email: null,
        owner_id: owner,
      });
    }
  }
  for (const n of notes) {
    const author = n.authorIndex === null ? null : users[n.authorIndex].id;
    const parent = customers[n.customerIndex].id;
    m.rows.push({
      table: 'customer_notes',
      id: n.id,
      place: n.place,
      parents: author ? [parent, author] : [parent],
    });
    for (const [side, drifted] of sides(n.place, n.drift)) {
      m[side].customer_notes.push({
        id: n.id,
        customer_id: parent,
        author_id: author,
        body: drifted ? 'edited' : 'body',
      });
    }
  }
  return m;
}

describe('sync (property)', () => {
  let pair: DatabasePair;
  let sut: SyncEngine;
  beforeAll(async () => {
    pair = await createDatabasePair('syncprop');
    sut = new SyncEngine(pair.dev, pair.prod, { batchSize: 3 });
  });
  afterAll(() => pair.close());

  it('adds exactly the selection and its missing ancestors, and never changes an existing Prod row', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (d) => {
        const m = model(d);
        for (const db of [pair.dev, pair.prod]) {
          await db.pool.query('TRUNCATE customer_files, customer_notes, customers, users');
        }
        for (const [side, db] of [
          ['dev', pair.dev],
          ['prod', pair.prod],
        ] as const) {
          await insertRows(db, 'users', m[side].users);
          await insertRows(db, 'customers', m[side].customers);
          await insertRows(db, 'customer_notes', m[side].customer_notes);
        }

        // The naive model: missing in Prod = Dev only; the selection and its Dev-only ancestors.
        const missing = m.rows.filter((r) => r.place === 1);
        const selected = missing.filter((r, i) => (d.allNotes && r.table === 'customer_notes') || d.pick[i % 20]);
        const byId = new Map(m.rows.map((r) => [r.id, r]));
        const chosen = new Set(selected.map((r) => r.id));
        const ancestors = new Set<string>();
        const visit = (id: string) => {
          for (const p of byId.get(id)?.parents ?? []) {
            if (byId.get(p)?.place === 1 && !chosen.has(p) && !ancestors.has(p)) {
              ancestors.add(p);
              visit(p);
            }
          }
        };
        selected.forEach((r) => visit(r.id));

        const selections: Selection[] = [];
        for (const table of ['users', 'customers', 'customer_notes'] as const) {
          if (table === 'customer_notes' && d.allNotes) {
            selections.push({ table, all: true });
          } else {
            const tableIds = selected.filter((r) => r.table === table).map((r) => r.id);
            if (tableIds.length > 0) {
              selections.push({ table, ids: tableIds });
            }
          }
        }

        const before = await snapshot(pair.prod);
        let outcome;
        try {
          // Admin accounts are allowed here: their refusal without the flag is plan.spec's subject.
          outcome = await planAndApply(sut, {
            selections,
            includeParents: d.includeParents,
            allowAdminAccounts: true,
          });
        } catch (error) {
          expect(error).toBeInstanceOf(MissingParentsError);
          expect(d.includeParents).toBe(false);
          expect(new Set((error as MissingParentsError).parents.map((p) => p.id))).toEqual(ancestors);
          expect(await snapshot(pair.prod)).toEqual(before);
          return;
        }
        expect(d.includeParents || ancestors.size === 0).toBe(true);
        const expected = new Set([...chosen, ...ancestors]);
        expect(outcome.plan.total).toBe(expected.size);
        expect(outcome.status).toBe(expected.size === 0 ? 'nothing_to_do' : 'committed');
        expect(new Set(outcome.results.filter((r) => r.status === 'inserted').map((r) => r.id))).toEqual(expected);

        const after = await snapshot(pair.prod);
        expect(unchangedRows(before, after)).toEqual([]);
        for (const table of ['users', 'customers', 'customer_notes'] as const) {
          const devHashes = await rowHashes(pair.dev, table);
          const prodAfter = after.get(table) as Map<string, string>;
          const added = [...prodAfter.keys()].filter((id) => !before.get(table)?.has(id));
          // Only planned rows were added, each a byte-identical copy of Dev's row.
          expect(added.every((id) => expected.has(id))).toBe(true);
          for (const id of added) {
            expect(prodAfter.get(id)).toBe(devHashes.get(id));
          }
        }
        // Nothing selected is still missing in Prod.
        for (const id of chosen) {
          expect([...after.values()].some((rows) => rows.has(id))).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
