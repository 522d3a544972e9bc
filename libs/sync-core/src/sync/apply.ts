import type { RecordSyncResult } from '@vantix/contracts';
import type { PoolClient } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import type { Queryable } from '../introspect/queryable';
import { startDevReader, type DevReader, type DevTableRows } from './dev-reader';
import { isConnectionError, SyncInProgressError, translateConnectionError } from './errors';
import { orderRowsBySelfReference } from './fk-graph';
import { existingKeys } from './key-queries';
import { tryTakeSyncLock } from './lock';
import { decodeKey, encodeKey } from './record-key';
import { castTo, qualifiedTable, quoteIdent, TEXT_ROUND_TRIP_SETTINGS } from './sql';
import type { SyncTable } from './sync-tables';

/** The per-record reasons the apply step reports. */
export const RecordReason = {
  alreadyInProduction: 'already in production',
  noLongerInDevelopment: 'no longer in development',
  rolledBack: 'not inserted: the sync was rolled back',
  parentNoLongerInDevelopment: (table: string, id: string) => `parent ${table} ${id} no longer in development`,
} as const;

/** What made a sync roll back. Never carries column values (the error detail of PostgreSQL may hold them). */
export interface SyncFailure {
  table: string;
  /** The record whose insert the database refused; null when it could not be singled out (e.g. at COMMIT). */
  id: string | null;
  constraint: string | null;
  /** SQLSTATE, e.g. 23503 for a foreign-key violation. */
  code: string | null;
  /** E.g. `violates foreign key constraint "customer_notes_customer_id_fkey"`. */
  message: string;
}

export interface ApplyReport {
  status: 'committed' | 'rolled_back' | 'nothing_to_do';
  results: RecordSyncResult[];
  /** Rollback only: `<table> <id>: <what was violated>`. */
  error?: string;
  failure?: SyncFailure;
}

/** One table's share of the plan, tables in insert order. */
export interface TableWork {
  table: SyncTable;
  keys: string[][];
}

export interface ApplyContext {
  dev: CrmDatabase;
  prod: CrmDatabase;
  schema: string;
  /** Rows per INSERT statement. */
  batchSize: number;
}

interface DbError {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
  message: string;
}

const CONSTRAINT_KINDS: Record<string, string> = {
  '23503': 'foreign key',
  '23505': 'unique',
  '23514': 'check',
  '23P01': 'exclusion',
};

/** What was violated, in words, without any value from the row. */
export function describeDatabaseError(error: unknown): string {
  const e = error as DbError;
  const kind = e.code === undefined ? undefined : CONSTRAINT_KINDS[e.code];
  if (kind) {
    return `violates ${kind} constraint "${e.constraint}"`;
  }
  if (e.code === '23502') {
    return `violates not-null constraint on column "${e.column}"`;
  }
  // Data errors (class 22) quote the offending value after a colon: drop it.
  return `${String(e.message).replace(/:\s*".*$/s, '')}${e.code ? ` (SQLSTATE ${e.code})` : ''}`;
}

