import type { ChangedRecord, MissingParent, RefusedRecord, TableColumns } from '@vantix/contracts';
import { SyncCoreError } from '../db/errors';

/** Why a selection, a selected id or a selected table cannot be synced. */
export const InvalidSelectionReason = {
  // The request itself (no database needed).
  selectedTwice: 'table is selected twice; merge its ids into one selection',
  idsAndAll: 'give either ids or all: true, not both',
  nothingSelected: 'give ids (at least one) or all: true',
  idListedTwice: 'id listed twice',
  unknownTable: 'unknown table',
  // The table, as both catalogs have it.
  tableMissingInDevelopment: 'table missing in development',
  tableMissingInProduction: 'table missing in production',
  noPrimaryKey: 'table has no primary key',
  primaryKeyDiffers: 'primary key differs between development and production',
  // One id, as the databases have it.
  invalidId: 'invalid id',
  notInDevelopment: 'not in development',
  alreadyInProduction: 'already in production',
  // The review: a sync copies only what its comparison listed.
  notInComparison: 'not listed by the comparison as missing in production',
  // The plan as a whole.
  privilegedAccount:
    'an admin account: it would be copied with its password hash and be an admin of Production; set allowAdminAccounts to copy it',
} as const;
export type InvalidSelectionReason = (typeof InvalidSelectionReason)[keyof typeof InvalidSelectionReason];

export interface InvalidSelectionEntry {
  table: string;
  /** Null when the whole selection or table is rejected. */
  id: string | null;
  reason: InvalidSelectionReason;
}

function describe(entry: InvalidSelectionEntry, allowList: readonly string[] | undefined): string {
  const hint =
    entry.reason === InvalidSelectionReason.unknownTable && allowList
      ? `; a table must be one of ${allowList.join(', ')}`
      : '';
  return `${entry.table}${entry.id === null ? '' : ` ${entry.id}`} (${entry.reason}${hint})`;
}

/**
 * The selection cannot be synced as given (API: 400). Lists every offender,
 * not just the first; the message names up to ten of them.
 */
export class InvalidSelectionError extends SyncCoreError {
  constructor(
    readonly invalid: InvalidSelectionEntry[],
    /** The tables a selection may name, for the message of an unknown table. */
    allowList?: readonly string[],
  ) {
    super(
      `Invalid selection: ${invalid
        .slice(0, 10)
        .map((entry) => describe(entry, allowList))
        .join(', ')}${invalid.length > 10 ? ` and ${invalid.length - 10} more` : ''}`,
    );
  }
}

/**
 * A parent the selected records need, missing in Production. `includable` is
 * false when `includeParents` cannot help: the parent is not in Development
 * either, or its table is not on the allow-list.
 */
export interface MissingParentDetail extends MissingParent {
  includable: boolean;
}

/** Selected records need parents that are missing in Production and were not selected (API: 409 with the list). */
export class MissingParentsError extends SyncCoreError {
  constructor(readonly parents: MissingParentDetail[]) {
    super(
      `${parents.length} parent record(s) missing in production must be synced first: ${parents
        .slice(0, 10)
        .map((p) => `${p.table} ${p.id}`)
        .join(', ')}${parents.length > 10 ? ', …' : ''}`,
    );
  }
}

function describeRefused(r: RefusedRecord): string {
  return `${r.table} ${r.id}: ${r.reason}`;
}

/**
 * Selected records Production cannot take as they are (API: 400 with
 * `details.refused`): found at plan time (values that do not fit, unique keys
 * taken) or by the dry run's trial insert (NOT NULL, CHECK). Nothing written.
 */
export class RefusedRecordsError extends SyncCoreError {
  constructor(readonly refused: RefusedRecord[]) {
    super(
      `${refused.length} record(s) cannot be synced as they are: ${refused
        .slice(0, 5)
        .map(describeRefused)
        .join('; ')}${refused.length > 5 ? `; and ${refused.length - 5} more` : ''}`,
    );
  }
}

/**
 * The selected rows hold values in Development-only columns, which the sync
 * would drop, and the request did not acknowledge exactly those columns
 * (API: 409 with `details.droppedColumns`).
 */
export class DroppedColumnsError extends SyncCoreError {
  constructor(readonly droppedColumns: TableColumns[]) {
    super(
      `The selected records hold values in columns Production lacks, which the sync would not copy: ${droppedColumns
        .map((t) => `${t.table} (${t.columns.join(', ')})`)
        .join('; ')}. Repeat the request with acknowledgeDroppedColumns naming exactly these columns`,
    );
  }
}

/**
 * Reviewed records Development changed or removed after the comparison (API:
 * 409 with `details.records`): without `skipChanged` none of the sync is
 * written. Names columns, never their values.
 */
export class ChangedSinceReviewError extends SyncCoreError {
  constructor(readonly records: ChangedRecord[]) {
    super(
      `${records.length} record(s) changed in development since the comparison was reviewed: ${records
        .slice(0, 10)
        .map((r) => `${r.table} ${r.id} (${r.problem}${r.columns.length > 0 ? `: ${r.columns.join(', ')}` : ''})`)
        .join(
          ', ',
        )}${records.length > 10 ? ', …' : ''}. Run a new comparison and review it, or repeat with skipChanged`,
    );
  }
}
