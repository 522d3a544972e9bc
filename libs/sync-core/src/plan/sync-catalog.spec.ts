import type { ColumnInfo, TableSchema } from '../introspect/table-schema';
import { buildCatalog } from './sync-catalog';

const col = (name: string, dataType = 'text'): ColumnInfo => ({ name, dataType, nullable: false });
function table(name: string, columns: ColumnInfo[], primaryKey = ['id'], parent?: string): TableSchema {
  const foreignKeys = parent
    ? [{ constraintName: `${name}_fk`, columns: ['parent_id'], referencedTable: parent, referencedColumns: ['id'] }]
    : [];
  return { name, columns, primaryKey, foreignKeys };
}

describe(buildCatalog.name, () => {
  it('syncs the columns both sides share, with Production’s types, tables in foreign-key order', () => {
    const dev = new Map<string, TableSchema | null>([
      ['child', table('child', [col('id', 'uuid'), col('parent_id', 'uuid'), col('dev_only')], ['id'], 'parent')],
      ['parent', table('parent', [col('id', 'uuid'), col('name', 'text')])],
    ]);
    const prod = new Map<string, TableSchema | null>([
      ['child', table('child', [col('id', 'uuid'), col('parent_id', 'uuid')], ['id'], 'parent')],
      ['parent', table('parent', [col('name', 'character varying(80)'), col('id', 'uuid')])],
    ]);
    const catalog = buildCatalog(['child', 'parent'], dev, prod);
    expect(catalog.order).toEqual(['parent', 'child']);
    expect(catalog.unusable.size).toBe(0);
    expect(catalog.tables.get('child')?.copied.map((c) => c.name)).toEqual(['id', 'parent_id']);
    expect(catalog.tables.get('parent')?.copied).toEqual([col('id', 'uuid'), col('name', 'character varying(80)')]);
    expect(catalog.tables.get('parent')?.devKey).toEqual([col('id', 'uuid')]);
  });

  it('says why a table cannot be synced: missing on a side, no primary key, keys that differ', () => {
    const t = (name: string, key = ['id']) => table(name, [col('id'), col('other')], key);
    const dev = new Map<string, TableSchema | null>([
      ['no_dev', null],
      ['no_prod', t('no_prod')],
      ['keyless', t('keyless', [])],
      ['rekeyed', t('rekeyed')],
      ['nowhere', null],
    ]);
    const prod = new Map<string, TableSchema | null>([
      ['no_dev', t('no_dev')],
      ['no_prod', null],
      ['keyless', t('keyless', [])],
      ['rekeyed', t('rekeyed', ['other'])],
    ]);
    const catalog = buildCatalog(['no_dev', 'no_prod', 'keyless', 'rekeyed', 'nowhere'], dev, prod);
    expect(catalog.tables.size).toBe(0);
    expect([...catalog.unusable.values()].map((e) => [e.table, e.reason])).toEqual([
      ['no_dev', 'table missing in development'],
      ['no_prod', 'table missing in production'],
      ['keyless', 'table has no primary key'],
      ['rekeyed', 'primary key differs between development and production'],
      ['nowhere', 'table missing in development'],
    ]);
  });
});
