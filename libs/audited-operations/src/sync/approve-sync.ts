import {
  SYNC_REASON_MAX,
  SYNC_REASON_MIN,
  type StoredSync,
  type SyncApproval,
  type SyncDecision,
  type SyncPlan,
  type SyncResult,
} from '@vantix/contracts';
import type { ApprovalCandidate } from '@vantix/report-store';
import { type PlannedSync, type SelectionRequest, SyncEngine } from '@vantix/sync-core';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { NotSyncRequesterError, SyncApprovalConflictError, SyncNotFoundError } from './approval-errors';
import { applyRecorded, recordFailure, type RecordedSync } from './apply-recorded';
import { expireDueSyncs } from './request-approval';
import { reviewedSelections } from './reviewed-selection';
import { InvalidSyncReasonError } from './run-audited-sync';

/**
 * Two-person approval, step two: another admin approves a pending request.
 * The request is claimed in one conditional statement (of two approvers only
 * one wins), `sync.approved` is appended — no event, no sync: the claim is
 * undone — and exactly the pinned plan is planned again from the stored
 * comparison's pins: a record the plan did not contain is refused
 * (plan_changed), one Production has by now is skipped, and apply compares
 * every Development row with its pin under the sync lock, as for a direct
 * sync. The stored sync then ends committed, rolled back or failed.
 * @throws SyncNotFoundError, SyncApprovalConflictError (own, not pending, expired), and a direct sync's errors
 */
export async function approveSync(
  resources: OperationResources,
  syncId: string,
  context: OperationContext,
  settings: { recordCap: number },
): Promise<SyncResult> {
  const candidate = await pendingCandidate(resources, syncId, context, 'approve');
  if (isRequester(candidate, context)) {
    await refuse(resources, context, candidate.sync, 'approve', ownRequest());
  }
  const now = new Date();
  const approval: SyncApproval = { actorId: context.actor.id, actorEmail: context.actor.email, at: now.toISOString() };
  if (!(await resources.syncs.claimForApproval(syncId, approval, now))) {
    await refuseLost(resources, syncId, context, 'approve');
  }
  const { sync } = candidate;
  const { event, via } = eventFields(context);
  let approvedEventId: string;
  try {
    const approved = await resources.audit.append({
      type: 'sync.approved',
      ...event,
      payload: {
        syncId,
        comparisonId: sync.comparisonId,
        ...via,
        syncReason: sync.reason,
        requestedBy: sync.requestedBy,
        approvals: [approval],
      },
    });
    approvedEventId = approved.id;
  } catch (error) {
    await resources.syncs.reopen(syncId, 'running').catch(() => undefined);
    throw error;
  }
  const recorded: RecordedSync = {
    syncId,
    comparisonId: sync.comparisonId,
    requestedEventId: approvedEventId,
    reason: sync.reason,
    recordCap: settings.recordCap,
  };
  const engine = new SyncEngine(resources.dev, resources.prod);
  let plan: PlannedSync;
  try {
    plan = await planPinned(resources, engine, candidate);
  } catch (error) {
    await recordFailure(resources, context, recorded, error);
    throw error;
  }
  return applyRecorded(resources, engine, plan, context, recorded);
}

/**
 * Another admin turns a pending request down, with a reason; it can no
 * longer be approved. `sync.rejected` is appended (or the rejection undone).
 */
export async function rejectSync(
  resources: OperationResources,
  syncId: string,
  reason: string,
  context: OperationContext,
): Promise<StoredSync> {
  const trimmed = reason.trim();
  if (trimmed.length < SYNC_REASON_MIN || trimmed.length > SYNC_REASON_MAX) {
    throw new InvalidSyncReasonError(
      `reason must say why the sync is rejected, in ${SYNC_REASON_MIN} to ${SYNC_REASON_MAX} characters`,
    );
  }
  const candidate = await pendingCandidate(resources, syncId, context, 'reject');
  if (isRequester(candidate, context)) {
    await refuse(
      resources,
      context,
      candidate.sync,
      'reject',
      new SyncApprovalConflictError(
        'you requested this sync: cancel it instead (another admin may reject it)',
        'own_request',
        candidate.sync.status,
      ),
    );
  }
  return decide(resources, candidate, context, { action: 'rejected', reason: trimmed });
}

