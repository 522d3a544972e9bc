import type { PoolClient } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import { isConnectionError, translateConnectionError } from './errors';
import { encodeKey } from './record-key';
import { castTo, qualifiedTable, quoteIdent, TEXT_ROUND_TRIP_SETTINGS } from './sql';
import type { SyncTable } from './sync-tables';

/** The rows of one table as Development has them now, in the text form of the shared columns. */
export interface DevTableRows {
  /** Encoded id → values in `SyncTable.shared` order (null for SQL NULL). */
  rows: Map<string, (string | null)[]>;
  /** Planned ids Development no longer has. */
  gone: string[];
}

export interface DevReader {
  /** Resolves when the table's rows have been read (tables are read in the order given). */
  rows(table: string): Promise<DevTableRows>;
  /** Stops after the table being read and closes the Dev transaction; never rejects. */
  close(): Promise<void>;
}

/** Keys per statement: bounds each bound array and result set. */
const READ_CHUNK = 10_000;

async function readTable(
  client: PoolClient,
  schema: string,
  table: SyncTable,
  keys: readonly string[][],
): Promise<DevTableRows> {
  const key = table.devKey;
  const params = key.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = key.map((_, i) => `c${i}`).join(', ');
  const where = key.map((c, i) => `t.${quoteIdent(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
  const columns = table.shared.map((c) => `t.${quoteIdent(c.name)}::text`).join(', ');
  // Same index-probe shape as key-queries.lookupRows; rows come back as arrays
  // (no per-row object), column 0 being the tuple's position.
  const text =
    `SELECT k.ord, t.* FROM unnest(${params}) WITH ORDINALITY AS k(${aliases}, ord) ` +
    `CROSS JOIN LATERAL (SELECT ${columns} FROM ${qualifiedTable(schema, table.name)} t WHERE ${where} LIMIT 1) t`;
  const found: ((string | null)[] | undefined)[] = new Array(keys.length);
  for (let start = 0; start < keys.length; start += READ_CHUNK) {
    const chunk = keys.slice(start, start + READ_CHUNK);
    const result = await client.query<(string | null)[]>({
      text,
      values: key.map((_, i) => chunk.map((k) => k[i])),
      rowMode: 'array',
    });
    for (const row of result.rows) {
      found[start + Number(row[0]) - 1] = row.slice(1);
    }
  }
  const rows = new Map<string, (string | null)[]>();
  const gone: string[] = [];
  keys.forEach((k, i) => {
    const values = found[i];
    if (values) {
      rows.set(encodeKey(k), values);
    } else {
      gone.push(encodeKey(k));
    }
  });
  return { rows, gone };
}

/**
 * Re-reads the planned rows from Development at apply time, all tables in one
 * REPEATABLE READ READ ONLY transaction so a parent and its children come from
 * the same snapshot. It runs ahead of the caller: while Production inserts one
 * table, the next is already being read. Values are read as text and cast back
 * on the Prod side, which preserves every type exactly (TEXT_ROUND_TRIP_SETTINGS).
 */
export function startDevReader(
  dev: CrmDatabase,
  schema: string,
  work: readonly { table: SyncTable; keys: string[][] }[],
): DevReader {
  const settled = new Map<
    string,
    {
      promise: Promise<DevTableRows>;
      resolve: (r: DevTableRows) => void;
      reject: (e: unknown) => void;
    }
  >();
  for (const { table } of work) {
    let resolve!: (r: DevTableRows) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<DevTableRows>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // The caller may stop before asking for every table: no unhandled rejection then.
    promise.catch(() => undefined);
    settled.set(table.name, { promise, resolve, reject });
  }
  let stopped = false;
  const run = async () => {
    let client: PoolClient | undefined;
    let broken = false;
    const onConnectionError = () => {
      broken = true;
    };
    try {
      client = await dev.pool.connect();
      // A connection cut while checked out is emitted as an 'error' event; without a listener it would crash the process.
      client.on('error', onConnectionError);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(TEXT_ROUND_TRIP_SETTINGS.join('; '));
      for (const { table, keys } of work) {
        if (stopped) {
          break;
        }
        settled.get(table.name)?.resolve(await readTable(client, schema, table, keys));
      }
      await client.query('COMMIT');
    } catch (error) {
      broken = broken || isConnectionError(error);
      await client?.query('ROLLBACK').catch(() => undefined);
      const translated = translateConnectionError('development', error);
      for (const entry of settled.values()) {
        entry.reject(translated);
      }
    } finally {
      // A connection that failed is destroyed rather than returned to the pool.
      client?.off('error', onConnectionError);
      client?.release(broken);
    }
  };
  const done = run();
  return {
    rows: (table) => settled.get(table)?.promise ?? Promise.reject(new Error(`${table} is not in the plan`)),
    close: async () => {
      stopped = true;
      await done;
    },
  };
}
