import type { Queryable } from '../db/queryable';

/*
 * Column types a CRM uses, each with values as SQL literals grouped by the
 * type's own equality: literals in one group are equal values spelled
 * differently (numeric 1.0 and 1, jsonb key order, the same instant at two
 * offsets), different groups are different values. The groups hold the cases
 * a hash gets wrong: values that hash like NULL (float 0, numeric NaN and
 * ±Infinity, empty jsonb, timetz 00:00+00), values a hash cannot tell apart
 * (array dimensions, jsonb nesting, timetz time/zone swaps), special floats,
 * unicode normalisation forms, empty containers and long values.
 */

export interface CatalogType {
  /** Column name. */
  column: string;
  /** The column's SQL type. */
  type: string;
  /** False for types without an equality operator: compared by text. */
  equality: boolean;
  groups: string[][];
}

const LONG = 'x'.repeat(6000);
const NFC = '\u00e9';
const NFD = 'e\u0301';

/** Types the catalog's user-defined columns need; run before creating a table. */
export const CATALOG_TYPES_SQL = `
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  CREATE DOMAIN amount AS numeric(12, 2);
  CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
  CREATE TYPE address AS (street text, zip numeric, seen timestamptz);`;

export const VALUE_CATALOG: CatalogType[] = [
  { column: 'c_int2', type: 'smallint', equality: true, groups: [['0'], ['-32768'], ['32767'], ['1', '+1']] },
  { column: 'c_int4', type: 'integer', equality: true, groups: [['0'], ['-1'], ['2147483647'], ['42', ' 42']] },
  {
    column: 'c_int8',
    type: 'bigint',
    equality: true,
    groups: [['0'], ['-9223372036854775808'], ['9223372036854775807'], ['7']],
  },
  {
    column: 'c_numeric',
    type: 'numeric',
    equality: true,
    groups: [
      ['0', '0.000', '-0'],
      ['1', '1.0', '1.00'],
      ['NaN'],
      ['Infinity'],
      ['-Infinity'],
      ['123456789012345678901234567890.123456789'],
      ['-0.5', '-0.50'],
    ],
  },
  {
    column: 'c_numeric_scaled',
    type: 'numeric(12,3)',
    equality: true,
    groups: [['0', '0.0'], ['1.5', '1.500'], ['NaN'], ['-12345.678']],
  },
  {
    column: 'c_float4',
    type: 'real',
    equality: true,
    groups: [['0', '-0'], ['1.5'], ['NaN'], ['Infinity'], ['-Infinity'], ['3.4028235e38'], ['1e-45']],
  },
  {
    column: 'c_float8',
    type: 'double precision',
    equality: true,
    groups: [
      ['0', '-0', '0.0'],
      ['0.1'],
      ['NaN'],
      ['Infinity'],
      ['-Infinity'],
      ['1.7976931348623157e308'],
      ['5e-324'],
      ['0.30000000000000004'],
    ],
  },
  {
    column: 'c_text',
    type: 'text',
    equality: true,
    groups: [[''], ['a'], [NFC], [NFD], ['😀'], [' a '], [LONG], [`${LONG.slice(1)}y`], ['NULL'], ['\\N']],
  },
  { column: 'c_varchar', type: 'varchar(40)', equality: true, groups: [[''], ['Ann'], ['ann'], ['Ann ']] },
  { column: 'c_char', type: 'char(5)', equality: true, groups: [['ab', 'ab   ', 'ab '], ['', '  '], ['abc']] },
  {
    column: 'c_date',
    type: 'date',
    equality: true,
    groups: [['2024-01-01', '2024-1-1'], ['infinity'], ['-infinity'], ['2000-01-01'], ['4713-01-01 BC']],
  },
  {
    column: 'c_timestamp',
    type: 'timestamp',
    equality: true,
    groups: [
      ['2024-01-01 00:00:00', '2024-01-01T00:00:00.000'],
      ['infinity'],
      ['-infinity'],
      ['2000-01-01 00:00:00'],
      ['2024-02-29 23:59:59.999999'],
    ],
  },
  {
    column: 'c_timestamptz',
    type: 'timestamptz',
    equality: true,
    groups: [
      ['2024-01-01 12:00:00+00', '2024-01-01 13:00:00+01', '2024-01-01 07:00:00-05'],
      ['infinity'],
      ['2000-01-01 00:00:00+00'],
      ['1999-12-31 23:59:59.999999+00'],
    ],
  },
  {
    column: 'c_time',
    type: 'time',
    equality: true,
    groups: [['00:00:00'], ['23:59:59.999999'], ['12:00:00', '12:00']],
  },
  {
    column: 'c_timetz',
    type: 'timetz',
    equality: true,
    groups: [['00:00:00+00'], ['00:00:00+01'], ['01:00:00+01'], ['00:00:00.0036+00'], ['00:00:00-01']],
  },
  {
    column: 'c_interval',
    type: 'interval',
    equality: true,
    groups: [['1 day', '24 hours', '86400 seconds'], ['1 mon', '30 days'], ['0', '00:00:00'], ['-1 year']],
  },
  {
    column: 'c_bytea',
    type: 'bytea',
    equality: true,
    groups: [['\\x'], ['\\x00'], ['\\xdeadbeef', '\\xDEADBEEF'], [`\\x${'ab'.repeat(5000)}`]],
  },
  {
    column: 'c_json',
    type: 'json',
    equality: false,
    groups: [['{}'], ['[]'], ['{"a":1}'], ['{"a": 1}'], ['null'], ['[1,[2]]'], ['[[1],2]']],
  },
  {
    column: 'c_jsonb',
    type: 'jsonb',
    equality: true,
    groups: [
      ['{}', '{ }'],
      ['[]'],
      ['{"a":1}', '{"a": 1}', '{"a":1.0}'],
      ['{"a":1,"b":2}', '{"b":2,"a":1}'],
      ['null'],
      ['[1,[2]]'],
      ['[[1],2]'],
      ['{"a":"b"}'],
      ['["a","b"]'],
      ['""'],
      ['0', '0.0', '-0'],
      [`"${NFC}"`],
      [`"${NFD}"`],
      [`{"long":"${LONG}"}`],
    ],
  },
  {
    column: 'c_bool',
    type: 'boolean',
    equality: true,
    groups: [
      ['true', 't', 'yes'],
      ['false', 'f', 'no'],
    ],
  },
  {
    column: 'c_uuid',
    type: 'uuid',
    equality: true,
    groups: [
      ['00000000-0000-0000-0000-000000000000'],
      ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
    ],
  },
  {
    column: 'c_inet',
    type: 'inet',
    equality: true,
    groups: [['192.168.0.1', '192.168.0.1/32'], ['192.168.0.1/24'], ['::1'], ['0.0.0.0/0'], ['::ffff:1.2.3.4']],
  },
  { column: 'c_cidr', type: 'cidr', equality: true, groups: [['10.0.0.0/8', '10/8'], ['10.0.0.0/16'], ['::/0']] },
  {
    column: 'c_macaddr',
    type: 'macaddr',
    equality: true,
    groups: [['08:00:2b:01:02:03', '08-00-2b-01-02-03', '0800.2b01.0203'], ['00:00:00:00:00:00']],
  },
  {
    column: 'c_int4range',
    type: 'int4range',
    equality: true,
    groups: [['empty', '[1,1)'], ['[1,3]', '[1,4)', '(0,3]'], ['(,)'], ['[0,)'], ['(,0)']],
  },
  {
    column: 'c_numrange',
    type: 'numrange',
    equality: true,
    groups: [['[1.0,2)', '[1,2.00)'], ['empty'], ['(,)'], ['[0,0]']],
  },
  {
    column: 'c_tstzrange',
    type: 'tstzrange',
    equality: true,
    groups: [
      ['[2024-01-01 00:00+00,2024-01-02 00:00+00)', '[2024-01-01 01:00+01,2024-01-02 01:00+01)'],
      ['empty'],
      ['(,)'],
    ],
  },
  {
    column: 'c_daterange',
    type: 'daterange',
    equality: true,
    groups: [['[2024-01-01,2024-01-05]', '[2024-01-01,2024-01-06)'], ['empty']],
  },
  {
    column: 'c_text_array',
    type: 'text[]',
    equality: true,
    groups: [['{}'], ['{""}'], ['{NULL}'], ['{a,b}', '{"a","b"}'], ['{{a,b},{c,d}}'], ['{a,b,c,d}'], ['[2:3]={a,b}']],
  },
  {
    column: 'c_int_array',
    type: 'integer[]',
    equality: true,
    groups: [['{}'], ['{NULL}'], ['{0}'], ['{1,2,3,4}'], ['{{1,2},{3,4}}'], ['[0:3]={1,2,3,4}']],
  },
  {
    column: 'c_numeric_array',
    type: 'numeric[]',
    equality: true,
    groups: [['{1.0,2}', '{1,2.00}'], ['{NaN}'], ['{Infinity}'], ['{NULL}'], ['{}']],
  },
  {
    column: 'c_jsonb_array',
    type: 'jsonb[]',
    equality: true,
    groups: [['{}'], ['{"{}"}'], ['{"[]"}'], ['{"{\\"a\\": 1.0}"}', '{"{\\"a\\":1}"}'], ['{NULL}']],
  },
  {
    column: 'c_float_array',
    type: 'double precision[]',
    equality: true,
    groups: [['{0}', '{-0}'], ['{NULL}'], ['{NaN}']],
  },
  { column: 'c_enum', type: 'mood', equality: true, groups: [['sad'], ['ok'], ['happy']] },
  { column: 'c_amount', type: 'amount', equality: true, groups: [['0', '0.00'], ['1.5', '1.50'], ['NaN']] },
  { column: 'c_email', type: 'email_address', equality: true, groups: [['a@b.c'], ['A@b.c']] },
  {
    column: 'c_address',
    type: 'address',
    equality: true,
    groups: [
      ['("Main St",1.0,"2024-01-01 00:00+00")', '("Main St",1,"2024-01-01 01:00+01")'],
      ['(,,)'],
      ['("",,)'],
      ['("Main St",,)'],
    ],
  },
  { column: 'c_xml', type: 'xml', equality: false, groups: [['<a/>'], ['<a></a>'], ['<a>x</a>']] },
  { column: 'c_point', type: 'point', equality: false, groups: [['(1,2)', '(1.0,2.0)'], ['(0,0)'], ['(-0,0)']] },
  { column: 'c_bit', type: 'bit(4)', equality: true, groups: [['1010'], ['0000']] },
  { column: 'c_varbit', type: 'bit varying', equality: true, groups: [[''], ['0'], ['00']] },
];

