import { randomUUID } from 'node:crypto';
import type { PendingSyncResponse } from '@vantix/contracts';
import { SyncEngine } from '@vantix/sync-core';
import { eventFields, type OperationContext, type OperationResources } from '../resources';
import { planAudited, type AuditedSyncRequest } from './run-audited-sync';
import { describeSelections, planCounts } from './sync-events';

const HOUR_MS = 3_600_000;

/**
 * Two-person approval, step one (SYNC_APPROVALS=2): the request is planned
 * exactly as a direct sync is — every refusal audited as `sync.refused` — and
 * tried in a Production transaction that is always rolled back; then
 * `sync.pending_approval` is appended and the request stored with its pinned
 * plan, reason, requester, options and expiry. Nothing is written to
 * Production: another admin's approval runs the plan (approveSync).
 */
export async function requestSyncApproval(
  resources: OperationResources,
  request: Omit<AuditedSyncRequest, 'dryRun'>,
  context: OperationContext,
  settings: { ttlHours: number },
): Promise<PendingSyncResponse> {
  const engine = new SyncEngine(resources.dev, resources.prod);
  const plan = await planAudited(resources, engine, request, context, { trial: true });
  const { event, via } = eventFields(context);
  const id = randomUUID();
  const reason = request.reason ?? '';
  const options = {
    includeParents: request.includeParents ?? false,
    allowAdminAccounts: request.allowAdminAccounts === true,
    acknowledgeDroppedColumns: (request.acknowledgeDroppedColumns ?? []).map((t) => ({
      table: t.table,
      columns: [...t.columns],
    })),
    skipChanged: request.skipChanged ?? false,
  };
  const pending = await resources.audit.append({
    type: 'sync.pending_approval',
    ...event,
    payload: {
      syncId: id,
      comparisonId: request.comparisonId,
      ...via,
      syncReason: reason,
      ...options,
      selections: describeSelections(request.selections),
      plan: planCounts(plan),
      approvalsRequired: 2,
      ttlHours: settings.ttlHours,
    },
  });
  const requestedAt = new Date(pending.occurredAt);
  const expiresAt = new Date(requestedAt.getTime() + settings.ttlHours * HOUR_MS);
  await resources.syncs.request({
    id,
    comparisonId: request.comparisonId,
    requestedAt,
    actor: context.actor,
    reason,
    plan: plan.toSyncPlan(),
    expiresAt,
    options,
  });
  return { id, status: 'pending_approval', expiresAt: expiresAt.toISOString() };
}

/**
 * Marks pending requests whose time ran out as expired, each with a
 * `sync.expired` event (no actor: time decided, the request that noticed is
 * only the occasion). Called before a request is listed, read, approved,
 * rejected or cancelled, so every view agrees on what has expired.
 */
export async function expireDueSyncs(resources: OperationResources, context: OperationContext): Promise<void> {
  const { event, via } = eventFields(context);
  const expired = await resources.syncs.expireDue(new Date());
  for (const sync of expired) {
    await resources.audit.append({
      type: 'sync.expired',
      ...event,
      actor: { id: null, email: null },
      payload: {
        syncId: sync.id,
        comparisonId: sync.comparisonId,
        ...via,
        requestedBy: sync.requestedBy,
        expiresAt: sync.expiresAt,
        noticedBy: context.actor.email,
      },
    });
  }
}
