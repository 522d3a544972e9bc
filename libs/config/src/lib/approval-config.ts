/** Longest a sync request may wait for its second admin (SYNC_APPROVAL_TTL_HOURS): 30 days. */
export const MAX_SYNC_APPROVAL_TTL_HOURS = 720;

/** Two-person approval of syncs (SYNC_APPROVALS, SYNC_APPROVAL_TTL_HOURS; README "Configuration"). */
export interface ApprovalConfig {
  /** 1: an admin's sync runs at once; 2: it waits until another admin approves it. */
  required: 1 | 2;
  /** Hours a request waits for approval before it expires. */
  ttlHours: number;
}

/**
 * Reads the approval settings. Returns the problems as one-line messages
 * naming the variable, for app-config to report with its own.
 */
export function readApprovalConfig(env: Readonly<Record<string, string | undefined>>): {
  config: ApprovalConfig;
  errors: string[];
} {
  const errors: string[] = [];
  const approvals = env['SYNC_APPROVALS']?.trim() || '1';
  if (approvals !== '1' && approvals !== '2') {
    errors.push('SYNC_APPROVALS must be 1 (an admin syncs alone) or 2 (another admin approves each sync)');
  }
  const ttlText = env['SYNC_APPROVAL_TTL_HOURS']?.trim() || '24';
  const ttl = /^\d{1,4}$/.test(ttlText) ? Number(ttlText) : Number.NaN;
  if (!(ttl >= 1 && ttl <= MAX_SYNC_APPROVAL_TTL_HOURS)) {
    errors.push(
      `SYNC_APPROVAL_TTL_HOURS must be a whole number of hours from 1 to ${MAX_SYNC_APPROVAL_TTL_HOURS} (how long a sync request waits for approval)`,
    );
  }
  return { config: { required: approvals === '2' ? 2 : 1, ttlHours: Number.isNaN(ttl) ? 24 : ttl }, errors };
}
