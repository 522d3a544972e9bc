import type { ColumnInfo, TableSchema } from '../introspect/table-schema';
import { dirtyBuckets, firstLevelBits, LevelSums } from './bucket-pass';
import { toIsoTimestamp } from './record-facts';
import { formatRecordId, keyObjectsJson, parseRecordId } from './record-id';
import { recommend } from './recommendations';
import { isSensitiveColumn } from './sensitive-columns';
import { emptyFindings } from './table-findings';
import { pairTable, UnknownTableError } from './table-pairing';

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

describe('record ids', () => {
  it('round-trip single and composite keys', () => {
    expect(formatRecordId(['a'])).toBe('a');
    expect(formatRecordId(['1', 'x"y'])).toBe('["1","x\\"y"]');
    expect(parseRecordId(['a', 'b'], '["1","x\\"y"]')).toEqual(['1', 'x"y']);
    expect(parseRecordId(['a', 'b'], '[1,"x"]')).toBeNull();
    expect(parseRecordId(['a', 'b'], 'nope')).toBeNull();
    expect(keyObjectsJson(['a', 'b'], ['["1","2"]', 'bad'])).toBe('[{"a":"1","b":"2"}]');
  });
});

describe('sensitive columns', () => {
  it.each(['password_hash', 'PasswordSalt', 'client_secret', 'api_token', 'refreshToken'])('%s is sensitive', (name) =>
    expect(isSensitiveColumn(name)).toBe(true),
  );
  it.each(['email', 'role', 'tok', 'pass'])('%s is not', (name) => expect(isSensitiveColumn(name)).toBe(false));
});

describe(toIsoTimestamp.name, () => {
  it('normalises timestamptz, timestamp and date texts to ISO 8601 UTC', () => {
    expect(toIsoTimestamp('2024-03-01T10:00:00.123+00:00')).toBe('2024-03-01T10:00:00.123Z');
    expect(toIsoTimestamp('2024-03-01T12:00:00+02:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(toIsoTimestamp('2024-03-01T10:00:00')).toBe('2024-03-01T10:00:00.000Z');
    expect(toIsoTimestamp('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(toIsoTimestamp(null)).toBeNull();
    expect(toIsoTimestamp('infinity')).toBe('infinity');
  });
});

describe(firstLevelBits.name, () => {
  it('aims at ~16 rows per bucket within fixed bounds, so memory never grows with the table', () => {
    expect(firstLevelBits(0)).toBe(10);
    expect(firstLevelBits(1_000_000)).toBe(16);
    expect(firstLevelBits(1e12)).toBe(16);
  });
});

describe(dirtyBuckets.name, () => {
  const sums = (entries: [number, number, bigint][]): LevelSums => ({
    buckets: Int32Array.from(entries.map((e) => e[0])),
    counts: Int32Array.from(entries.map((e) => e[1])),
    hashes: BigInt64Array.from(entries.map((e) => e[2])),
    total: entries.reduce((s, e) => s + e[1], 0),
  });
  it('marks buckets whose count or hash differs, or that one side lacks, and counts their rows', () => {
    const level = dirtyBuckets(
      sums([
        [1, 2, 5n],
        [3, 1, 7n],
        [9, 4, 1n],
        [12, 1, 1n],
      ]),
      sums([
        [1, 2, 5n],
        [3, 1, 8n],
        [10, 2, 2n],
        [12, 2, 1n],
      ]),
      4,
    );
    expect(level.dirty).toBe(4);
    expect([level.devRows, level.prodRows]).toEqual([1 + 4 + 1, 1 + 2 + 2]);
    expect([...level.filter.bitmap]).toEqual([0b00001000, 0b00010110]);
  });
});

describe(recommend.name, () => {
  it('asks to migrate first when the schema drifted, and puts the most urgent first', () => {
    const drifted = emptyFindings(
      't',
      { missingTable: 'production', onlyInDevelopment: ['id'], onlyInProduction: [], typeMismatches: [], none: false },
      false,
      false,
    );
    const newer = emptyFindings(
      'u',
      { missingTable: null, onlyInDevelopment: [], onlyInProduction: [], typeMismatches: [], none: true },
      true,
      false,
    );
    newer.counts.missingInDevelopment = 5;
    const out = recommend([newer, drifted]);
    expect(out.map((r) => [r.priority, r.table, r.count])).toEqual([
      ['high', 't', 1],
      ['info', 'u', 5],
    ]);
    expect(out[0].action).toContain('does not exist in Production');
    expect(out[0].action).toContain('not compared');
  });
});
