import type { RecordPin } from '@vantix/contracts';
import type { CrmDatabase } from '../db/crm-database';
import { digestSql, fingerprintSql, toPin } from '../db/fingerprint';
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
  /**
   * Read for a reviewed sync: each row's fingerprint, from the same read as
   * its values; per-column digests only where the fingerprint is not the
   * pinned one (they name the changed columns).
   */
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

/** Reviewed pins of one table: id → the comparison's pin (null: a record stored before pins existed). */
type TablePins = ReadonlyMap<string, RecordPin | null>;

/**
 * Reads the rows of `keys` with `columns` selected, one index probe per key,
 * a chunk of keys at a time; undefined where Development has no such row.
 */
async function readByKey(
  session: ReadSession,
  schema: string,
  table: SyncTable,
  keys: readonly RecordKey[],
  columns: string,
): Promise<((string | null)[] | undefined)[]> {
  const key = table.devKey;
  const params = key.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = key.map((_, i) => `c${i}`).join(', ');
  const where = key.map((c, i) => `t.${ident(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
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
  return found;
}

/**
 * The full pins (digest and per-column digests) of the records whose digest
 * is no longer the pinned one, read in the same snapshot: the per-column
 * digests only name the changed columns, so the common case, nothing
 * changed, does not pay for them (they cost as much as the rest of the read).
 */
async function changedPins(
  session: ReadSession,
  schema: string,
  table: SyncTable,
  reviewed: TablePins,
  now: Map<string, RecordPin>,
  keyOf: Map<string, RecordKey>,
): Promise<void> {
  const moved = [...now].filter(([id, pin]) => {
    const pinned = reviewed.get(id);
    return pinned != null && pinned.fingerprint !== pin.fingerprint;
  });
  if (moved.length === 0) {
    return;
  }
  const names = table.dev.columns.map((c) => c.name);
  const fingerprint = fingerprintSql('t', names);
  const keys = moved.map(([id]) => keyOf.get(id) as RecordKey);
  const found = await readByKey(session, schema, table, keys, fingerprint.select);
  moved.forEach(([id], i) => {
    const values = found[i];
    if (values) {
      now.set(id, toPin(fingerprint.columns, values[0], values[1]));
    }
  });
}

async function readTable(
  session: ReadSession,
  schema: string,
  table: SyncTable,
  keys: readonly RecordKey[],
  reviewed: TablePins | undefined,
): Promise<DevTableRows> {
  // The digest comes from the very row whose values are inserted: what was checked is what is written.
  const digest = reviewed
    ? digestSql(
        't',
        table.dev.columns.map((c) => c.name),
      )
    : null;
  const columns = [...table.copied.map((c) => `t.${ident(c.name)}::text`), ...(digest ? [digest] : [])].join(', ');
  const width = table.copied.length;
  const found = await readByKey(session, schema, table, keys, columns);
  const rows = new Map<string, (string | null)[]>();
  const gone: string[] = [];
  const pins = reviewed ? new Map<string, RecordPin>() : undefined;
  const keyOf = new Map<string, RecordKey>();
  keys.forEach((k, i) => {
    const values = found[i];
    const id = encodeRecordId(k);
    if (!values) {
      gone.push(id);
    } else if (pins) {
      rows.set(id, values.slice(0, width));
      pins.set(id, { fingerprint: String(values[width]), columns: {} });
      keyOf.set(id, k);
    } else {
      rows.set(id, values);
    }
  });
  if (!reviewed || !pins) {
    return { rows, gone };
  }
  await changedPins(session, schema, table, reviewed, pins, keyOf);
  return { rows, gone, pins };
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
  work: readonly { table: SyncTable; keys: readonly RecordKey[]; pins?: TablePins }[],
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
        settled.get(table.name)?.resolve(await readTable(session, schema, table, keys, pins));
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
