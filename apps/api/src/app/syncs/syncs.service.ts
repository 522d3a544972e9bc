import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { OperationResources, runAuditedSync, syncEvidence } from '@vantix/audited-operations';
import { Page, StoredSync, SyncEvidence, SyncListItem, SyncResult } from '@vantix/contracts';
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
  async sync(body: SyncRequestDto, request: Request & { user: AuthenticatedUser }): Promise<SyncResult> {
    const { comparisonId, selections, includeParents, dryRun, allowAdminAccounts, acknowledgeDroppedColumns } = body;
    const { reason, skipChanged } = body;
    if (!dryRun) {
      await this.authority.assertMayWrite(request);
    }
    const recordCap = this.runtime.config.reportRecordCap;
    return runAuditedSync(
      this.operations,
      {
        comparisonId,
        selections,
        includeParents,
        dryRun,
        allowAdminAccounts,
        acknowledgeDroppedColumns,
        reason,
        skipChanged,
        recordCap,
      },
      requestContext(request),
    );
  }

  list(query: { status?: string; cursor?: string; limit?: number }): Promise<Page<SyncListItem>> {
    return this.operations.syncs.list(query);
  }

  /** @throws NotFoundException for an unknown id */
  async get(id: string): Promise<StoredSync> {
    const sync = await this.operations.syncs.get(id);
    if (!sync) {
      throw new NotFoundException(`sync ${id} not found`);
    }
    return sync;
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
