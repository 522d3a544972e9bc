import type { MissingParent } from '@vantix/contracts';
import type { CrmSide } from '../db/crm-database';
import type { Queryable } from '../introspect/queryable';

/** Base class of every error the sync engine throws on purpose; the API maps each subclass to a status. */
export abstract class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why a selected id (or table) cannot be synced. */
export const InvalidSelectionReason = {
  unknownTable: 'unknown table',
  tableMissingInDevelopment: 'table missing in development',
  tableMissingInProduction: 'table missing in production',
  noPrimaryKey: 'table has no primary key',
  primaryKeyDiffers: 'primary key differs between development and production',
  invalidId: 'invalid id',
  notInDevelopment: 'not in development',
  alreadyInProduction: 'already in production',
} as const;
export type InvalidSelectionReason = (typeof InvalidSelectionReason)[keyof typeof InvalidSelectionReason];

export interface InvalidSelectionEntry {
  table: string;
  /** Null when the whole table is rejected (unknown table, schema problem). */
  id: string | null;
  reason: InvalidSelectionReason;
}

/** The selection names tables or ids that cannot be synced (API: 400). Lists every offender, not just the first. */
export class InvalidSelectionError extends SyncError {
  constructor(readonly invalid: InvalidSelectionEntry[]) {
    super(
      `Invalid selection: ${invalid
        .slice(0, 10)
        .map((e) => `${e.table}${e.id === null ? '' : ` ${e.id}`} (${e.reason})`)
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
export class MissingParentsError extends SyncError {
  constructor(readonly parents: MissingParentDetail[]) {
    super(
      `${parents.length} parent record(s) missing in production must be synced first: ${parents
        .slice(0, 10)
        .map((p) => `${p.table} ${p.id}`)
        .join(', ')}${parents.length > 10 ? ', …' : ''}`,
    );
  }
}

/** Another sync into the same Production database holds the advisory lock (API: 409). */
export class SyncInProgressError extends SyncError {
  constructor() {
    super('Another sync into production is in progress; try again when it has finished');
  }
}

/** A database could not be reached or dropped the connection (API: 503). Never a constraint violation. */
export class DatabaseUnavailableError extends SyncError {
  constructor(
    readonly side: CrmSide,
    readonly causeMessage: string,
  ) {
    super(`The ${side} database is unavailable: ${causeMessage}`);
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  // SQLSTATE: admin/crash shutdown, cannot connect now, too many connections, database does not exist
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '3D000',
]);

/** True for errors that mean "the database is not there", as opposed to "the database refused this data". */
export function isConnectionError(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors from Node's net module may come from another realm (e.g. under jest).
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection error|Client was closed|Cannot use a pool after calling end/i.test(message)
  );
}

/** Rethrows connection failures as {@link DatabaseUnavailableError}; anything else unchanged. */
export function translateConnectionError(side: CrmSide, error: unknown): unknown {
  if (error instanceof SyncError) {
    return error;
  }
  if (isConnectionError(error)) {
    return new DatabaseUnavailableError(side, String((error as { message?: unknown }).message));
  }
  return error;
}

/**
 * A Queryable whose connection failures come out as DatabaseUnavailableError
 * naming this side, so callers need not track which pool a query went to.
 */
export function onSide(db: Queryable, side: CrmSide): Queryable {
  return {
    query: (text, values) =>
      db.query(text, values).catch((error: unknown) => {
        throw translateConnectionError(side, error);
      }),
  } as Queryable;
}
