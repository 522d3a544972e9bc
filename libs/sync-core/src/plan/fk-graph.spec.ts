import type { TableSchema } from '../introspect/table-schema';
import { insertOrder, orderRowsBySelfReference } from './fk-graph';

function table(name: string, refs: { to: string; nullable?: boolean; column?: string }[] = []): TableSchema {
  return {
    name,
    columns: [
      { name: 'id', dataType: 'uuid', nullable: false },
      ...refs.map((r) => ({
        name: r.column ?? `${r.to}_id`,
        dataType: 'uuid',
        nullable: r.nullable ?? false,
      })),
    ],
    primaryKey: ['id'],
    foreignKeys: refs.map((r) => ({
      constraintName: `${name}_${r.column ?? `${r.to}_id`}_fkey`,
      columns: [r.column ?? `${r.to}_id`],
      referencedTable: r.to,
      referencedColumns: ['id'],
    })),
  };
}

describe(insertOrder.name, () => {
  it('puts the CRM tables parents first, whatever order they are given in', () => {
    const crm = [
      table('customer_files', [{ to: 'customers' }, { to: 'users', nullable: true, column: 'uploaded_by' }]),
      table('customer_notes', [{ to: 'customers' }, { to: 'users', nullable: true, column: 'author_id' }]),
      table('customers', [{ to: 'users', nullable: true, column: 'owner_id' }]),
      table('users'),
    ];
    expect(insertOrder(crm)).toEqual(['users', 'customers', 'customer_files', 'customer_notes']);
    expect(insertOrder([...crm].reverse())).toEqual(['users', 'customers', 'customer_notes', 'customer_files']);
  });

  it('ignores self-references and references to tables outside the sync', () => {
    const tables = [
      table('comments', [{ to: 'comments', column: 'parent_id' }, { to: 'posts' }]),
      table('posts', [{ to: 'accounts' }]),
    ];
    expect(insertOrder(tables)).toEqual(['posts', 'comments']);
  });

  it('orders a cycle by its mandatory references, then the rest after it', () => {
    // a → b is optional, b → a mandatory: a must come first; c depends on b.
    const tables = [table('c', [{ to: 'b' }]), table('b', [{ to: 'a' }]), table('a', [{ to: 'b', nullable: true }])];
    expect(insertOrder(tables)).toEqual(['a', 'b', 'c']);
  });

  it('still returns every table, deterministically, for a cycle of mandatory references', () => {
    const tables = [table('x', [{ to: 'y' }]), table('y', [{ to: 'x' }]), table('z')];
    expect(insertOrder(tables)).toEqual(['x', 'y', 'z']);
  });
});

describe(orderRowsBySelfReference.name, () => {
  it('puts referenced rows before the rows that reference them, keeping input order otherwise', () => {
    const order = orderRowsBySelfReference([
      { key: 'reply-2', parents: ['reply-1'] },
      { key: 'reply-1', parents: ['root'] },
      { key: 'other', parents: ['in-prod-already'] },
      { key: 'root', parents: [] },
    ]);
    expect(order).toEqual(['other', 'root', 'reply-1', 'reply-2']);
  });

  it('keeps rows in a reference cycle (one statement can insert them together)', () => {
    expect(
      orderRowsBySelfReference([
        { key: 'a', parents: ['b'] },
        { key: 'b', parents: ['a'] },
      ]),
    ).toEqual(['a', 'b']);
  });
});
