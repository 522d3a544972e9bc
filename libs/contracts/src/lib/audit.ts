export const AUDIT_EVENT_TYPES = [
  'comparison.requested',
  'comparison.completed',
  'comparison.failed',
  'sync.requested',
  'sync.committed',
  'sync.rolled_back',
  'sync.failed',
  'sync.refused',
  'refresh.requested',
  'refresh.committed',
  'refresh.rolled_back',
  'refresh.failed',
  'refresh.refused',
  // Two-person approval (SYNC_APPROVALS=2): a request waits, then is approved, refused approval, rejected,
  // cancelled by its requester, or expires.
  'sync.pending_approval',
  'sync.approved',
  'sync.approval_refused',
  'sync.rejected',
  'sync.cancelled',
  'sync.expired',
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.logout',
  'access.denied',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEventDto {
  id: string;
  seq: number;
  occurredAt: string;
  type: AuditEventType;
  actor: AuditActor;
  /** The server's own id of the request (also in the server log and the X-Request-Id response header). */
  requestId: string | null;
  /** The X-Request-Id the client sent, when it was well-formed; never used to find the server's log lines. */
  clientRequestId: string | null;
  clientIp: string | null;
  payload: Record<string, unknown>;
  /** The AUDIT_HMAC_KEY_ID of the key that hashed the event; null for unkeyed events from before keyed hashing. */
  keyId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditEventsQuery {
  type?: AuditEventType;
  actor?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditVerifyResponse {
  ok: boolean;
  checked: number;
  /**
   * Why it is not ok: `hash_mismatch` — the event `firstBrokenId` was edited,
   * re-hashed without the key, or an event before it removed; `truncated` — the
   * database's chain ends before the head anchored outside it (`anchoredSeq`).
   */
  reason?: 'hash_mismatch' | 'truncated';
  firstBrokenId?: string;
  /** The newest event's sequence number as the database holds it (0: empty). */
  headSeq?: number;
  /** The head anchored outside the database (AUDIT_ANCHOR_FILE), when truncated. */
  anchoredSeq?: number;
}
