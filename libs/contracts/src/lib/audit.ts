export const AUDIT_EVENT_TYPES = [
  'comparison.requested',
  'comparison.completed',
  'comparison.failed',
  'sync.requested',
  'sync.committed',
  'sync.rolled_back',
  'sync.failed',
  'sync.refused',
  'auth.login_succeeded',
  'auth.login_failed',
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
  requestId: string | null;
  clientIp: string | null;
  payload: Record<string, unknown>;
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
  firstBrokenId?: string;
}
