/** The request/response shapes of the selective sync endpoint (issue: API). */
import { TableComparison } from './comparison';

export type Selection = { table: string; ids: string[] } | { table: string; all: true };

export interface SyncRequest {
  comparisonId: string;
  /** Must be exactly `true`: the caller confirmed that this writes to Production. */
  confirm: true;
  /** Add the missing parents of the selected records to the plan instead of refusing. */
  includeParents?: boolean;
  /** Return the plan without writing. */
  dryRun?: boolean;
  selections: Selection[];
}

export type SyncStatus = 'committed' | 'rolled_back' | 'nothing_to_do' | 'dry_run';
export type RecordSyncStatus = 'inserted' | 'skipped' | 'failed';

export interface RecordSyncResult {
  table: string;
  id: string;
  status: RecordSyncStatus;
  /** Why a record was skipped or failed, e.g. "already in production". */
  reason: string | null;
}

export interface PlannedTable {
  table: string;
  /** Ids the caller selected (resolved from `all: true`). */
  selected: string[];
  /** Parents added because `includeParents` was set. */
  addedParents: string[];
}

export interface SyncPlan {
  /** Insert order, parents before children (from the foreign-key graph). */
  tables: PlannedTable[];
  total: number;
}

export interface MissingParent {
  table: string;
  id: string;
  /** The selected records that need it. */
  neededBy: { table: string; id: string }[];
}

export interface SyncResult {
  id: string;
  status: SyncStatus;
  summary: { inserted: number; skipped: number; failed: number };
  results: RecordSyncResult[];
  plan: SyncPlan;
  /** The affected tables compared again after the commit; null for a dry run or a rollback. */
  recheck: { comparisonId: string; tables: TableComparison[] } | null;
  /** For a rollback: the record and the constraint that caused it. */
  error?: string;
}
