import { bucketSql, rowHashSql } from './hash-sql';
import type { ReadSession } from './read-session';
import { qualified } from './sql-text';
import type { TablePairing } from './table-pairing';

/** One side's per-bucket row count and XOR of row hashes. */
export interface BucketSums {
  counts: Int32Array;
  hashes: BigInt64Array;
  total: number;
}

// Rows per bucket aimed at: few enough that the drill-down into buckets that
// differ streams little more than the differing rows themselves, many enough
// that the aggregate's hash table stays small. Measured at 1M customers with
// 0.9% of the keys differing (README): 8 rows/bucket was the fastest.
const ROWS_PER_BUCKET = 8;
const MIN_BUCKETS = 1 << 10;
// Caps Node's memory (24 bytes per bucket per side: 12 MB at the cap) and
// PostgreSQL's aggregate (~190 bytes per group, inside the raised work_mem).
export const MAX_BUCKETS = 1 << 19;

/** A power of two near rows/8, within [2^10, 2^19]. */
export function chooseBucketCount(estimatedRows: number): number {
  let buckets = MIN_BUCKETS;
  while (buckets < MAX_BUCKETS && buckets * ROWS_PER_BUCKET < estimatedRows) buckets *= 2;
  return buckets;
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

// Buckets per result row of pass 1: the per-bucket sums come back packed into
// a few bytea values, not as one row per bucket.
const BUCKETS_PER_ROW_SHIFT = 14;
const ENTRY_BYTES = 16;

/**
 * Pass 1 on one side: a single scan that hashes every row and sums the hashes
 * per key bucket, all inside PostgreSQL. The sums come back packed (16 bytes a
 * bucket: int4 bucket, int4 count, int8 XOR of row hashes) in at most 32 rows,
 * which keeps the query an ordinary one — PostgreSQL may run it with parallel
 * workers, which it never does for a cursor — while Node receives a few MB.
 */
export async function sumBuckets(
  session: ReadSession,
  schema: string,
  pairing: TablePairing,
  buckets: number,
): Promise<BucketSums> {
  const shared = pairing.shared;
  if (!shared) throw new Error(`table ${pairing.table} cannot be compared`);
  const sql =
    `SELECT string_agg(int4send(b) || int4send(n) || int8send(h), ''::bytea) FROM (` +
    `SELECT b, count(*)::int AS n, bit_xor(h) AS h FROM (` +
    `SELECT ${bucketSql('t', shared.key, buckets)} AS b, ${rowHashSql('t', shared.columns)} AS h ` +
    `FROM ${qualified(schema, pairing.table)} AS t) AS s GROUP BY b) AS g GROUP BY b >> ${BUCKETS_PER_ROW_SHIFT}`;
  const counts = new Int32Array(buckets);
  const hashes = new BigInt64Array(buckets);
  let total = 0;
  // The planner cannot know that b has at most `buckets` values, guesses one
  // group per row and picks sort + group (a disk sort of the whole table, 1.5x
  // slower, measured); a hash aggregate is what fits.
  await session.setLocal('enable_sort', 'off');
  try {
    for (const [packed] of (await session.queryArrays(sql)) as [Buffer][]) {
      for (let at = 0; at < packed.length; at += ENTRY_BYTES) {
        const bucket = packed.readInt32BE(at);
        const count = packed.readInt32BE(at + 4);
        counts[bucket] = count;
        hashes[bucket] = packed.readBigInt64BE(at + 8);
        total += count;
      }
    }
  } finally {
    await session.setLocal('enable_sort', 'on');
  }
  return { counts, hashes, total };
}

/** The buckets whose count or hash differs, as a bitmap in `get_bit()` order (LSB first). */
export function dirtyBuckets(
  dev: BucketSums,
  prod: BucketSums,
): { bitmap: Buffer; dirty: number; devRows: number; prodRows: number } {
  const buckets = dev.counts.length;
  const bitmap = Buffer.alloc(Math.ceil(buckets / 8));
  let dirty = 0;
  let devRows = 0;
  let prodRows = 0;
  for (let b = 0; b < buckets; b++) {
    if (dev.counts[b] !== prod.counts[b] || dev.hashes[b] !== prod.hashes[b]) {
      bitmap[b >> 3] |= 1 << (b & 7);
      dirty++;
      devRows += dev.counts[b];
      prodRows += prod.counts[b];
    }
  }
  return { bitmap, dirty, devRows, prodRows };
}
