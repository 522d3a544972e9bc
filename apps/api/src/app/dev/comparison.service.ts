import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, ComparisonStore } from '@vantix/audit';
import {
  ComparisonListItem,
  ComparisonReport,
  Page,
  RecordEntry,
} from '@vantix/contracts';
import {
  ComparisonEngine,
  CrmDatabase,
  DEV_DATABASE,
  PROD_DATABASE,
} from '@vantix/sync-core';
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

/** Runs a comparison, stores the full report, and audits it from request to outcome. */
@Injectable()
export class ComparisonService {
  private readonly engine: ComparisonEngine;
  private readonly slots = new Semaphore(CONCURRENT_COMPARISONS);

  constructor(
    @Inject(DEV_DATABASE) dev: CrmDatabase,
    @Inject(PROD_DATABASE) prod: CrmDatabase,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly store: ComparisonStore,
    private readonly audit: AuditLog,
  ) {
    this.engine = new ComparisonEngine(dev, prod);
  }

  async compare(
    tables: string[] | undefined,
    context: RequestContext,
  ): Promise<ComparisonReport> {
    const id = randomUUID();
    await this.audit.append({
      type: 'comparison.requested',
      ...context,
      payload: { comparisonId: id, tables: tables ?? 'default' },
    });
    return this.slots.run(() => this.runComparison(id, tables, context));
  }

  private async runComparison(
    id: string,
    tables: string[] | undefined,
    context: RequestContext,
  ): Promise<ComparisonReport> {
    let report: ComparisonReport;
    try {
      const writer = await this.store.begin({ id, startedAt: new Date() });
      const result = await this.engine.compare({
        tables,
        recordCap: this.runtime.config.reportRecordCap,
        sink: writer,
      });
      await writer.flush();
      report = {
        id,
        startedAt: result.startedAt.toISOString(),
        finishedAt: result.finishedAt.toISOString(),
        durationMs: result.durationMs,
        tables: result.tables,
        recommendations: result.recommendations,
      };
      await this.store.saveSummary(report, context.actor);
    } catch (error) {
      await this.store.discard(id).catch(() => undefined);
      await this.audit
        .append({
          type: 'comparison.failed',
          ...context,
          payload: { comparisonId: id, reason: (error as Error).message },
        })
        .catch(() => undefined);
      throw error;
    }
    await this.audit.append({
      type: 'comparison.completed',
      ...context,
      payload: {
        comparisonId: id,
        durationMs: report.durationMs,
        tables: report.tables.map((t) => ({
          table: t.table,
          devCount: t.devCount,
          prodCount: t.prodCount,
          missingInProduction: t.missingInProduction.count,
          missingInDevelopment: t.missingInDevelopment.count,
          differing: t.differing.count,
        })),
      },
    });
    return report;
  }

  list(query: {
    cursor?: string;
    limit?: number;
  }): Promise<Page<ComparisonListItem>> {
    return this.store.list(query);
  }

  async get(id: string): Promise<ComparisonReport> {
    const report = await this.store.get(id, {
      recordsPerKind: this.runtime.config.reportRecordCap,
    });
    if (!report) throw new NotFoundError(`comparison ${id} does not exist`);
    return report;
  }

  async records(
    id: string,
    query: RecordsQueryDto,
  ): Promise<Page<RecordEntry>> {
    const page = await this.store.records(id, query);
    if (!page) throw new NotFoundError(`comparison ${id} does not exist`);
    return page;
  }
}