/**
 * One-column changes PostgreSQL's own hashes cannot see (each measured on
 * PG15), and equal values spelled differently: `[column type, Development's
 * literal, Production's literal, do they differ]`.
 */
export const HASH_BLIND_CASES: [string, string | null, string | null, boolean][] = [
  ['jsonb', null, '{}', true],
  ['jsonb', null, '[]', true],
  ['jsonb', '{}', '[]', true],
  ['jsonb', '{"a":1.0}', '{"a": 1}', false],
  ['double precision', null, '0', true],
  ['double precision', '-0', '0', false],
  ['real', null, '0', true],
  ['numeric', 'NaN', 'Infinity', true],
  ['numeric', null, 'NaN', true],
  ['numeric', '1', '-1', true],
  ['numeric', 'Infinity', '-Infinity', true],
  ['numeric', '1.0', '1', false],
  ['integer[]', '{1,2,3,4}', '{{1,2},{3,4}}', true],
  ['integer[]', '{1,2}', '[2:3]={1,2}', true],
  ['numeric[]', '{1.0}', '{1}', false],
  ['timetz', null, '00:00:00+00', true],
  ['timetz', '00:00:00.0036+00', '00:00:00-01', true],
  ['timestamptz', '2024-01-01 12:00+00', '2024-01-01 13:00+01', false],
  ['interval', '1 day', '24 hours', false],
  ['text', NFC, NFD, true],
];

