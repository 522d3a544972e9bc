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
  /**
   * Must be true to copy `users` rows of a privileged role (admin): without
   * it such a selection is refused with 400 naming them.
   */
  allowAdminAccounts?: boolean;
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

/** The accounts of a privileged role a plan would copy into Production's users table. */
export interface PlannedAdminAccounts {
  /** How many rows of `users` with a privileged role (today: admin). */
  count: number;
  /** Their ids (as in PlannedTable). */
  ids: string[];
  /** Always true: a users row carries its password hash, so the account can log in to Production's CRM. */
  passwordHashesIncluded: true;
}

export interface SyncPlan {
  /** Insert order, parents before children (from the foreign-key graph). */
  tables: PlannedTable[];
  total: number;
  /** Privileged accounts among the records (count 0 when none). */
  adminAccounts: PlannedAdminAccounts;
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
