import type { RecordPin } from '@vantix/contracts';
import type { CrmDatabase } from '../db/crm-database';
import { fingerprintSql, toPin } from '../db/fingerprint';
import { ReadSession } from '../db/read-session';
import { encodeRecordId } from '../db/record-id';
import { castTo, ident, qualified } from '../db/sql';
import type { RecordKey } from '../plan/planned-sync';
import type { SyncTable } from '../plan/sync-catalog';

/** The rows of one table as Development has them now, in the text form of the copied columns. */
export interface DevTableRows {
  /** Encoded id → values in `SyncTable.copied` order (null for SQL NULL). */
  rows: Map<string, (string | null)[]>;
  /** Planned ids Development no longer has. */
  gone: string[];
  /** Read for a reviewed sync: each row's fingerprint, from the same read as its values. */
  pins?: Map<string, RecordPin>;
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
  session: ReadSession,
  schema: string,
  table: SyncTable,
  keys: readonly RecordKey[],
  pinned: boolean,
): Promise<DevTableRows> {
  const key = table.devKey;
  const params = key.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = key.map((_, i) => `c${i}`).join(', ');
  const where = key.map((c, i) => `t.${ident(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
  const fingerprint = pinned
    ? fingerprintSql(
        't',
        table.dev.columns.map((c) => c.name),
      )
    : null;
  // The fingerprint comes from the very row whose values are inserted: what was checked is what is written.
  const columns = [
    ...table.copied.map((c) => `t.${ident(c.name)}::text`),
    ...(fingerprint ? [fingerprint.select] : []),
  ].join(', ');
  const width = table.copied.length;
  // Same index-probe shape as key-queries.lookupRows; rows come back as arrays
  // (no per-row object), column 0 being the tuple's position.
  const text =
    `SELECT k.ord, t.* FROM unnest(${params}) WITH ORDINALITY AS k(${aliases}, ord) ` +
    `CROSS JOIN LATERAL (SELECT ${columns} FROM ${qualified(schema, table.name)} t WHERE ${where} LIMIT 1) t`;
  const found: ((string | null)[] | undefined)[] = new Array(keys.length);
  for (let start = 0; start < keys.length; start += READ_CHUNK) {
    const chunk = keys.slice(start, start + READ_CHUNK);
    const rows = (await session.queryArrays(
      text,
      key.map((_, i) => chunk.map((k) => k[i])),
    )) as (string | null)[][];
    for (const row of rows) {
      found[start + Number(row[0]) - 1] = row.slice(1);
    }
  }
  const rows = new Map<string, (string | null)[]>();
  const gone: string[] = [];
  const pins = fingerprint ? new Map<string, RecordPin>() : undefined;
  keys.forEach((k, i) => {
    const values = found[i];
    const id = encodeRecordId(k);
    if (!values) {
      gone.push(id);
    } else if (fingerprint && pins) {
      rows.set(id, values.slice(0, width));
      pins.set(id, toPin(fingerprint.columns, values[width], values[width + 1]));
    } else {
      rows.set(id, values);
    }
  });
  return pins ? { rows, gone, pins } : { rows, gone };
}

/**
 * Re-reads the planned rows from Development at apply time, all tables in one
 * read session (REPEATABLE READ READ ONLY, the pinned text forms) so a parent
 * and its children come from the same snapshot. It runs ahead of the caller:
 * while Production inserts one table, the next is already being read. Values
 * are read as text and cast back on the Prod side, which preserves every type
 * exactly, since both sessions pin the same text forms.
 */
export function startDevReader(
  dev: CrmDatabase,
  schema: string,
  work: readonly { table: SyncTable; keys: readonly RecordKey[]; pins?: unknown }[],
): DevReader {
  const settled = new Map<
    string,
    { promise: Promise<DevTableRows>; resolve: (r: DevTableRows) => void; reject: (e: unknown) => void }
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
    let session: ReadSession | undefined;
    try {
      session = await ReadSession.open(dev);
      for (const { table, keys, pins } of work) {
        if (stopped) {
          break;
        }
        settled.get(table.name)?.resolve(await readTable(session, schema, table, keys, pins !== undefined));
      }
      const done = session;
      session = undefined;
      await done.close();
    } catch (error) {
      // Connection failures come out of the session as DatabaseUnavailableError('development').
      await session?.abandon();
      for (const entry of settled.values()) {
        entry.reject(error);
      }
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
