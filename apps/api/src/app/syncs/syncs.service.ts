import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { OperationResources, runAuditedSync } from '@vantix/audited-operations';
import { Page, StoredSync, SyncListItem, SyncResult } from '@vantix/contracts';
import { RequestContext } from '../common/request-context';
import { OPERATIONS } from '../operations/operations.module';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { SyncRequestDto } from './syncs.dto';

/** A selective sync, audit first: the whole sequence is @vantix/audited-operations' runAuditedSync. */
@Injectable()
export class SyncsService {
  constructor(
    @Inject(OPERATIONS) private readonly operations: OperationResources,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  sync(request: SyncRequestDto, context: RequestContext): Promise<SyncResult> {
    const { comparisonId, selections, includeParents, dryRun, acknowledgeDroppedColumns, reason, skipChanged } =
      request;
    const recordCap = this.runtime.config.reportRecordCap;
    return runAuditedSync(
      this.operations,
      { comparisonId, selections, includeParents, dryRun, acknowledgeDroppedColumns, reason, skipChanged, recordCap },
      context,
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
}
