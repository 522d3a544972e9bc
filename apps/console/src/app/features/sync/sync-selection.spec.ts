import { SyncSelection } from './sync-selection';

describe(SyncSelection.name, () => {
  let sut: SyncSelection;

  beforeEach(() => {
    sut = new SyncSelection();
    sut.reset([
      { table: 'customers', missing: 5000 },
      { table: 'customer_notes', missing: 3 },
      { table: 'users', missing: 0 },
    ]);
  });

  it('starts with nothing selected', () => {
    expect(sut.total()).toBe(0);
    expect(sut.isEmpty()).toBe(true);
    expect(sut.toSelections()).toEqual([]);
  });

  it('selects and deselects single records and counts them per table', () => {
    sut.select('customers', 'c1');
    sut.select('customers', 'c2');
    sut.select('customer_notes', 'n1');
    expect(sut.selectedCount('customers')).toBe(2);
    expect(sut.selectedCount('customer_notes')).toBe(1);
    expect(sut.total()).toBe(3);
    expect(sut.isSelected('customers', 'c1')).toBe(true);

    sut.deselect('customers', 'c1');
    expect(sut.isSelected('customers', 'c1')).toBe(false);
    expect(sut.selectedCount('customers')).toBe(1);
    expect(sut.isEmpty()).toBe(false);
  });

  it('counts a record selected twice once', () => {
    sut.select('customers', 'c1');
    sut.select('customers', 'c1');
    expect(sut.selectedCount('customers')).toBe(1);
  });

  it('toggles a record', () => {
    sut.toggle('customer_notes', 'n1');
    expect(sut.isSelected('customer_notes', 'n1')).toBe(true);
    sut.toggle('customer_notes', 'n1');
    expect(sut.isSelected('customer_notes', 'n1')).toBe(false);
    expect(sut.isEmpty()).toBe(true);
  });

  it('"select all" covers every missing record of the table, also those never loaded', () => {
    sut.select('customers', 'c1');
    sut.selectAll('customers');

    expect(sut.isAll('customers')).toBe(true);
    expect(sut.selectedCount('customers')).toBe(5000);
    // An id the panel never loaded counts as selected too.
    expect(sut.isSelected('customers', 'not-loaded-id-4999')).toBe(true);
    expect(sut.total()).toBe(5000);
    expect(sut.toSelections()).toEqual([{ table: 'customers', all: true }]);
  });

  it('does not let a single record be unticked while "all" is on, so no record silently drops out', () => {
    sut.selectAll('customers');
    sut.deselect('customers', 'c1');
    sut.toggle('customers', 'c2');
    expect(sut.isAll('customers')).toBe(true);
    expect(sut.selectedCount('customers')).toBe(5000);
  });

  it('toggleAll goes none → all → none and is indeterminate with some ids', () => {
    sut.select('customer_notes', 'n1');
    expect(sut.isPartial('customer_notes')).toBe(true);
    sut.toggleAll('customer_notes');
    expect(sut.isAll('customer_notes')).toBe(true);
    expect(sut.isPartial('customer_notes')).toBe(false);
    sut.toggleAll('customer_notes');
    expect(sut.isAll('customer_notes')).toBe(false);
    expect(sut.selectedCount('customer_notes')).toBe(0);
  });

  it('ignores "select all" on a table with nothing missing', () => {
    sut.selectAll('users');
    expect(sut.isAll('users')).toBe(false);
    expect(sut.isEmpty()).toBe(true);
  });

  it('refuses tables that are not in the comparison', () => {
    expect(() => sut.select('invoices', 'x')).toThrow(/invoices/);
    expect(() => sut.selectAll('invoices')).toThrow(/invoices/);
  });

  it('builds the request selections in report order: ids per table, all: true for "select all", empty tables left out', () => {
    sut.select('customer_notes', 'n2');
    sut.select('customer_notes', 'n1');
    sut.selectAll('customers');
    expect(sut.toSelections()).toEqual([
      { table: 'customers', all: true },
      { table: 'customer_notes', ids: ['n2', 'n1'] },
    ]);

    sut.clearTable('customers');
    sut.select('customers', 'c9');
    expect(sut.toSelections()).toEqual([
      { table: 'customers', ids: ['c9'] },
      { table: 'customer_notes', ids: ['n2', 'n1'] },
    ]);
  });

  it('leaves a table out of the request once its last id is deselected', () => {
    sut.select('customers', 'c1');
    sut.deselect('customers', 'c1');
    expect(sut.toSelections()).toEqual([]);
  });

  it('clears everything after a sync', () => {
    sut.select('customers', 'c1');
    sut.selectAll('customer_notes');
    sut.clear();
    expect(sut.total()).toBe(0);
    expect(sut.isEmpty()).toBe(true);
    expect(sut.isAll('customer_notes')).toBe(false);
    expect(sut.isSelected('customers', 'c1')).toBe(false);
    expect(sut.toSelections()).toEqual([]);
  });

  it('starts over when a new report arrives', () => {
    sut.select('customers', 'c1');
    sut.reset([{ table: 'customers', missing: 2 }]);
    expect(sut.isEmpty()).toBe(true);
    sut.selectAll('customers');
    expect(sut.total()).toBe(2);
  });

  it('selects a customer with its notes in one step, and "Select these" replaces the selection exactly', () => {
    sut.select('customers', 'c9');
    sut.selectMany([
      { table: 'customers', id: 'c1' },
      { table: 'customer_notes', id: 'n1' },
      { table: 'customer_notes', id: 'n2' },
      { table: 'not_compared', id: 'x' },
    ]);
    expect(sut.toSelections()).toEqual([
      { table: 'customers', ids: ['c9', 'c1'] },
      { table: 'customer_notes', ids: ['n1', 'n2'] },
    ]);
    sut.replaceWith([{ table: 'customer_notes', id: 'n2' }]);
    expect(sut.toSelections()).toEqual([{ table: 'customer_notes', ids: ['n2'] }]);
    sut.replaceWith({ table: 'customers', all: true });
    expect(sut.toSelections()).toEqual([{ table: 'customers', all: true }]);
  });
});
