/** No stored sync has this id (API: 404). */
export class SyncNotFoundError extends Error {
  override readonly name = 'SyncNotFoundError';
  constructor(readonly syncId: string) {
    super(`sync ${syncId} not found`);
  }
}

/** Why a step on a sync request was refused (see SyncApprovalConflictError). */
export type ApprovalConflict = 'own_request' | 'not_pending' | 'expired' | 'plan_changed';

/**
 * A step the request's state does not allow (API: 409): approving one's own
 * request, or one that is not pending any more (expired, rejected, cancelled,
 * already approved or applied), or whose plan Production no longer allows as
 * pinned. Nothing is written to Production.
 */
export class SyncApprovalConflictError extends Error {
  override readonly name = 'SyncApprovalConflictError';
  constructor(
    message: string,
    readonly conflict: ApprovalConflict,
    readonly status: string,
  ) {
    super(message);
  }
}

/** Only the admin who requested a sync may cancel it (API: 403). */
export class NotSyncRequesterError extends Error {
  override readonly name = 'NotSyncRequesterError';
}
