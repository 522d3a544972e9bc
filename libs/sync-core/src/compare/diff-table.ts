import type { RecordKind } from '@vantix/contracts';
import { chooseBucketCount, dirtyBuckets, estimateRows, sumBuckets } from './bucket-pass';
import { bucketSql, idSql, rowHashSql } from './hash-sql';
import type { ReadSession } from './read-session';
import { mergeSorted } from './sorted-merge';
import { qualified } from './sql-text';
import type { TablePairing } from './table-pairing';

/** One record that is not the same on both sides. */
export interface DiffEvent {
  kind: RecordKind;
  id: string;
}

export interface TableDiff {
  devCount: number;
  prodCount: number;
  /** The differing records, in batches, in (key hash, id) order. */
  events: AsyncGenerator<DiffEvent[]>;
}

const KIND: Record<string, RecordKind> = {
  onlyDev: 'missingInProduction',
  onlyProd: 'missingInDevelopment',
  changed: 'differing',
};

// Above this share of differing buckets, filtering saves nothing: stream all rows.
const FILTER_LIMIT = 0.5;
const FETCH_ROWS = 5_000;
// A drill-down result up to this many rows is read in one go (~15 MB in Node).
const WHOLE_RESULT_ROWS = 100_000;

async function* whole(session: ReadSession, sql: string, params: unknown[]): AsyncGenerator<unknown[][]> {
  yield await session.queryArrays(sql, params);
}

/**
 * Compares one table's data on both sides, both databases working at once:
 *
 * 1. Bucket pass: each side hashes every row and aggregates count and XOR of
 *    row hashes per key-hash bucket (one scan, one row per bucket to Node).
 * 2. Drill-down: only the rows of buckets that differ are streamed, as (bucket,
 *    id, row hash) sorted by bucket and id, and merged in Node.
 *
 * Node holds the bucket arrays (bounded by MAX_BUCKETS) and one fetch batch per
 * side, whatever the table's size. Counts and lists come from the sessions'
 * snapshots, so they agree.
 */
export interface DiffTuning {
  /** Drill-downs up to this many rows per side are read in one query; larger ones stream. */
  wholeResultRows?: number;
  /** Rows per FETCH when streaming. */
  fetchRows?: number;
}

export async function diffTable(
  dev: ReadSession,
  prod: ReadSession,
  schema: string,
  pairing: TablePairing,
  tuning: DiffTuning = {},
): Promise<TableDiff> {
  const shared = pairing.shared;
  if (!shared) throw new Error(`table ${pairing.table} cannot be compared`);
  const [devRows, prodRows] = await Promise.all([
    estimateRows(dev, schema, pairing.table),
    estimateRows(prod, schema, pairing.table),
  ]);
  const buckets = chooseBucketCount(Math.max(devRows, prodRows));
  const [devSums, prodSums] = await Promise.all([
    sumBuckets(dev, schema, pairing, buckets),
    sumBuckets(prod, schema, pairing, buckets),
  ]);
  const { bitmap, dirty, devRows: devDirty, prodRows: prodDirty } = dirtyBuckets(devSums, prodSums);
  const filter = dirty / buckets <= FILTER_LIMIT;

  const sql =
    `SELECT b, id, h::text FROM (` +
    `SELECT ${bucketSql('t', shared.key, buckets)} AS b, ${idSql('t', shared.key)} COLLATE "C" AS id, ` +
    `${rowHashSql('t', shared.columns)} AS h FROM ${qualified(schema, pairing.table)} AS t) AS s ` +
    (filter ? `WHERE get_bit($1::bytea, b) = 1 ` : '') +
    `ORDER BY b, id`;
  const params = filter ? [bitmap] : [];

  // Pass 1 counted the rows of every bucket, so the drill-down's size is known
  // exactly: a small one runs as an ordinary query (parallel workers allowed),
  // a large one streams through a cursor so Node's memory stays bounded.
  const read = (session: ReadSession, rows: number): AsyncGenerator<unknown[][]> =>
    rows <= (tuning.wholeResultRows ?? WHOLE_RESULT_ROWS) ? whole(session, sql, params) : session.cursor(sql, params, tuning.fetchRows ?? FETCH_ROWS);

  async function* events(): AsyncGenerator<DiffEvent[]> {
    if (dirty === 0) return;
    const merged = mergeSorted(read(dev, devDirty), read(prod, prodDirty));
    for await (const batch of merged) {
      yield batch.map((entry) => ({ kind: KIND[entry.outcome], id: entry.id }));
    }
  }

  return { devCount: devSums.total, prodCount: prodSums.total, events: events() };
}
