import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { OperationResources, runAuditedRefresh } from '@vantix/audited-operations';
import { Page, RefreshResult, StoredRefresh, SyncListItem } from '@vantix/contracts';
import { Request } from 'express';
import { AuthenticatedUser, requestContext } from '../common/request-context';
import { OPERATIONS } from '../operations/operations.module';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { REFRESH_SETTINGS, RefreshSettingsProvider } from './refresh-settings';
import { RefreshRequestDto } from './refreshes.dto';

/** Refresh Development from Production: the whole sequence is @vantix/audited-operations' runAuditedRefresh. */
@Injectable()
export class RefreshesService {
  constructor(
    @Inject(OPERATIONS) private readonly operations: OperationResources,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(REFRESH_SETTINGS) private readonly settings: RefreshSettingsProvider,
  ) {}

  /** Any Vantix Sync admin may refresh: it writes Development only (no Production authority check). */
  refresh(body: RefreshRequestDto, request: Request & { user: AuthenticatedUser }): Promise<RefreshResult> {
    const { comparisonId, selections, includeParents, dryRun, reason } = body;
    return runAuditedRefresh(
      this.operations,
      this.settings,
      { comparisonId, selections, includeParents, dryRun, reason, recordCap: this.runtime.config.reportRecordCap },
      requestContext(request),
    );
  }

  list(query: { status?: string; cursor?: string; limit?: number }): Promise<Page<SyncListItem>> {
    return this.settings.store.list(query);
  }

  /** @throws NotFoundException for an unknown id (or the id of a sync to Production) */
  async get(id: string): Promise<StoredRefresh> {
    const refresh = await this.settings.store.get(id);
    if (!refresh) {
      throw new NotFoundException(`refresh ${id} not found`);
    }
    return refresh as unknown as StoredRefresh;
  }
}
