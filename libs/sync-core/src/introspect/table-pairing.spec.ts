import { isSensitiveColumn } from './sensitive-columns';
import { pairTable, UnknownTableError } from './table-pairing';
import type { ColumnInfo, TableSchema } from './table-schema';

const col = (name: string, dataType = 'text'): ColumnInfo => ({ name, dataType, nullable: true });
const table = (columns: ColumnInfo[], primaryKey = ['id']): TableSchema => ({
  name: 't',
  columns,
  primaryKey,
  foreignKeys: [],
});

describe('pairTable', () => {
  it('shares the columns both sides have, in Development order, and reports the rest as drift', () => {
    const pairing = pairTable(
      't',
      table([col('id', 'uuid'), col('a'), col('dev_only'), col('api_token')]),
      table([col('api_token'), col('a', 'character varying(9)'), col('id', 'uuid'), col('prod_only')]),
    );
    expect(pairing.shared?.columns.map((c) => c.name)).toEqual(['id', 'a', 'api_token']);
    expect(pairing.shared?.columns.find((c) => c.name === 'api_token')?.sensitive).toBe(true);
    expect(pairing.drift).toEqual({
      missingTable: null,
      onlyInDevelopment: ['dev_only'],
      onlyInProduction: ['prod_only'],
      typeMismatches: [{ column: 'a', development: 'text', production: 'character varying(9)' }],
      none: false,
    });
  });

  it('cannot match records without equal primary keys', () => {
    expect(pairTable('t', table([col('id')]), table([col('id')], [])).shared).toBeNull();
    expect(() => pairTable('t', null, null)).toThrow(UnknownTableError);
    expect(pairTable('t', null, table([col('id')])).drift.missingTable).toBe('development');
  });
});

describe('sensitive columns', () => {
  it.each(['password_hash', 'PasswordSalt', 'client_secret', 'api_token', 'refreshToken'])('%s is sensitive', (name) =>
    expect(isSensitiveColumn(name)).toBe(true),
  );
  it.each(['email', 'role', 'tok', 'pass'])('%s is not', (name) => expect(isSensitiveColumn(name)).toBe(false));
});