/** The requester withdraws a pending request (only they may: NotSyncRequesterError). */
export async function cancelSync(
  resources: OperationResources,
  syncId: string,
  context: OperationContext,
): Promise<StoredSync> {
  const candidate = await storedCandidate(resources, syncId, context);
  if (!isRequester(candidate, context)) {
    throw new NotSyncRequesterError(
      `only the admin who requested sync ${syncId} (${candidate.sync.requestedBy ?? 'unknown'}) may cancel it; reject it instead`,
    );
  }
  assertPending(candidate.sync, 'cancel');
  return decide(resources, candidate, context, { action: 'cancelled', reason: null });
}

async function decide(
  resources: OperationResources,
  candidate: ApprovalCandidate,
  context: OperationContext,
  step: { action: SyncDecision['action']; reason: string | null },
): Promise<StoredSync> {
  const { sync } = candidate;
  const now = new Date();
  const decision: SyncDecision = {
    action: step.action,
    actorId: context.actor.id,
    actorEmail: context.actor.email,
    at: now.toISOString(),
    reason: step.reason,
  };
  const verb = step.action === 'rejected' ? 'reject' : 'cancel';
  if (!(await resources.syncs.decide(sync.id, decision, now))) {
    await refuseLost(resources, sync.id, context, verb);
  }
  const { event, via } = eventFields(context);
  try {
    await resources.audit.append({
      type: step.action === 'rejected' ? 'sync.rejected' : 'sync.cancelled',
      ...event,
      payload: {
        syncId: sync.id,
        comparisonId: sync.comparisonId,
        ...via,
        syncReason: sync.reason,
        requestedBy: sync.requestedBy,
        ...(step.reason === null ? {} : { rejectionReason: step.reason }),
      },
    });
  } catch (error) {
    await resources.syncs.reopen(sync.id, step.action).catch(() => undefined);
    throw error;
  }
  return (await resources.syncs.get(sync.id)) as StoredSync;
}

/** The stored request after expiring what is due; SyncNotFoundError when unknown. */
async function storedCandidate(
  resources: OperationResources,
  syncId: string,
  context: OperationContext,
): Promise<ApprovalCandidate> {
  await expireDueSyncs(resources, context);
  const candidate = await resources.syncs.candidate(syncId);
  if (candidate === null) {
    throw new SyncNotFoundError(syncId);
  }
  return candidate;
}

/** The stored request, refused (and the refusal audited) unless it is pending. */
async function pendingCandidate(
  resources: OperationResources,
  syncId: string,
  context: OperationContext,
  verb: 'approve' | 'reject',
): Promise<ApprovalCandidate> {
  const candidate = await storedCandidate(resources, syncId, context);
  try {
    assertPending(candidate.sync, verb);
  } catch (error) {
    await refuse(resources, context, candidate.sync, verb, error as SyncApprovalConflictError);
  }
  return candidate;
}

function assertPending(sync: StoredSync, verb: string): void {
  if (sync.status !== 'pending_approval') {
    throw new SyncApprovalConflictError(
      `sync ${sync.id} cannot be ${verb === 'cancel' ? 'cancelled' : `${verb}d`}: ${STATE[sync.status] ?? sync.status}`,
      sync.status === 'expired' ? 'expired' : 'not_pending',
      sync.status,
    );
  }
}

/** Why a request is no longer pending, as the 409 says it. */
const STATE: Record<string, string> = {
  expired: 'the request expired before anyone approved it',
  rejected: 'it was rejected',
  cancelled: 'its requester cancelled it',
  running: 'it is already approved and running',
  committed: 'it is already approved and applied',
  nothing_to_do: 'it is already approved and applied',
  rolled_back: 'it was already approved, and rolled back',
  failed: 'it was already approved, and failed',
};

