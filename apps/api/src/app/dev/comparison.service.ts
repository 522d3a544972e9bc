import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, ComparisonStore } from '@vantix/audit';
import { ComparisonListItem, ComparisonReport, Page, RecordEntry } from '@vantix/contracts';
import { runAuditedComparison } from '@vantix/audited-comparison';
import { CrmDatabase, DEV_DATABASE, PROD_DATABASE } from '@vantix/sync-core';
import { NotFoundError } from '../common/domain-errors';
import { RequestContext } from '../common/request-context';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { Semaphore } from './semaphore';
import { RecordsQueryDto } from './dev.dto';

/**
 * How many comparisons run at once; the rest wait their turn. Each one keeps a
 * read transaction open on both databases, so twenty at once would only make
 * all of them slower and hold twenty snapshots.
 */
const CONCURRENT_COMPARISONS = 2;

/** Runs comparisons (a few at a time), and reads the stored ones. */
@Injectable()
export class ComparisonService {
  private readonly slots = new Semaphore(CONCURRENT_COMPARISONS);

  constructor(
    @Inject(DEV_DATABASE) private readonly dev: CrmDatabase,
    @Inject(PROD_DATABASE) private readonly prod: CrmDatabase,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly store: ComparisonStore,
    private readonly audit: AuditLog,
  ) {}

  /** One audited, stored comparison (see @vantix/audited-comparison). */
  compare(tables: string[] | undefined, context: RequestContext): Promise<ComparisonReport> {
    return this.slots.run(() =>
      runAuditedComparison(
        {
          dev: this.dev,
          prod: this.prod,
          audit: this.audit,
          store: this.store,
        },
        { tables, recordCap: this.runtime.config.reportRecordCap },
        context,
      ),
    );
  }

  list(query: { cursor?: string; limit?: number }): Promise<Page<ComparisonListItem>> {
    return this.store.list(query);
  }

  async get(id: string): Promise<ComparisonReport> {
    const report = await this.store.get(id, {
      recordsPerKind: this.runtime.config.reportRecordCap,
    });
    if (!report) {
      throw new NotFoundError(`comparison ${id} does not exist`);
    }
    return report;
  }

  async records(id: string, query: RecordsQueryDto): Promise<Page<RecordEntry>> {
    const page = await this.store.records(id, query);
    if (!page) {
      throw new NotFoundError(`comparison ${id} does not exist`);
    }
    return page;
  }
}
