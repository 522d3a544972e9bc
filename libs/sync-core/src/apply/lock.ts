import type { Queryable } from '../db/queryable';
import { SyncCoreError } from '../db/errors';

/**
 * The advisory-lock key all Vantix syncs into one Production database share
 * ("vantix" in ASCII). Exported so tests (and an operator) can hold it.
 */
export const SYNC_LOCK_KEY = '130303968397688';

/** Another sync into the same Production database holds the advisory lock (API: 409). */
export class SyncInProgressError extends SyncCoreError {
  constructor() {
    super('Another sync into production is in progress; try again when it has finished');
  }
}

/**
 * Takes the sync lock for the current transaction without waiting. It is a
 * transaction-level lock, so COMMIT, ROLLBACK or a dropped connection release
 * it — a crashed sync cannot leave Production locked.
 */
export async function tryTakeSyncLock(client: Queryable): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
    SYNC_LOCK_KEY,
  ]);
  return result.rows[0]?.locked === true;
}
