import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  approveSync,
  cancelSync,
  expireDueSyncs,
  OperationResources,
  rejectSync,
  requestSyncApproval,
  runAuditedSync,
  syncEvidence,
} from '@vantix/audited-operations';
import { Page, PendingSyncResponse, StoredSync, SyncEvidence, SyncListItem, SyncResult } from '@vantix/contracts';
import { Request } from 'express';
import { ProductionAuthority } from '../auth';
import { AuthenticatedUser, requestContext } from '../common/request-context';
import { OPERATIONS } from '../operations/operations.module';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { SyncRequestDto } from './syncs.dto';

/** A selective sync, audit first: the whole sequence is @vantix/audited-operations' runAuditedSync. */
@Injectable()
export class SyncsService {
  constructor(
    @Inject(OPERATIONS) private readonly operations: OperationResources,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly authority: ProductionAuthority,
  ) {}

  /**
   * A dry run writes nothing: a Dev admin may plan. A write is checked against
   * Production's own users table first — before sync.requested, so a refused
   * write leaves only its access.denied event.
   */
  async sync(
    body: SyncRequestDto,
    request: Request & { user: AuthenticatedUser },
  ): Promise<SyncResult | PendingSyncResponse> {
    const { comparisonId, selections, includeParents, dryRun, allowAdminAccounts, acknowledgeDroppedColumns } = body;
    if (!dryRun) {
      await this.authority.assertMayWrite(request);
    }
    const { approvals, reportRecordCap: recordCap } = this.runtime.config;
    const write = {
      comparisonId,
      selections,
      includeParents,
      allowAdminAccounts,
      acknowledgeDroppedColumns,
      reason: body.reason,
      skipChanged: body.skipChanged,
      recordCap,
    };
    if (!dryRun && approvals.required === 2) {
      return requestSyncApproval(this.operations, write, requestContext(request), { ttlHours: approvals.ttlHours });
    }
    return runAuditedSync(this.operations, { ...write, dryRun }, requestContext(request));
  }

  /** Pending requests whose time ran out are marked expired first, so the list and the approve step agree. */
  async list(
    query: { status?: string; cursor?: string; limit?: number },
    request: Request,
  ): Promise<Page<SyncListItem>> {
    await expireDueSyncs(this.operations, requestContext(request));
    return this.operations.syncs.list(query);
  }

  /** @throws NotFoundException for an unknown id */
  async get(id: string, request: Request): Promise<StoredSync> {
    await expireDueSyncs(this.operations, requestContext(request));
    const sync = await this.operations.syncs.get(id);
    if (!sync) {
      throw new NotFoundException(`sync ${id} not found`);
    }
    return sync;
  }

  /**
   * Another admin approves a pending request (SYNC_APPROVALS=2): checked
   * against Production's users table as any write is, then exactly the pinned
   * plan runs. Approving one's own, an expired or decided request is a 409.
   */
  async approve(id: string, request: Request & { user: AuthenticatedUser }): Promise<SyncResult> {
    await this.authority.assertMayWrite(request);
    return approveSync(this.operations, id, requestContext(request), {
      recordCap: this.runtime.config.reportRecordCap,
    });
  }

  /** Another admin — an admin in Production, as for approving — turns a pending request down. */
  async reject(id: string, reason: string, request: Request & { user: AuthenticatedUser }): Promise<StoredSync> {
    await this.authority.assertMayWrite(request);
    return rejectSync(this.operations, id, reason, requestContext(request));
  }

  /** The requester withdraws their pending request. */
  cancel(id: string, request: Request): Promise<StoredSync> {
    return cancelSync(this.operations, id, requestContext(request));
  }

  /** @throws NotFoundException for an unknown id */
  async evidence(id: string): Promise<SyncEvidence> {
    const evidence = await syncEvidence(this.operations, id);
    if (!evidence) {
      throw new NotFoundException(`sync ${id} not found`);
    }
    return evidence;
  }
}
