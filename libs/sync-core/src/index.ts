// The public API of @vantix/sync-core: what the API, the CLI, the demo, the
// audited operations and the benchmarks use. Import only from here.

// db/ — the one way a CRM database is reached, and its outage.
export { CrmDatabase, DEV_DATABASE, PROD_DATABASE, type CrmSide } from './db/crm-database';
export { DatabaseUnavailableError } from './db/errors';

// The comparison (introspect → compare).
export { ComparisonEngine } from './comparison-engine';

// The sync (plan → apply), and what a caller maps to a status.
export { SyncEngine } from './sync-engine';
export type { SelectionRequest } from './plan/selection';
export type { PlannedSync, Pins } from './plan/planned-sync';
export {
  ChangedSinceReviewError,
  DroppedColumnsError,
  InvalidSelectionError,
  type InvalidSelectionEntry,
  InvalidSelectionReason,
  MissingParentsError,
  RefusedRecordsError,
} from './plan/errors';
export type { RowTransform, SyncOutcome } from './apply/apply';
export type { SyncFailure } from './apply/apply-report';
export { SYNC_LOCK_KEY, SyncInProgressError } from './apply/lock';

// introspect/ — the one rule of which columns hold secrets (reports hide them, a refresh never copies them as is).
export { isSensitiveColumn } from './introspect/sensitive-columns';

// privileges/ — what the Production role may do to the CRM tables.
export { checkTablePrivileges } from './privileges/table-privileges';

// Record review (read-only, live): one record on both sides, names of records known by id, dependencies.
export { RecordReview, InvalidRecordIdError, RecordNotFoundError, type DetailContext } from './record-review';
export type { DependencyFacts } from './compare/record-dependencies';
