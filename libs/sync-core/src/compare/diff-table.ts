import type { RecordKind } from '@vantix/contracts';
import {
  dirtyBuckets,
  DirtyBuckets,
  estimateRows,
  filterSql,
  firstLevelBits,
  MAX_BITS,
  maskedSql,
  sumLevel,
} from './bucket-pass';
import { type ColumnRule, rowHashSql } from './equality';
import { idSql, keyHashSql } from './hash-sql';
import type { ReadSession } from '../db/read-session';
import { mergeSorted } from './sorted-merge';
import { qualified } from '../db/sql';
import type { TablePairing } from '../introspect/table-pairing';

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

export interface DiffTuning {
  /** Stop refining once the differing buckets hold at most this many rows per side. */
  rowsLimit?: number;
  /** Drill-downs up to this many rows per side are read in one query; larger ones stream. */
  wholeResultRows?: number;
  /** Rows per FETCH when streaming. */
  fetchRows?: number;
  /** Bits of the first level (default: from the table's size). */
  firstBits?: number;
}

const KIND: Record<string, RecordKind> = {
  onlyDev: 'missingInProduction',
  onlyProd: 'missingInDevelopment',
  changed: 'differing',
};

const ROWS_LIMIT = 50_000;
const WHOLE_RESULT_ROWS = 100_000;
const FETCH_ROWS = 5_000;
// A refined level has at most this many buckets holding rows (4 MB packed per side).
const LEVEL_GROUPS = 1 << 18;
// Aimed-at rows per bucket of a refined level.
const REFINED_ROWS_PER_BUCKET = 4;

async function* whole(session: ReadSession, sql: string, params: unknown[]): AsyncGenerator<unknown[][]> {
  yield await session.queryArrays(sql, params);
}

/** How many bits a refinement adds: ~4 rows per new bucket, within the group and bit caps. */
function refineBits(level: DirtyBuckets): number {
  const rows = Math.max(level.devRows, level.prodRows);
  let k = Math.round(Math.log2(rows / level.dirty / REFINED_ROWS_PER_BUCKET));
  k = Math.min(k, Math.floor(Math.log2(LEVEL_GROUPS / level.dirty)), MAX_BITS - level.filter.bits);
  return Math.max(k, 0);
}

/**
 * Compares one table's data on both sides, both databases working at once, as
 * a tree of hash sums (the approach of checksum-tree comparators):
 *
 * 1. Each side hashes every row and sums count and XOR of row hashes per
 *    bucket of its key's hash (one scan; ≤ 2^16 buckets come back to Node).
 * 2. While the buckets that differ still hold many rows, their rows are summed
 *    again into finer buckets (only they are hashed; the rest of the scan just
 *    tests the key's bucket).
 * 3. The rows of the differing buckets are read as (bucket, id, row hash),
 *    sorted, and merged in Node.
 *
 * Node holds one level's sums (≤ 2^18 buckets), a bitmap (≤ 1 MB) and one fetch
 * batch per side, whatever the table's size. Everything is read through the
 * sessions' snapshots, so counts and lists agree.
 */
export async function diffTable(
  dev: ReadSession,
  prod: ReadSession,
  schema: string,
  pairing: TablePairing,
  rules: ColumnRule[],
  tuning: DiffTuning = {},
): Promise<TableDiff> {
  const shared = pairing.shared;
  if (!shared) {
    throw new Error(`table ${pairing.table} cannot be compared`);
  }
  const both = <T>(work: (session: ReadSession) => Promise<T>) => Promise.all([work(dev), work(prod)]);

  const estimates = await both((session) => estimateRows(session, schema, pairing.table));
  let bits = tuning.firstBits ?? firstLevelBits(Math.max(...estimates));
  const [devSums, prodSums] = await both((session) => sumLevel(session, schema, pairing, rules, bits, null));
  let level = dirtyBuckets(devSums, prodSums, bits);
  const rowsLimit = tuning.rowsLimit ?? ROWS_LIMIT;
  for (;;) {
    const rows = Math.max(level.devRows, level.prodRows);
    // Refining pays while the differing buckets are a small part of the table.
    if (rows <= rowsLimit || level.dirty * 2 > 2 ** bits) {
      break;
    }
    const added = refineBits(level);
    if (added === 0) {
      break;
    }
    bits += added;
    const filter = level.filter;
    const [devFine, prodFine] = await both((session) => sumLevel(session, schema, pairing, rules, bits, filter));
    level = dirtyBuckets(devFine, prodFine, bits);
  }

  const keyHash = keyHashSql('t', shared.key);
  // Every bucket of the level differs (e.g. one side is empty): no filter.
  const filter = level.dirty === 2 ** bits ? null : level.filter;
  const sql =
    `SELECT ${maskedSql(keyHash, bits)} AS b, ${idSql('t', shared.key)} COLLATE "C" AS id, ` +
    `${rowHashSql('t', rules)}::text AS h FROM ${qualified(schema, pairing.table)} AS t` +
    `${filterSql(keyHash, filter)} ORDER BY b, id`;
  const params = filter ? [filter.bitmap] : [];
  // The level's sums give the drill-down's size exactly: a small one runs as an
  // ordinary query (parallel workers allowed), a large one streams through a
  // cursor so Node's memory stays bounded.
  const read = (session: ReadSession, rows: number): AsyncGenerator<unknown[][]> =>
    rows <= (tuning.wholeResultRows ?? WHOLE_RESULT_ROWS)
      ? whole(session, sql, params)
      : session.cursor(sql, params, tuning.fetchRows ?? FETCH_ROWS);
  const dirty = level;

  async function* events(): AsyncGenerator<DiffEvent[]> {
    if (dirty.dirty === 0) {
      return;
    }
    const merged = mergeSorted(read(dev, dirty.devRows), read(prod, dirty.prodRows));
    for await (const batch of merged) {
      yield batch.map((entry) => ({ kind: KIND[entry.outcome], id: entry.id }));
    }
  }

  return { devCount: devSums.total, prodCount: prodSums.total, events: events() };
}
