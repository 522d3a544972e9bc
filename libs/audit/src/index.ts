// The public API of @vantix/audit. Import only from here (see README.md).

// Vantix Sync's own store: the wrapper, its outage, and the paging vocabulary
// both of its readers (this audit log and @vantix/report-store) use.
export { AUDIT_DATABASE, AuditDatabase, type AuditDatabaseOptions } from './database/audit-database';
export { AuditUnavailableError, whileAvailable } from './database/audit-unavailable-error';
export {
  decodeCursor,
  decodeIntegerCursor,
  DEFAULT_PAGE_LIMIT,
  encodeCursor,
  InvalidQueryError,
  isUuid,
  MAX_PAGE_LIMIT,
  pageLimit,
  toPage,
} from './database/paging';

export { canonicalJson, toJsonValue, type JsonObject, type JsonValue } from './chain/canonical-json';
export {
  checkChainLink,
  eventHash,
  GENESIS_HASH,
  type ChainedEventFields,
  type ChainKey,
  type ChainKeys,
  type ChainLinkProblem,
} from './chain/event-hash';
export { auditStoreLabel, chainKeysFor, DEMO_KEY_ID, type ConfiguredChainKeys } from './chain/chain-keys';
export { FileAnchor, type AuditAnchor, type ChainHead } from './anchor/file-anchor';
export { auditStoreRoleWarnings } from './database/store-role';
export { missingStorePrivileges, STORE_TABLE_PRIVILEGES } from './database/store-privileges';

export { AuditLog, InvalidAuditEventError, type AuditEventInput, type AuditLogOptions } from './log/audit-log';
export { REDACTED, scrubSecrets, scrubSecretsInText } from './log/scrub-secrets';
export { chainHeadProblem, readChainHeadProblem } from './log/chain-head';
export type { AuditVerifyResult } from './log/verify-chain';
export { RevokedTokens } from './sessions/revoked-tokens';
