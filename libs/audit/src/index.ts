// The public API of @vantix/audit. Import only from here (see README.md).
export { AUDIT_DATABASE, AuditDatabase, type AuditDatabaseOptions } from './database/audit-database';
export { AuditUnavailableError, isConnectionFailure } from './database/audit-unavailable-error';
export { DEFAULT_PAGE_LIMIT, InvalidQueryError, MAX_PAGE_LIMIT } from './database/paging';

export { canonicalJson, toJsonValue, type JsonObject, type JsonValue } from './chain/canonical-json';
export {
  checkChainLink,
  eventHash,
  GENESIS_HASH,
  type ChainedEventFields,
  type ChainLinkProblem,
} from './chain/event-hash';

export { AuditLog, InvalidAuditEventError, type AuditEventInput, type AuditLogOptions } from './log/audit-log';
export { REDACTED, scrubSecrets, scrubSecretsInText } from './log/scrub-secrets';
export type { AuditVerifyResult } from './log/verify-chain';

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
