import { randomUUID } from 'node:crypto';
import type { ChangedRecord, RecordSyncResult, SequenceAdvance, SyncPlan, WrittenRecord } from '@vantix/contracts';
import { isConnectionFailure } from '@vantix/db-errors';
import type { PoolClient } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import { translateConnectionError } from '../db/errors';
import { pinSessionSettings } from '../db/session-settings';
import { ChangedSinceReviewError } from '../plan/errors';
import type { PlannedSync, PlanReview } from '../plan/planned-sync';
import type { SyncTable } from '../plan/sync-catalog';
import { recordResults, rolledBack, type ApplyReport, type SyncFailure, type TableWork } from './apply-report';
import { failedRecords, rowsInInsertOrder } from './blocked-records';
import { startDevReader, type DevReader } from './dev-reader';
import type { Row } from './insert-batch';
import { insertTable, type Refusal } from './insert-table';
import { advanceSequences } from './sequences';
import { SyncInProgressError, tryTakeSyncLock } from './lock';
import { CHANGED_SINCE_REVIEW, changedReasons, reviewProblems } from './review-check';
import { writtenFingerprints } from './written-fingerprints';

export interface ApplyOptions {
  /** PostgreSQL schema of the tables. */
  schema: string;
  /** Rows per INSERT statement. */
  batchSize: number;
  /** Rewrites a row's values before they are inserted (a refresh's data rules); the rows as read otherwise. */
  transform?: RowTransform;
}

/**
 * A table's row rewriter, or null to insert the rows as read: values in
 * `columns` order (text forms, null for SQL NULL). The target is then checked
 * to hold the rewritten values exactly, and pins are checked against the rows
 * as read — what was reviewed is the source, what is written is the rewrite.
 */
export type RowTransform = (
  table: string,
  columns: readonly string[],
) => ((values: readonly (string | null)[]) => (string | null)[]) | null;

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
  /** Commit only: the sequences moved past the copied values (also in the audit event). */
  sequencesAdvanced?: SequenceAdvance[];
  /** Commit only: the Production fingerprint of every inserted row (the evidence and provenance keep them). */
  written?: WrittenRecord[];
}

export interface ApplyContext extends ApplyOptions {
  dev: CrmDatabase;
  prod: CrmDatabase;
}

/**
 * Applies a plan made by `planSync`: one Production transaction that only
 * inserts (see {@link applyToProduction}). A plan without records touches no
 * database.
 * @throws DroppedColumnsError, SyncInProgressError, DatabaseUnavailableError
 */
export async function applyPlan(
  dev: CrmDatabase,
  prod: CrmDatabase,
  options: ApplyOptions,
  plan: PlannedSync,
): Promise<SyncOutcome> {
  plan.assertDropsAcknowledged();
  plan.assertReviewHolds();
  const id = randomUUID();
  const { pins } = plan.review;
  const work: TableWork[] = plan.tables.map((t) => ({
    table: t.table,
    keys: [...t.selected, ...t.addedParents],
    ...(pins ? { pins: pins.get(t.table.name) ?? new Map() } : {}),
  }));
  const applied: ApplyReport =
    plan.total === 0
      ? { status: 'nothing_to_do', results: [] }
      : await applyToProduction(
          { dev, prod, ...options, batchSize: Math.max(1, options.batchSize) },
          work,
          false,
          plan.review,
        );
  // Records settled at plan time: already in Production (skipped), or gone from Development (skipChanged).
  const report: ApplyReport = {
    ...applied,
    results: [
      ...plan.review.settled,
      ...plan.review.vanished.map(
        (v): RecordSyncResult => ({ table: v.table, id: v.id, status: 'failed', reason: 'no longer in development' }),
      ),
      ...applied.results,
    ],
  };
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
  if (report.sequencesAdvanced) {
    outcome.sequencesAdvanced = report.sequencesAdvanced;
  }
  if (report.written) {
    outcome.written = report.written;
  }
  return outcome;
}

