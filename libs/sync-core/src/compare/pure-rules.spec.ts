import { dirtyBuckets, firstLevelBits, LevelSums } from './bucket-pass';
import { toIsoTimestamp } from './record-facts';
import { recommend } from './recommendations';
import { emptyFindings } from './table-findings';

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
