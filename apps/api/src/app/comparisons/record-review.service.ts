import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  ComparisonDependencies,
  MAX_DEPENDENCY_RECORDS,
  RecordDetail,
  RecordKind,
  RecordRef,
  RecordSummariesResponse,
} from '@vantix/contracts';
import { OperationResources } from '@vantix/audited-operations';
import { ComparisonNotFoundError } from '@vantix/report-store';
import { InvalidRecordIdError, RecordNotFoundError, RecordReview } from '@vantix/sync-core';
import { OPERATIONS } from '../operations/operations.module';

/** The report store's largest page. */
const STORE_PAGE_LIMIT = 200;

/** Injection token of the read-only record review on Dev and Prod. */
export const RECORD_REVIEW = Symbol('RECORD_REVIEW');

/**
 * What the console shows before a sync, read live from both databases (never
 * from a report): one record in detail, names for ids, and which records
 * missing in Production need parents. Reads only, so nothing is audited.
 */
@Injectable()
export class RecordReviewService {
  constructor(
    @Inject(OPERATIONS) private readonly operations: OperationResources,
    @Inject(RECORD_REVIEW) private readonly review: RecordReview,
  ) {}

  async detail(comparisonId: string, table: string, id: string, kind: RecordKind | undefined): Promise<RecordDetail> {
    const report = await this.operations.store.get(comparisonId, { recordsPerKind: 0 });
    if (!report) {
      throw new ComparisonNotFoundError(comparisonId);
    }
    try {
      return await this.review.detail(table, id, {
        comparisonId,
        comparedAt: report.startedAt,
        comparedAs: kind ?? null,
      });
    } catch (error) {
      throw translate(error);
    }
  }

  async summaries(records: RecordRef[]): Promise<RecordSummariesResponse> {
    return { records: await this.review.summaries(records) };
  }

  /**
   * Every record the comparison found missing in Production (all pages), checked
   * live — up to MAX_DEPENDENCY_RECORDS: a larger comparison is answered as
   * incomplete at once rather than holding both databases' snapshots for minutes.
   */
  async dependencies(comparisonId: string): Promise<ComparisonDependencies> {
    const report = await this.operations.store.get(comparisonId, { recordsPerKind: 0 });
    if (!report) {
      throw new ComparisonNotFoundError(comparisonId);
    }
    const total = report.tables.reduce((sum, t) => sum + t.missingInProduction.count, 0);
    if (total > MAX_DEPENDENCY_RECORDS) {
      return { comparisonId, readAt: new Date().toISOString(), complete: false, needsParents: [], privileged: [] };
    }
    const missing = new Map<string, string[]>();
    for (const table of report.tables) {
      if (table.missingInProduction.count === 0) {
        continue;
      }
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.operations.store.records(comparisonId, {
          table: table.table,
          kind: 'missingInProduction',
          limit: STORE_PAGE_LIMIT,
          cursor,
        });
        ids.push(...(page?.items ?? []).map((record) => record.id));
        cursor = page?.nextCursor ?? undefined;
      } while (cursor);
      missing.set(table.table, ids);
    }
    const facts = await this.review.dependencies(missing);
    return { comparisonId, readAt: new Date().toISOString(), complete: true, ...facts };
  }
}

function translate(error: unknown): unknown {
  if (error instanceof InvalidRecordIdError) {
    return new BadRequestException(error.message);
  }
  if (error instanceof RecordNotFoundError) {
    return new NotFoundException(error.message);
  }
  return error;
}
