/** Above this many records the admin must type the Production database name to confirm. */
export const TYPED_CONFIRMATION_THRESHOLD = 100;

export function requiresTypedConfirmation(recordCount: number): boolean {
  return recordCount > TYPED_CONFIRMATION_THRESHOLD;
}

/**
 * Whether Confirm may be pressed: a plan with something to write, and for large
 * syncs the exact Production database name typed (surrounding spaces forgiven,
 * case not: database names are case-sensitive in PostgreSQL).
 */
export function canConfirm(recordCount: number, productionDatabase: string, typed: string): boolean {
  if (recordCount <= 0) {
    return false;
  }
  if (!requiresTypedConfirmation(recordCount)) {
    return true;
  }
  return productionDatabase.length > 0 && typed.trim() === productionDatabase;
}
