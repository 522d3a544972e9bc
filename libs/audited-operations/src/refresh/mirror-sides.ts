import type { RecordSyncResult } from '@vantix/contracts';
import {
  ChangedSinceReviewError,
  InvalidSelectionError,
  MissingParentsError,
  RefusedRecordsError,
  SyncInProgressError,
} from '@vantix/sync-core';

const SIDES = /\b(production|development|Production|Development)\b/g;
const MIRROR: Record<string, string> = {
  production: 'development',
  development: 'production',
  Production: 'Development',
  Development: 'Production',
};

/**
 * The engine words its messages by role — the source is "development", the
 * target "production" — and a refresh runs it with the roles swapped. Its
 * role-worded texts are mirrored here so a refresh's answers name the right
 * database ("already in development", "not listed by the comparison as
 * missing in development"). Errors that name a database by its own side
 * (DatabaseUnavailableError) are left as they are.
 */
export function mirrorSides(text: string): string {
  return text.replace(SIDES, (word) => MIRROR[word] ?? word);
}

/** The per-record results, reasons mirrored. */
export function mirrorResults(results: readonly RecordSyncResult[]): RecordSyncResult[] {
  return results.map((r) => (r.reason === null ? r : { ...r, reason: mirrorSides(r.reason) }));
}

/** A role-worded engine error, its message and named reasons mirrored in place; any other error unchanged. */
export function mirrorError(error: unknown): unknown {
  if (
    error instanceof InvalidSelectionError ||
    error instanceof MissingParentsError ||
    error instanceof RefusedRecordsError ||
    error instanceof ChangedSinceReviewError ||
    error instanceof SyncInProgressError
  ) {
    error.message = mirrorSides(error.message);
    if (error instanceof InvalidSelectionError) {
      for (const entry of error.invalid) {
        (entry as { reason: string }).reason = mirrorSides(entry.reason);
      }
    }
    if (error instanceof RefusedRecordsError) {
      for (const entry of error.refused) {
        entry.reason = mirrorSides(entry.reason);
      }
    }
  }
  return error;
}
