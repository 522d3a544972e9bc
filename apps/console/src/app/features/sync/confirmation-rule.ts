/** Above this many records the admin must type Production's host and database to confirm. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

export function requiresTypedConfirmation(recordCount: number): boolean {
  return recordCount > TYPED_CONFIRMATION_THRESHOLD;
}

/**
 * Whether Confirm may be pressed: a plan with something to write, and for large
 * syncs Production's `host:port/database` typed exactly as the status bar shows
 * it (surrounding spaces forgiven, case not: database names are case-sensitive
 * in PostgreSQL). The database name alone is not enough: Dev may share it
 * (`postgres` on two hosts), the host and database together are Production's own.
 */
export function canConfirm(recordCount: number, productionTarget: string, typed: string): boolean {
  if (recordCount <= 0) {
    return false;
  }
  if (!requiresTypedConfirmation(recordCount)) {
    return true;
  }
  return productionTarget.length > 0 && typed.trim() === productionTarget;
}