/**
 * Applies a validated plan: one Production transaction holding the sync lock,
 * every constraint checked immediately (a deferred one would otherwise fail at
 * COMMIT, where no record can be named), rows re-read from Development and
 * inserted per batch in FK order (apply/insert-table), each checked to hold
 * exactly Development's values; then the sequences feeding copied columns are
 * moved past the copied values, and COMMIT. Only INSERT statements (and
 * `setval`) reach Production. With `trial`, nothing is kept: the transaction is
 * always rolled back, takes no lock, moves no sequence, and every refused row
 * is named instead of the first.
 */
export async function applyToProduction(
  ctx: ApplyContext,
  work: readonly TableWork[],
  trial = false,
  review?: Pick<PlanReview, 'skipChanged' | 'vanished'>,
): Promise<ApplyReport & { refused: Refusal[] }> {
  let client: PoolClient;
  try {
    client = await ctx.prod.pool.connect();
  } catch (error) {
    throw translateConnectionError(ctx.prod.side, error);
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
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    if (!trial && !(await tryTakeSyncLock(client))) {
      await client.query('ROLLBACK');
      throw new SyncInProgressError();
    }
    reader = startDevReader(ctx.dev, ctx.schema, work);
    const planned = new Map(work.map((w) => [w.table.name, w.table]));
    const blocking = new Map<string, Set<string>>();
    const failed = new Map<string, Map<string, string>>();
    const inserted = new Map<string, Set<string>>();
    const insertedRows: { table: SyncTable; rows: Row[] }[] = [];
    const refused: Refusal[] = [];
    // Under the sync lock, before any insert: every Dev row against its pin.
    const problems: ChangedRecord[] = [...(review?.vanished ?? [])];
    for (const { table, pins } of work) {
      if (pins) {
        problems.push(...reviewProblems(table.name, pins, await reader.rows(table.name)));
      }
    }
    if (problems.length > 0 && !review?.skipChanged) {
      await client.query('ROLLBACK');
      throw new ChangedSinceReviewError(problems);
    }

    for (const { table, keys } of work) {
      const devRows = await reader.rows(table.name);
      const reasons = await failedRecords(
        client,
        ctx.schema,
        table,
        keys,
        devRows,
        planned,
        blocking,
        changedReasons(problems, table.name),
      );
      failed.set(table.name, reasons);
      const rows: Row[] = [];
      const rewrite = ctx.transform?.(
        table.name,
        table.copied.map((c) => c.name),
      );
      for (const [id, values] of devRows.rows) {
        if (!reasons.has(id)) {
          rows.push({ id, values: rewrite ? rewrite(values) : values });
        }
      }
      const ordered = rowsInInsertOrder(table, rows);
      const done = await insertTable(client, ctx.schema, table, ordered, ctx.batchSize, trial);
      inserted.set(table.name, done.inserted);
      insertedRows.push({ table, rows: ordered.filter((r) => done.inserted.has(r.id)) });
      refused.push(...done.refused);
      if (refused.length > 0 && !trial) {
        await client.query('ROLLBACK');
        return { ...rolledBack(work, failed, refused[0]), refused };
      }
    }

    const changed = new Map(problems.map((p) => [`${p.table}\0${p.id}`, p.columns]));
    const results = recordResults(work, failed, inserted).map((r) =>
      r.reason === CHANGED_SINCE_REVIEW
        ? { ...r, status: 'skipped' as const, columns: changed.get(`${r.table}\0${r.id}`) ?? [] }
        : r,
    );
    if (trial || !results.some((r) => r.status === 'inserted')) {
      await client.query('ROLLBACK');
      return { status: 'nothing_to_do', results, refused };
    }
    const sequencesAdvanced = await advanceSequences(client, insertedRows);
    const written = await writtenFingerprints(
      client,
      ctx.schema,
      insertedRows.map(({ table, rows }) => ({ table, ids: rows.map((r) => r.id) })),
    );
    await client.query('COMMIT');
    return { status: 'committed', results, sequencesAdvanced, written, refused };
  } catch (error) {
    broken = broken || isConnectionFailure(error);
    // After a connection error PostgreSQL has already rolled the transaction back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw translateConnectionError(ctx.prod.side, error);
  } finally {
    await reader?.close();
    client.off('error', onConnectionError);
    client.release(broken);
  }
}
