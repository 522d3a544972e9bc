// The public API of @vantix/report-store. Import only from here (see README.md).
export { ComparisonNotFoundError } from './comparisons/comparison-not-found-error';
export { ComparisonRecordError, ComparisonRecordWriter } from './comparisons/comparison-record-writer';
export {
  ComparisonStore,
  ComparisonStoreError,
  DEFAULT_RECORDS_PER_KIND,
  type ComparisonStart,
  type ComparisonStoreOptions,
  type LatestComparison,
} from './comparisons/comparison-store';
export type { ComparisonSummary, RecordCount, TableSummary } from './comparisons/comparison-summary';
export { tableCounts } from './comparisons/comparison-summary';
export {
  SyncStore,
  type ApprovalCandidate,
  type ExpiredSync,
  type PendingSyncStart,
  type SyncDirection,
  type SyncFinish,
  type SyncRequestOptions,
  type SyncStart,
} from './syncs/sync-store';
