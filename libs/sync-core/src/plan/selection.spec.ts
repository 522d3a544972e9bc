import { checkSelections } from './selection';

const ALLOWED = ['users', 'customers', 'customer_notes'];

describe(checkSelections.name, () => {
  it('passes a sensible selection through, one entry per table', () => {
    const { requested, invalid } = checkSelections(
      [
        { table: 'customers', ids: ['a', 'b'] },
        { table: 'users', all: true },
      ],
      ALLOWED,
    );
    expect(invalid).toEqual([]);
    expect([...requested]).toEqual([
      ['customers', { all: false, ids: ['a', 'b'] }],
      ['users', { all: true, ids: [] }],
    ]);
  });

  it('lists every offender: a table twice, ids with all, neither, an id twice, an unknown table', () => {
    const { requested, invalid } = checkSelections(
      [
        { table: 'customers', ids: ['a', 'b', 'a', 'a'] },
        { table: 'customers', all: true },
        { table: 'users', ids: ['u'], all: true },
        { table: 'customer_notes', ids: [] },
        { table: 'pg_authid', ids: ['x'] },
      ],
      ALLOWED,
    );
    expect(invalid).toEqual([
      { table: 'customers', id: 'a', reason: 'id listed twice' },
      { table: 'customers', id: null, reason: 'table is selected twice; merge its ids into one selection' },
      { table: 'users', id: null, reason: 'give either ids or all: true, not both' },
      { table: 'customer_notes', id: null, reason: 'give ids (at least one) or all: true' },
      { table: 'pg_authid', id: null, reason: 'unknown table' },
    ]);
    // What is left can still be resolved, so the plan lists id problems in the same error.
    expect([...requested.keys()]).toEqual(['customers']);
  });

  it('treats all: false like no all, and a missing ids list like an empty one', () => {
    expect(checkSelections([{ table: 'users', all: false }], ALLOWED).invalid).toEqual([
      { table: 'users', id: null, reason: 'give ids (at least one) or all: true' },
    ]);
    expect(checkSelections([{ table: 'users', ids: ['x'], all: false }], ALLOWED).invalid).toEqual([]);
  });
});
