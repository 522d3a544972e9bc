/** The request/response shapes of the selective sync endpoint (issue: API). */
import { TableComparison } from './comparison';

export type Selection = { table: string; ids: string[] } | { table: string; all: true };

export interface SyncRequest {
  comparisonId: string;
  /** Must be exactly `true`: the caller confirmed that this writes to Production. */
  confirm: true;
  /** Add the missing parents of the selected records to the plan instead of refusing. */
  includeParents?: boolean;
  /** Return the plan without writing (values are tried in a transaction that is always rolled back). */
  dryRun?: boolean;
  /**
   * Must be true to copy `users` rows of a privileged role (admin): without
   * it such a selection is refused with 400 naming them.
   */
  allowAdminAccounts?: boolean;
  selections: Selection[];
  /**
   * The Development-only columns whose values the sync will not copy, exactly
   * as the plan's `droppedColumns` lists them; without it, a plan that drops
   * values is refused (409, `details.droppedColumns`).
   */
  acknowledgeDroppedColumns?: TableColumns[];
  /** Why this sync is needed (10–1,000 characters): stored with the sync and in its audit events. Optional for a dry run. */
  reason?: string;
  /**
   * Leave out records Development changed or removed after the comparison and
   * write the others; without it any such record refuses the whole sync (409,
   * `details.records`).
   */
  skipChanged?: boolean;
}

/** Reason bounds of a sync request. */
export const SYNC_REASON_MIN = 10;
export const SYNC_REASON_MAX = 1_000;

/** A reviewed record Development no longer has as the comparison saw it (API: 409 unless `skipChanged`). */
export interface ChangedRecord {
  table: string;
  id: string;
  problem: 'changed_since_review' | 'no_longer_in_development';
  /** changed_since_review: the columns that changed. */
  columns: string[];
}

/** Some columns of one table. */
export interface TableColumns {
  table: string;
  columns: string[];
}

/** A sequence of Production that feeds a copied column (identity, serial, nextval default). */
export interface PlannedSequence {
  table: string;
  column: string;
  /** `schema.name` of the sequence. */
  sequence: string;
  /** The largest value the plan copies into the column; the sequence is moved past it if it is not already. */
  largestValue: string;
}

/** A sequence the sync moved forward (never backwards) so Production's next insert does not collide. */
export interface SequenceAdvance {
  table: string;
  column: string;
  sequence: string;
  nextValueBefore: string;
  nextValueAfter: string;
}

/**
 * A selected record Production cannot take as it is (API: 400, `details.refused`):
 * a value its column cannot hold exactly, a NOT NULL or CHECK it violates, or a
 * unique key another Production record already has.
 */
export interface RefusedRecord {
  table: string;
  id: string;
  /** The column at fault, when one is. */
  column: string | null;
  /** The value's size or kind, e.g. `37 characters`, `enum label "vip"` — never a whole value. */
  value: string | null;
  /** Production's type of the column, e.g. `character varying(20)`. */
  productionType: string | null;
  /** The constraint or unique index at fault, when one is. */
  constraint: string | null;
  /** The Production record holding the same unique key (unique-key conflicts). */
  conflictsWith: { table: string; id: string } | null;
  reason: string;
}

export type SyncStatus = 'committed' | 'rolled_back' | 'nothing_to_do' | 'dry_run';
export type RecordSyncStatus = 'inserted' | 'skipped' | 'failed';

export interface RecordSyncResult {
  table: string;
  id: string;
  status: RecordSyncStatus;
  /** Why a record was skipped or failed, e.g. "already in production". */
  reason: string | null;
  /** `changed since review` only: the columns Development changed after the comparison. */
  columns?: string[];
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
  /** Columns Production generates itself (`GENERATED ALWAYS AS … STORED`): never inserted, left to Production. */
  generatedColumns: TableColumns[];
  /** Production sequences feeding copied columns, moved past the largest copied value at commit. */
  sequences: PlannedSequence[];
  /** Development-only columns holding non-null values in the selected rows: those values are not copied. */
  droppedColumns: TableColumns[];
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
  /** After a commit: the sequences moved forward past the copied values. */
  sequencesAdvanced?: SequenceAdvance[];
}

/**
 * A stored sync's status: running until its outcome is known; failed when it
 * ended in an error. With two-person approval (SYNC_APPROVALS=2) a request
 * waits as pending_approval until another admin approves it (then running and
 * on), rejects it, its requester cancels it, or it expires.
 */
export type StoredSyncStatus =
  | 'running'
  | 'committed'
  | 'rolled_back'
  | 'nothing_to_do'
  | 'failed'
  | 'pending_approval'
  | 'rejected'
  | 'cancelled'
  | 'expired';
export const STORED_SYNC_STATUSES: readonly StoredSyncStatus[] = [
  'running',
  'committed',
  'rolled_back',
  'nothing_to_do',
  'failed',
  'pending_approval',
  'rejected',
  'cancelled',
  'expired',
];

/** POST /api/dev/sync-to-production with SYNC_APPROVALS=2 (202): the request waits for another admin. */
export interface PendingSyncResponse {
  id: string;
  status: 'pending_approval';
  /** ISO time after which the request can no longer be approved. */
  expiresAt: string;
}

/** An admin's sign-off on a sync request. */
export interface SyncApproval {
  actorId: string | null;
  actorEmail: string | null;
  /** ISO time of the approval. */
  at: string;
}

/** Who ended a pending request without running it, when and why. */
export interface SyncDecision {
  action: 'rejected' | 'cancelled';
  actorId: string | null;
  actorEmail: string | null;
  at: string;
  /** The rejection's reason; null for a cancellation. */
  reason: string | null;
}

/** POST /api/dev/syncs/:id/reject. */
export interface RejectSyncRequest {
  /** Why the request is refused (10–1,000 characters), for the requester and the audit log. */
  reason: string;
}

/** A sync request as GET /api/dev/syncs lists it. */
export interface SyncListItem {
  id: string;
  comparisonId: string;
  requestedAt: string;
  finishedAt: string | null;
  requestedBy: string | null;
  reason: string;
  status: StoredSyncStatus;
  summary: SyncResult['summary'] | null;
  /** Two-person approval: when the request expires unless approved; null for a direct sync. */
  expiresAt: string | null;
}

/** A stored sync (GET /api/dev/syncs/:id): the request's plan and reason, and per-record results once known. */
export interface StoredSync extends SyncListItem {
  plan: SyncPlan;
  results: RecordSyncResult[];
  recheckComparisonId: string | null;
  /** failed or rolled_back: what went wrong. */
  error: string | null;
  /** The admins who approved the request (two-person approval); empty for a direct sync. */
  approvals: SyncApproval[];
  /** A rejection or cancellation; null otherwise. */
  decision: SyncDecision | null;
}
