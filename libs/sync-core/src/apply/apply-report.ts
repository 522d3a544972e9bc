import type { RecordPin, RecordSyncResult, SequenceAdvance, WrittenRecord } from '@vantix/contracts';
import { databaseErrorFields, describeDatabaseError } from '@vantix/db-errors';
import { encodeRecordId } from '../db/record-id';
import type { RecordKey } from '../plan/planned-sync';
import type { SyncTable } from '../plan/sync-catalog';

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
  /** Commit only: the sequences moved forward. */
  sequencesAdvanced?: SequenceAdvance[];
  /** Commit only: each inserted row's Production fingerprint, read back before COMMIT (apply/written-fingerprints). */
  written?: WrittenRecord[];
}

/** One table's share of the plan, tables in insert order. */
export interface TableWork {
  table: SyncTable;
  keys: readonly RecordKey[];
  /** A reviewed sync: the table's pinned records, each Development row is checked against. */
  pins?: ReadonlyMap<string, RecordPin | null>;
}

/** Per record of the plan: failed (with its reason), inserted, or skipped because Production has it. */
export function recordResults(
  work: readonly TableWork[],
  failed: Map<string, Map<string, string>>,
  inserted: Map<string, Set<string>>,
): RecordSyncResult[] {
  const results: RecordSyncResult[] = [];
  for (const { table, keys } of work) {
    const reasons = failed.get(table.name);
    const done = inserted.get(table.name);
    for (const key of keys) {
      const id = encodeRecordId(key);
      const reason = reasons?.get(id);
      if (reason) {
        results.push({ table: table.name, id, status: 'failed', reason });
      } else if (done?.has(id)) {
        results.push({ table: table.name, id, status: 'inserted', reason: null });
      } else {
        results.push({ table: table.name, id, status: 'skipped', reason: RecordReason.alreadyInProduction });
      }
    }
  }
  return results;
}

/** A rollback: every record failed, the refused one with what it violated (no value of the row). */
export function rolledBack(
  work: readonly TableWork[],
  failed: Map<string, Map<string, string>>,
  cause: { table: string; id: string | null; error: unknown },
): ApplyReport {
  const fields = databaseErrorFields(cause.error);
  const failure: SyncFailure = {
    table: cause.table,
    id: cause.id,
    constraint: fields.constraint,
    code: fields.code,
    message: describeDatabaseError(cause.error),
  };
  const error = `${failure.table}${failure.id === null ? '' : ` ${failure.id}`}: ${failure.message}`;
  const results: RecordSyncResult[] = [];
  for (const { table, keys } of work) {
    for (const key of keys) {
      const id = encodeRecordId(key);
      const own = table.name === cause.table && id === cause.id;
      const reason = own ? failure.message : (failed.get(table.name)?.get(id) ?? RecordReason.rolledBack);
      results.push({ table: table.name, id, status: 'failed', reason });
    }
  }
  return { status: 'rolled_back', results, error, failure };
}
