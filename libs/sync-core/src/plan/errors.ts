import type { MissingParent } from '@vantix/contracts';
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
