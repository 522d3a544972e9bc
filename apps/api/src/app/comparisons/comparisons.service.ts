import { Inject, Injectable } from '@nestjs/common';
import { ComparisonListItem, ComparisonReport, Page, RecordEntry } from '@vantix/contracts';
import { OperationResources, runAuditedComparison } from '@vantix/audited-operations';
import { ComparisonNotFoundError } from '@vantix/report-store';
import { RequestContext } from '../common/request-context';
import { OPERATIONS } from '../operations/operations.module';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { RecordsQueryDto } from './comparisons.dto';

/** Runs audited comparisons (a few at a time, see OperationsModule) and reads the stored ones. */
@Injectable()
export class ComparisonsService {
  constructor(
    @Inject(OPERATIONS) private readonly operations: OperationResources,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  compare(tables: string[] | undefined, context: RequestContext): Promise<ComparisonReport> {
    return runAuditedComparison(this.operations, { tables, recordCap: this.runtime.config.reportRecordCap }, context);
  }

  list(query: { cursor?: string; limit?: number }): Promise<Page<ComparisonListItem>> {
    return this.operations.store.list(query);
  }

  async get(id: string): Promise<ComparisonReport> {
    const report = await this.operations.store.get(id, { recordsPerKind: this.runtime.config.reportRecordCap });
    if (!report) {
      throw new ComparisonNotFoundError(id);
    }
    return report;
  }

  async records(id: string, query: RecordsQueryDto): Promise<Page<RecordEntry>> {
    const page = await this.operations.store.records(id, query);
    if (!page) {
      throw new ComparisonNotFoundError(id);
    }
    return page;
  }
}