function insertStatement(schema: string, table: SyncTable): string {
  const columns = table.shared;
  // Each column travels as an array of its own type, so PostgreSQL parses the
  // values once, straight into the column type. Array-typed columns travel as
  // text[] and are cast per element instead: `type[][]` is the same type as
  // `type[]` to PostgreSQL and unnest would flatten it.
  const isArray = (c: SyncTable['shared'][number]) => c.dataType.endsWith(']');
  const params = columns.map((c, i) => (isArray(c) ? `$${i + 1}::text[]` : `$${i + 1}${castTo(c)}[]`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const values = columns.map((c, i) => (isArray(c) ? `k.c${i}${castTo(c)}` : `k.c${i}`)).join(', ');
  const key = table.prodKey.map((c) => quoteIdent(c.name)).join(', ');
  // OVERRIDING SYSTEM VALUE: the Dev id is the record's identity on both
  // sides, so it is kept even for a GENERATED ALWAYS identity column.
  // ON CONFLICT names the primary key only: a row whose id appeared in Prod is
  // skipped, while any other unique violation (e.g. a taken e-mail) is an error.
  return (
    `INSERT INTO ${qualifiedTable(schema, table.name)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) ` +
    `OVERRIDING SYSTEM VALUE SELECT ${values} FROM unnest(${params}) AS k(${aliases}) ` +
    `ON CONFLICT (${key}) DO NOTHING RETURNING ${table.prodKey.map((c, i) => `${quoteIdent(c.name)}::text AS r${i}`).join(', ')}`
  );
}

interface Row {
  id: string;
  values: (string | null)[];
}

async function insertBatch(
  client: Queryable,
  sql: string,
  table: SyncTable,
  rows: readonly Row[],
): Promise<Set<string>> {
  const columns = table.shared.map((_, i) => rows.map((r) => r.values[i]));
  const result = await client.query<Record<string, string>>(sql, columns);
  return new Set(result.rows.map((row) => encodeKey(table.prodKey.map((_, i) => row[`r${i}`]))));
}

/**
 * Finds the first row of a refused batch that the database refuses, by
 * bisecting on the batch prefix inside savepoints (each probe is rolled back).
 * ~log2(batch) probes, run only on the failure path.
 */
async function findRefusedRow(
  client: Queryable,
  sql: string,
  table: SyncTable,
  rows: readonly Row[],
): Promise<{ row: Row; error: unknown } | null> {
  const probe = async (length: number): Promise<unknown> => {
    await client.query('SAVEPOINT vx_probe');
    let error: unknown = null;
    try {
      await insertBatch(client, sql, table, rows.slice(0, length));
    } catch (e) {
      if (isConnectionError(e)) {
        throw e;
      }
      error = e;
    }
    await client.query('ROLLBACK TO SAVEPOINT vx_probe');
    return error;
  };
  let failing = await probe(rows.length);
  if (!failing) {
    return null;
  }
  let ok = 0;
  let bad = rows.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    const error = await probe(mid);
    if (error) {
      bad = mid;
      failing = error;
    } else {
      ok = mid;
    }
  }
  return { row: rows[bad - 1], error: failing };
}

/** Production FKs of `table` that point at the primary key of a table in the plan, with their column positions. */
function plannedReferences(table: SyncTable, planned: Map<string, SyncTable>) {
  const refs: { parent: string; positions: number[] }[] = [];
  for (const fk of table.prod.foreignKeys) {
    const parent = planned.get(fk.referencedTable);
    if (!parent || fk.referencedColumns.join('\0') !== parent.prod.primaryKey.join('\0')) {
      continue;
    }
    const positions = fk.columns.map((c) => table.shared.findIndex((s) => s.name === c));
    if (positions.some((p) => p < 0)) {
      continue;
    }
    refs.push({ parent: fk.referencedTable, positions });
  }
  return refs;
}

function referencedId(values: readonly (string | null)[], positions: readonly number[]): string | null {
  const tuple = positions.map((p) => values[p]);
  return tuple.some((v) => v === null) ? null : encodeKey(tuple as string[]);
}

/**
 * The records of one table that cannot be inserted: gone from Dev, or
 * (transitively) referencing a planned parent that is gone from Dev and not in
 * Prod either. Inserting those would only make Prod's FK refuse the whole
 * batch; failing them alone lets the rest commit, and Prod's constraints still
 * guarantee no child is ever committed without its parent. Tables come in
 * insert order, so `blocking` already holds every parent table's verdict;
 * this table's own entry is added here.
 */
async function failedRecords(
  client: Queryable,
  schema: string,
  table: SyncTable,
  rows: DevTableRows,
  planned: Map<string, SyncTable>,
  blocking: Map<string, Set<string>>,
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>(rows.gone.map((id) => [id, RecordReason.noLongerInDevelopment]));
  const refs = plannedReferences(table, planned).filter(
    (ref) => ref.parent === table.name || (blocking.get(ref.parent)?.size ?? 0) > 0,
  );
  // Repeat for self-references: a failed row can block another row of the same table.
  for (let changed = refs.length > 0; changed; ) {
    changed = false;
    for (const [id, values] of rows.rows) {
      if (reasons.has(id)) {
        continue;
      }
      for (const ref of refs) {
        const parentId = referencedId(values, ref.positions);
        if (parentId === null) {
          continue;
        }
        const blocked =
          blocking.get(ref.parent)?.has(parentId) === true || (ref.parent === table.name && reasons.has(parentId));
        if (blocked) {
          reasons.set(id, RecordReason.parentNoLongerInDevelopment(ref.parent, parentId));
          changed = true;
          break;
        }
      }
    }
  }
  if (reasons.size > 0) {
    const ids = [...reasons.keys()];
    const inProd = await existingKeys(
      client,
      schema,
      table.name,
      table.prodKey,
      ids.map((id) => decodeKey(id, table.prodKey.length) as string[]),
    );
    blocking.set(table.name, new Set(ids.filter((id) => !inProd.has(id))));
  }
  return reasons;
}

function rowsInInsertOrder(table: SyncTable, rows: Row[]): Row[] {
  const self = plannedReferences(table, new Map([[table.name, table]]));
  if (self.length === 0) {
    return rows;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const order = orderRowsBySelfReference(
    rows.map((r) => ({
      key: r.id,
      parents: self.map((ref) => referencedId(r.values, ref.positions)).filter((p): p is string => p !== null),
    })),
  );
  return order.map((id) => byId.get(id) as Row);
}

/**
 * Applies a validated plan: one Production transaction holding the sync lock,
 * rows re-read from Development, INSERT … ON CONFLICT (key) DO NOTHING per
 * batch in FK order. Only INSERT statements reach Production.
 */
export async function applyToProduction(ctx: ApplyContext, work: readonly TableWork[]): Promise<ApplyReport> {
  let client: PoolClient;
  try {
    client = await ctx.prod.pool.connect();
  } catch (error) {
    throw translateConnectionError('production', error);
  }
  let broken = false;
  // A connection cut while checked out is emitted as an 'error' event; without
  // a listener it would crash the process. The failing query reports it too.
  const onConnectionError = () => {
    broken = true;
  };
  client.on('error', onConnectionError);
  let reader: DevReader | undefined;
  try {
    await client.query('BEGIN');
    await client.query(TEXT_ROUND_TRIP_SETTINGS.join('; '));
    if (!(await tryTakeSyncLock(client))) {
      await client.query('ROLLBACK');
      throw new SyncInProgressError();
    }
    reader = startDevReader(ctx.dev, ctx.schema, work);
    const planned = new Map(work.map((w) => [w.table.name, w.table]));
    const blocking = new Map<string, Set<string>>();
    const failed = new Map<string, Map<string, string>>();
    const inserted = new Map<string, Set<string>>();

    for (const { table } of work) {
      const devRows = await reader.rows(table.name);
      const reasons = await failedRecords(client, ctx.schema, table, devRows, planned, blocking);
      failed.set(table.name, reasons);
      const rows: Row[] = [];
      for (const [id, values] of devRows.rows) {
        if (!reasons.has(id)) {
          rows.push({ id, values });
        }
      }
      const done = new Set<string>();
      inserted.set(table.name, done);
      if (rows.length === 0) {
        continue;
      }
      const sql = insertStatement(ctx.schema, table);
      const ordered = rowsInInsertOrder(table, rows);
      for (let start = 0; start < ordered.length; start += ctx.batchSize) {
        const batch = ordered.slice(start, start + ctx.batchSize);
        await client.query('SAVEPOINT vx_batch');
        try {
          for (const id of await insertBatch(client, sql, table, batch)) {
            done.add(id);
          }
        } catch (error) {
          if (isConnectionError(error)) {
            throw error;
          }
          await client.query('ROLLBACK TO SAVEPOINT vx_batch');
          const refused = await findRefusedRow(client, sql, table, batch);
          await client.query('ROLLBACK');
          return rolledBack(work, failed, {
            table: table.name,
            id: refused?.row.id ?? null,
            error: refused?.error ?? error,
          });
        }
        await client.query('RELEASE SAVEPOINT vx_batch');
      }
    }

    const results = recordResults(work, failed, inserted);
    if (!results.some((r) => r.status === 'inserted')) {
      await client.query('ROLLBACK');
      return { status: 'nothing_to_do', results };
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      // Only deferred constraints are checked at COMMIT: the record cannot be singled out.
      if (isConnectionError(error)) {
        throw error;
      }
      const e = error as DbError;
      return rolledBack(work, failed, {
        table: e.table ?? work[0].table.name,
        id: null,
        error,
      });
    }
    return { status: 'committed', results };
  } catch (error) {
    broken = broken || isConnectionError(error);
    // After a connection error PostgreSQL has already rolled the transaction back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw translateConnectionError('production', error);
  } finally {
    await reader?.close();
    client.off('error', onConnectionError);
    client.release(broken);
  }
}

function recordResults(
  work: readonly TableWork[],
  failed: Map<string, Map<string, string>>,
  inserted: Map<string, Set<string>>,
): RecordSyncResult[] {
  const results: RecordSyncResult[] = [];
  for (const { table, keys } of work) {
    const reasons = failed.get(table.name);
    const done = inserted.get(table.name);
    for (const key of keys) {
      const id = encodeKey(key);
      const reason = reasons?.get(id);
      if (reason) {
        results.push({ table: table.name, id, status: 'failed', reason });
      } else if (done?.has(id)) {
        results.push({
          table: table.name,
          id,
          status: 'inserted',
          reason: null,
        });
      } else {
        results.push({
          table: table.name,
          id,
          status: 'skipped',
          reason: RecordReason.alreadyInProduction,
        });
      }
    }
  }
  return results;
}

function rolledBack(
  work: readonly TableWork[],
  failed: Map<string, Map<string, string>>,
  cause: { table: string; id: string | null; error: unknown },
): ApplyReport {
  const e = cause.error as DbError;
  const failure: SyncFailure = {
    table: cause.table,
    id: cause.id,
    constraint: e.constraint ?? null,
    code: e.code ?? null,
    message: describeDatabaseError(cause.error),
  };
  const error = `${failure.table}${failure.id === null ? '' : ` ${failure.id}`}: ${failure.message}`;
  const results: RecordSyncResult[] = [];
  for (const { table, keys } of work) {
    for (const key of keys) {
      const id = encodeKey(key);
      const own = table.name === cause.table && id === cause.id;
      const reason = own ? failure.message : (failed.get(table.name)?.get(id) ?? RecordReason.rolledBack);
      results.push({ table: table.name, id, status: 'failed', reason });
    }
  }
  return { status: 'rolled_back', results, error, failure };
}
