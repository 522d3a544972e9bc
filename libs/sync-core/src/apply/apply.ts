import { randomUUID } from 'node:crypto';
import type { RecordSyncResult, SyncPlan } from '@vantix/contracts';
import { databaseErrorFields, isConnectionFailure } from '@vantix/db-errors';
import type { PoolClient } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import { translateConnectionError } from '../db/errors';
import { pinSessionSettings } from '../db/session-settings';
import type { PlannedSync } from '../plan/planned-sync';
import { recordResults, rolledBack, type ApplyReport, type SyncFailure, type TableWork } from './apply-report';
import { failedRecords, rowsInInsertOrder } from './blocked-records';
import { startDevReader, type DevReader } from './dev-reader';
import { findRefusedRow, insertBatch, insertStatement, type Row } from './insert-batch';
import { SyncInProgressError, tryTakeSyncLock } from './lock';

export interface ApplyOptions {
  /** PostgreSQL schema of the tables. */
  schema: string;
  /** Rows per INSERT statement. */
  batchSize: number;
}

/** What applying a plan did, per record; `failure` is the structured cause of a rollback. */
export interface SyncOutcome {
  id: string;
  status: ApplyReport['status'];
  summary: { inserted: number; skipped: number; failed: number };
  results: RecordSyncResult[];
  plan: SyncPlan;
  /** Rollback only: `<table> <id>: <what was violated>`. */
  error?: string;
  failure?: SyncFailure;
}

interface ApplyContext extends ApplyOptions {
  dev: CrmDatabase;
  prod: CrmDatabase;
}

/**
 * Applies a plan made by `planSync`: one Production transaction that only
 * inserts (see {@link applyToProduction}). A plan without records touches no
 * database.
 * @throws SyncInProgressError, DatabaseUnavailableError
 */
export async function applyPlan(
  dev: CrmDatabase,
  prod: CrmDatabase,
  options: ApplyOptions,
  plan: PlannedSync,
): Promise<SyncOutcome> {
  const id = randomUUID();
  const work: TableWork[] = plan.tables.map((t) => ({ table: t.table, keys: [...t.selected, ...t.addedParents] }));
  const report: ApplyReport =
    plan.total === 0
      ? { status: 'nothing_to_do', results: [] }
      : await applyToProduction({ dev, prod, ...options, batchSize: Math.max(1, options.batchSize) }, work);
  const count = (status: RecordSyncResult['status']) => report.results.filter((r) => r.status === status).length;
  const outcome: SyncOutcome = {
    id,
    status: report.status,
    summary: { inserted: count('inserted'), skipped: count('skipped'), failed: count('failed') },
    results: report.results,
    plan: plan.toSyncPlan(),
  };
  if (report.error !== undefined) {
    outcome.error = report.error;
  }
  if (report.failure) {
    outcome.failure = report.failure;
  }
  return outcome;
}

/**
 * Applies a validated plan: one Production transaction holding the sync lock,
 * rows re-read from Development, INSERT … ON CONFLICT (key) DO NOTHING per
 * batch in FK order. Only INSERT statements reach Production.
 */
async function applyToProduction(ctx: ApplyContext, work: readonly TableWork[]): Promise<ApplyReport> {
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
    await pinSessionSettings(client);
    if (!(await tryTakeSyncLock(client))) {
      await client.query('ROLLBACK');
      throw new SyncInProgressError();
    }
    reader = startDevReader(ctx.dev, ctx.schema, work);
    const planned = new Map(work.map((w) => [w.table.name, w.table]));
    const blocking = new Map<string, Set<string>>();
    const failed = new Map<string, Map<string, string>>();
    const inserted = new Map<string, Set<string>>();

    for (const { table, keys } of work) {
      const devRows = await reader.rows(table.name);
      const reasons = await failedRecords(client, ctx.schema, table, keys, devRows, planned, blocking);
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
          if (isConnectionFailure(error)) {
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
      if (isConnectionFailure(error)) {
        throw error;
      }
      return rolledBack(work, failed, {
        table: databaseErrorFields(error).table ?? work[0].table.name,
        id: null,
        error,
      });
    }
    return { status: 'committed', results };
  } catch (error) {
    broken = broken || isConnectionFailure(error);
    // After a connection error PostgreSQL has already rolled the transaction back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw translateConnectionError('production', error);
  } finally {
    await reader?.close();
    client.off('error', onConnectionError);
    client.release(broken);
  }
}
