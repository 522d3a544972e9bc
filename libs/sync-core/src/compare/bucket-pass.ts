import { type ColumnRule, rowHashSql } from './equality';
import { keyHashSql } from './hash-sql';
import type { ReadSession } from '../db/read-session';
import { qualified } from '../db/sql';
import type { TablePairing } from '../introspect/table-pairing';

/**
 * One level of the bucket tree on one side: for every bucket that holds rows,
 * sorted by bucket id, the row count and the XOR of the row hashes. A bucket
 * id is the low `bits` bits of the key's hash, so the buckets of a finer level
 * nest inside those of a coarser one.
 */
export interface LevelSums {
  buckets: Int32Array;
  counts: Int32Array;
  hashes: BigInt64Array;
  total: number;
}

/** Which rows a level reads: all, or those whose bucket at `bits` is set in `bitmap`. */
export interface BucketFilter {
  bits: number;
  /** Bit i (get_bit order, LSB first) set ⇔ bucket i is to be read. */
  bitmap: Buffer;
}

// Rows per bucket aimed at on the first level, and its cap: PostgreSQL's hash
// aggregate slows down sharply once its table outgrows the CPU caches (measured
// on 2M notes: 2^16 groups 2.8 s, 2^18 groups 4.5 s, floor 3.7 s).
const ROWS_PER_BUCKET = 16;
const MIN_BITS = 10;
export const FIRST_LEVEL_MAX_BITS = 16;
/** The finest level: bucket ids stay int4 and a filter bitmap stays ≤ 1 MB. */
export const MAX_BITS = 23;

/** Bits of the first level: a power of two near rows/16, within [2^10, 2^16]. */
export function firstLevelBits(estimatedRows: number): number {
  let bits = MIN_BITS;
  while (bits < FIRST_LEVEL_MAX_BITS && 2 ** bits * ROWS_PER_BUCKET < estimatedRows) {
    bits++;
  }
  return bits;
}

/**
 * The planner's row estimate (no scan): reltuples once the table was analyzed
 * or vacuumed, otherwise its size in pages at a guessed 100 rows per page.
 */
export async function estimateRows(session: ReadSession, schema: string, table: string): Promise<number> {
  const rows = await session.query<{ estimate: string }>(
    `SELECT (CASE WHEN c.reltuples >= 0 THEN c.reltuples
                  ELSE pg_relation_size(c.oid) / current_setting('block_size')::int * 100 END)::bigint AS estimate
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, table],
  );
  return rows.length ? Number(rows[0].estimate) : 0;
}

/** `(hash & (2^bits - 1))::int`. */
export function maskedSql(hash: string, bits: number): string {
  return `(${hash} & ${2 ** bits - 1})::int`;
}

/** The WHERE clause (with $1 = bitmap) restricting rows to a filter's buckets. */
export function filterSql(hash: string, filter: BucketFilter | null): string {
  return filter ? ` WHERE get_bit($1::bytea, ${maskedSql(hash, filter.bits)}) = 1` : '';
}

// Buckets per result row: the sums come back packed into a few bytea values
// (16 bytes a bucket: int4 id, int4 count, int8 XOR), not as a row per bucket.
const CHUNK_SHIFT = 14;
const ENTRY_BYTES = 16;

/**
 * One level on one side: a single scan that hashes the rows of the filter's
 * buckets and sums them per bucket of `bits`, all inside PostgreSQL. As an
 * ordinary query (not a cursor) PostgreSQL may use parallel workers for it.
 */
export async function sumLevel(
  session: ReadSession,
  schema: string,
  pairing: TablePairing,
  rules: ColumnRule[],
  bits: number,
  filter: BucketFilter | null,
): Promise<LevelSums> {
  const shared = pairing.shared;
  if (!shared) {
    throw new Error(`table ${pairing.table} cannot be compared`);
  }
  const keyHash = keyHashSql('t', shared.key);
  const sql =
    `SELECT b >> ${CHUNK_SHIFT}, string_agg(int4send(b) || int4send(n) || int8send(h), ''::bytea ORDER BY b) FROM (` +
    `SELECT b, count(*)::int AS n, bit_xor(h) AS h FROM (` +
    `SELECT ${maskedSql(keyHash, bits)} AS b, ${rowHashSql('t', rules)} AS h ` +
    `FROM ${qualified(schema, pairing.table)} AS t${filterSql(keyHash, filter)}) AS s GROUP BY b) AS g ` +
    `GROUP BY b >> ${CHUNK_SHIFT}`;
  // The planner cannot know how few distinct buckets there are: it guesses one
  // per row, then prefers a sort of the whole table over a hash aggregate and a
  // serial plan over a parallel one (both measured 1.5-2x slower). Correct it
  // for this query only.
  const rows = (await session.withSettings(
    { enable_sort: 'off', parallel_setup_cost: '0', parallel_tuple_cost: '0' },
    () => session.queryArrays(sql, filter ? [filter.bitmap] : []),
  )) as [number, Buffer][];
  rows.sort((a, b) => a[0] - b[0]);
  const entries = rows.reduce((sum, [, packed]) => sum + packed.length / ENTRY_BYTES, 0);
  const sums: LevelSums = {
    buckets: new Int32Array(entries),
    counts: new Int32Array(entries),
    hashes: new BigInt64Array(entries),
    total: 0,
  };
  let i = 0;
  for (const [, packed] of rows) {
    for (let at = 0; at < packed.length; at += ENTRY_BYTES, i++) {
      sums.buckets[i] = packed.readInt32BE(at);
      sums.counts[i] = packed.readInt32BE(at + 4);
      sums.hashes[i] = packed.readBigInt64BE(at + 8);
      sums.total += sums.counts[i];
    }
  }
  return sums;
}

/** The buckets of a level that differ between the sides, and how many rows they hold. */
export interface DirtyBuckets {
  filter: BucketFilter;
  dirty: number;
  devRows: number;
  prodRows: number;
}

/** Walks both sides' sorted sums once; a bucket present on one side only is dirty. */
export function dirtyBuckets(dev: LevelSums, prod: LevelSums, bits: number): DirtyBuckets {
  const bitmap = Buffer.alloc(Math.ceil(2 ** bits / 8));
  const result: DirtyBuckets = { filter: { bits, bitmap }, dirty: 0, devRows: 0, prodRows: 0 };
  const mark = (bucket: number, devRows: number, prodRows: number) => {
    bitmap[bucket >> 3] |= 1 << (bucket & 7);
    result.dirty++;
    result.devRows += devRows;
    result.prodRows += prodRows;
  };
  let i = 0;
  let j = 0;
  while (i < dev.buckets.length || j < prod.buckets.length) {
    const a = i < dev.buckets.length ? dev.buckets[i] : Infinity;
    const b = j < prod.buckets.length ? prod.buckets[j] : Infinity;
    if (a === b) {
      if (dev.counts[i] !== prod.counts[j] || dev.hashes[i] !== prod.hashes[j]) {
        mark(a, dev.counts[i], prod.counts[j]);
      }
      i++;
      j++;
    } else if (a < b) {
      mark(a, dev.counts[i++], 0);
    } else {
      mark(b, 0, prod.counts[j++]);
    }
  }
  return result;
}
