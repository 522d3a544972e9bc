/** Above this many records the admin must type Production's host and database to confirm. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

/**
 * Above the threshold, and always when an admin account comes along: such an
 * account can administer Production's CRM, one slip of the mouse is too little.
 */
export function requiresTypedConfirmation(recordCount: number, adminAccounts = 0): boolean {
  return recordCount > TYPED_CONFIRMATION_THRESHOLD || adminAccounts > 0;
}

/**
 * Whether Confirm may be pressed: a plan with something to write, and for large
 * syncs (or any with an admin account) Production's `host:port/database` typed exactly as the status bar shows
 * it (surrounding spaces forgiven, case not: database names are case-sensitive
 * in PostgreSQL). The database name alone is not enough: Dev may share it
 * (`postgres` on two hosts), the host and database together are Production's own.
 */
export function canConfirm(recordCount: number, productionTarget: string, typed: string, adminAccounts = 0): boolean {
  if (recordCount <= 0) {
    return false;
  }
  if (!requiresTypedConfirmation(recordCount, adminAccounts)) {
    return true;
  }
  return productionTarget.length > 0 && typed.trim() === productionTarget;
}
