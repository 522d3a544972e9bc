// The public API of @vantix/audited-operations. Import only from here (see README.md).
export { runAuditedComparison } from './comparison/run-audited-comparison';
export { InvalidSyncReasonError, runAuditedSync, type AuditedSyncRequest } from './sync/run-audited-sync';
export {
  NotSyncRequesterError,
  SyncApprovalConflictError,
  SyncNotFoundError,
  type ApprovalConflict,
} from './sync/approval-errors';
export { approveSync, cancelSync, rejectSync } from './sync/approve-sync';
export { expireDueSyncs, requestSyncApproval } from './sync/request-approval';
export type { OperationContext, OperationResources } from './resources';
export { Semaphore } from './semaphore';
export { runAuditedRefresh, type AuditedRefreshRequest, type RefreshSettings } from './refresh/run-audited-refresh';
export { Masks, maskKeyFrom } from './refresh/masks';
export { EVIDENCE_VERIFICATION, syncEvidence, type EvidenceSources } from './evidence/sync-evidence';
export { InvalidEvidenceError, verifyEvidence, type EvidenceCheck } from './evidence/verify-evidence';