function ownRequest(): SyncApprovalConflictError {
  return new SyncApprovalConflictError(
    'you requested this sync: another admin must approve it',
    'own_request',
    'pending_approval',
  );
}

/** A conditional step lost a race (or the request expired meanwhile): the 409 says what the request is now. */
async function refuseLost(
  resources: OperationResources,
  syncId: string,
  context: OperationContext,
  verb: 'approve' | 'reject' | 'cancel',
): Promise<never> {
  const { sync } = await storedCandidate(resources, syncId, context);
  try {
    assertPending(sync, verb);
  } catch (error) {
    if (verb === 'cancel') {
      throw error;
    }
    return refuse(resources, context, sync, verb, error as SyncApprovalConflictError);
  }
  // Still pending although the claim failed: it expired at this very moment.
  throw new SyncApprovalConflictError(`sync ${syncId} cannot be ${verb}d: it expired`, 'expired', 'expired');
}

/** `sync.approval_refused` (who tried what, and why not), then the error. */
async function refuse(
  resources: OperationResources,
  context: OperationContext,
  sync: StoredSync,
  verb: 'approve' | 'reject',
  error: SyncApprovalConflictError,
): Promise<never> {
  const { event, via } = eventFields(context);
  await resources.audit
    .append({
      type: 'sync.approval_refused',
      ...event,
      payload: {
        syncId: sync.id,
        comparisonId: sync.comparisonId,
        ...via,
        step: verb,
        status: sync.status,
        refusal: { conflict: error.conflict, message: error.message },
      },
    })
    .catch(() => undefined);
  throw error;
}

function isRequester(candidate: ApprovalCandidate, context: OperationContext): boolean {
  const { actor } = context;
  if (candidate.requesterId !== null && candidate.requesterId === actor.id) {
    return true;
  }
  const email = candidate.sync.requestedBy;
  return email !== null && actor.email !== null && email.toLowerCase() === actor.email.toLowerCase();
}

/**
 * Exactly the pinned plan, planned again: its selected records as explicit
 * ids resolved against the same stored comparison (so with the same pins),
 * with the request's options. A record the pinned plan did not contain (a
 * parent Production lost meanwhile) refuses the approval: nobody reviewed it.
 */
async function planPinned(
  resources: OperationResources,
  engine: SyncEngine,
  candidate: ApprovalCandidate,
): Promise<PlannedSync> {
  const { sync, options } = candidate;
  const requested: SelectionRequest[] = sync.plan.tables
    .filter((t) => t.selected.length > 0)
    .map((t) => ({ table: t.table, ids: [...t.selected] }));
  const { selections, pins } = await reviewedSelections(resources.store, sync.comparisonId, requested);
  const plan = await engine.plan({
    selections,
    includeParents: options?.includeParents ?? false,
    allowAdminAccounts: options?.allowAdminAccounts ?? false,
    acknowledgeDroppedColumns: options?.acknowledgeDroppedColumns ?? [],
    pins,
    skipChanged: options?.skipChanged ?? false,
  });
  assertWithinPinned(plan.toSyncPlan(), sync.plan);
  plan.assertDropsAcknowledged();
  plan.assertReviewHolds();
  return plan;
}

function assertWithinPinned(now: SyncPlan, pinned: SyncPlan): void {
  const keys = (plan: SyncPlan) =>
    plan.tables.flatMap((t) => [...t.selected, ...t.addedParents].map((id) => `${t.table} ${id}`));
  const allowed = new Set(keys(pinned));
  const extra = keys(now).filter((key) => !allowed.has(key));
  if (extra.length > 0) {
    throw new SyncApprovalConflictError(
      `the plan now needs records the request did not contain (${extra.slice(0, 10).join(', ')}${
        extra.length > 10 ? ', …' : ''
      }): nobody reviewed them; request the sync again from a new comparison`,
      'plan_changed',
      // approveSync records this as a failed sync before the 409 is answered.
      'failed',
    );
  }
}
