import { isConnectionFailure, shortMessage } from '@vantix/db-errors';
import type { CrmSide } from './crm-database';
import type { Queryable } from './queryable';

/**
 * Base class of every error sync-core throws on purpose (each stage adds its
 * own: unknown table, selection, missing parents, sync in progress); the API
 * maps each subclass to a status.
 */
export abstract class SyncCoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A database could not be reached or dropped the connection (API: 503). Never a constraint violation. */
export class DatabaseUnavailableError extends SyncCoreError {
  constructor(
    readonly side: CrmSide,
    readonly causeMessage: string,
  ) {
    super(`The ${side} database is unavailable: ${causeMessage}`);
  }
}

/** Connection failures (the one classifier, @vantix/db-errors) as {@link DatabaseUnavailableError}; anything else unchanged. */
export function translateConnectionError(side: CrmSide, error: unknown): unknown {
  if (error instanceof SyncCoreError) {
    return error;
  }
  if (isConnectionFailure(error)) {
    return new DatabaseUnavailableError(side, shortMessage(error));
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
