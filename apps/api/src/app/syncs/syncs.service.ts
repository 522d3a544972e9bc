import { Inject, Injectable } from '@nestjs/common';
import { OperationResources, runAuditedSync } from '@vantix/audited-operations';
import { SyncResult } from '@vantix/contracts';
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
    const { comparisonId, selections, includeParents, dryRun, acknowledgeDroppedColumns } = request;
    const recordCap = this.runtime.config.reportRecordCap;
    return runAuditedSync(
      this.operations,
      { comparisonId, selections, includeParents, dryRun, acknowledgeDroppedColumns, recordCap },
      context,
    );
  }
}