/** A table with one camelCase column per type of {@link HASH_BLIND_CASES} and one row per case. */
export async function hashBlindTables(dev: Queryable, prod: Queryable, table: string): Promise<void> {
  const types = [...new Set(HASH_BLIND_CASES.map(([type]) => type))];
  const column = (type: string) => `"col${types.indexOf(type)}Value"`;
  const ddl = `CREATE TABLE "${table}" ("caseNo" int PRIMARY KEY, ${types.map((t) => `${column(t)} ${t}`).join(', ')})`;
  const rows = (side: 1 | 2) =>
    HASH_BLIND_CASES.map(
      (c, i) =>
        `INSERT INTO "${table}" ("caseNo", ${column(c[0])}) VALUES (${i}, ${c[side] === null ? 'NULL' : `'${c[side]}'`})`,
    ).join(';');
  await Promise.all([dev.query(`${ddl}; ${rows(1)}`), prod.query(`${ddl}; ${rows(2)}`)]);
}

/** What a comparison of {@link hashBlindTables} must list as differing: record id → columns. */
export function hashBlindExpected(): Map<string, string[]> {
  const types = [...new Set(HASH_BLIND_CASES.map(([type]) => type))];
  return new Map(
    HASH_BLIND_CASES.flatMap(([type, , , differs], i) =>
      differs ? [[String(i), [`col${types.indexOf(type)}Value`]] as [string, string[]]] : [],
    ),
  );
}
