/**
 * What the console needs to review records before a sync (issue: a console
 * built for review): one record read live on both sides, the names of records
 * the console only knows by id, and which records missing in Production
 * depend on other records missing there.
 */
import type { RecordKind } from './comparison';

/** A table and a record id, as everywhere: a composite key is its JSON array text. */
export interface RecordRef {
  table: string;
  id: string;
}

/** Where a record is now, read live: on one side only, on both (equal or not), or on neither. */
export type LiveRecordState = RecordKind | 'identical' | 'absent';

export interface RecordColumnDetail {
  name: string;
  /** `format_type()` on the side(s) that have the column. */
  dataType: string;
  inDevelopment: boolean;
  inProduction: boolean;
  /** password, secret, token columns: the values are never sent, only whether they differ. */
  sensitive: boolean;
  /** Text forms (pinned session settings), null for SQL NULL, a missing side or a sensitive column. */
  development: string | null;
  production: string | null;
  /** The record is on both sides and this column's values differ (sensitive ones compared inside PostgreSQL). */
  differs: boolean;
}

export interface RecordParentDetail {
  table: string;
  id: string;
  /** The foreign-key columns of the record that point to the parent. */
  columns: string[];
  summary: string | null;
  inDevelopment: boolean;
  inProduction: boolean;
}

export interface RecordChildrenDetail {
  table: string;
  /** The child's foreign-key columns that point to this record. */
  columns: string[];
  /** Children of the record in Development. */
  inDevelopment: number;
  /** Those of them that are not in Production (at most `CHILD_PREVIEW` listed; the count is complete). */
  missingInProductionCount: number;
  missingInProduction: (RecordRef & { summary: string })[];
}

export interface RecordDetail {
  table: string;
  id: string;
  comparisonId: string;
  /** When the comparison was started: the values below may be newer. */
  comparedAt: string;
  /** When the databases were read for this answer. */
  readAt: string;
  /** The list the console opened the record from, when it said so (`?kind=`). */
  comparedAs: RecordKind | null;
  /** Where the record is now. */
  state: LiveRecordState;
  /** True when `comparedAs` was given and the record is no longer in that state. */
  changedSinceComparison: boolean;
  summary: string;
  columns: RecordColumnDetail[];
  parents: RecordParentDetail[];
  children: RecordChildrenDetail[];
}

/** How many children missing in Production a record detail lists per child table. */
export const CHILD_PREVIEW = 200;

/** Most records one summaries request may name. */
export const MAX_SUMMARY_REFS = 1000;

export interface RecordSummariesRequest {
  records: RecordRef[];
}

export interface RecordSummary extends RecordRef {
  /** Read live from Development, or from Production when the record is only there; null when on neither side. */
  summary: string | null;
}

export interface RecordSummariesResponse {
  records: RecordSummary[];
}

/** A record missing in Production that points to a parent missing there too. */
export interface DependentRecord extends RecordRef {
  parents: (RecordRef & { inDevelopment: boolean })[];
}

/** Records missing in Production a dependencies answer looks at, at most; above it the answer is not complete. */
export const MAX_DEPENDENCY_RECORDS = 50_000;

export interface ComparisonDependencies {
  comparisonId: string;
  /** When the databases were read. */
  readAt: string;
  /**
   * False when the comparison lists more than MAX_DEPENDENCY_RECORDS records
   * missing in Production: nothing was read, and no record may be taken as
   * "ready" (the lists below are empty).
   */
  complete: boolean;
  /** Records missing in Production (per the comparison) that need a parent missing in Production (read live). */
  needsParents: DependentRecord[];
  /** Records missing in Production that carry privileges when copied (admin accounts). */
  privileged: RecordRef[];
}
