import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { AuditLog, ComparisonStore } from '@vantix/audit';
import { Selection, SyncPlan, SyncResult } from '@vantix/contracts';
import { CrmDatabase, DEV_DATABASE, PROD_DATABASE, SyncEngine, SyncOutcome } from '@vantix/sync-core';
import { NotFoundError } from '../common/domain-errors';
import { RequestContext } from '../common/request-context';
import { ComparisonService } from './comparison.service';
import { SyncRequestDto } from './dev.dto';

/**
 * A selective sync, audit first: the plan is built read-only, `sync.requested`
 * is written before anything touches Production (no event, no sync), then the
 * engine inserts in one Production transaction and the outcome is audited.
 */
@Injectable()
export class SyncService {
  constructor(
    @Inject(DEV_DATABASE) private readonly dev: CrmDatabase,
    @Inject(PROD_DATABASE) private readonly prod: CrmDatabase,
    private readonly comparisons: ComparisonService,
    private readonly store: ComparisonStore,
    private readonly audit: AuditLog,
  ) {}

  async sync(request: SyncRequestDto, context: RequestContext): Promise<SyncResult> {
    const selections = toSelections(request);
    const comparison = await this.store.get(request.comparisonId, {
      recordsPerKind: 0,
    });
    if (!comparison) {
      throw new NotFoundError(`comparison ${request.comparisonId} does not exist`);
    }
    await this.assertFresh(request.comparisonId, comparison.finishedAt);

    const engine = new SyncEngine(this.dev, this.prod, {
      // The re-comparison is a complete, stored and audited comparison, so the
      // admin can go on from it; the result shows the tables the sync touched.
      recheck: async (tables) => {
        const report = await this.comparisons.compare(undefined, context);
        return {
          comparisonId: report.id,
          tables: report.tables.filter((t) => tables.includes(t.table)),
        };
      },
    });
    const plan = await engine.plan({
      selections,
      includeParents: request.includeParents ?? false,
    });
    if (request.dryRun) {
      return engine.apply(plan, { dryRun: true }).then(withoutInternals);
    }

    const requested = await this.audit.append({
      type: 'sync.requested',
      ...context,
      payload: {
        comparisonId: request.comparisonId,
        includeParents: request.includeParents ?? false,
        selections: describeSelections(selections),
        plan: planCounts(plan),
      },
    });
    let outcome: SyncOutcome;
    try {
      outcome = await engine.apply(plan);
    } catch (error) {
      await this.audit
        .append({
          type: 'sync.failed',
          ...context,
          payload: {
            requestedEventId: requested.id,
            comparisonId: request.comparisonId,
            reason: (error as Error).message,
          },
        })
        .catch(() => undefined);
      throw error;
    }
    await this.auditOutcome(outcome, requested.id, request.comparisonId, context);
    return withoutInternals(outcome);
  }

  /**
   * A comparison taken before the last committed sync no longer describes
   * Production — except that sync's own re-comparison, which ran after its
   * commit but before the event that records it.
   */
  private async assertFresh(comparisonId: string, finishedAt: string): Promise<void> {
    const { items } = await this.audit.list({
      type: 'sync.committed',
      limit: 1,
    });
    const lastSync = items[0];
    if (!lastSync || lastSync.payload['recheckComparisonId'] === comparisonId) {
      return;
    }
    if (new Date(lastSync.occurredAt) > new Date(finishedAt)) {
      throw new ConflictException({
        message: `comparison ${comparisonId} is stale: a sync was committed after it (at ${lastSync.occurredAt}); run a new comparison`,
        details: {
          reason: 'comparison_stale',
          lastSyncAt: lastSync.occurredAt,
        },
      });
    }
  }

  private async auditOutcome(
    outcome: SyncOutcome,
    requestedEventId: string,
    comparisonId: string,
    context: RequestContext,
  ): Promise<void> {
    const common = {
      requestedEventId,
      syncId: outcome.id,
      comparisonId,
      summary: outcome.summary,
    };
    if (outcome.status === 'rolled_back') {
      await this.audit.append({
        type: 'sync.rolled_back',
        ...context,
        payload: {
          ...common,
          reason: outcome.error ?? 'rolled back',
          failure: outcome.failure ?? null,
        },
      });
      return;
    }
    await this.audit.append({
      type: 'sync.committed',
      ...context,
      payload: {
        ...common,
        status: outcome.status,
        results: outcome.results,
        recheckComparisonId: outcome.recheck?.comparisonId ?? null,
        ...(outcome.recheckError ? { recheckError: outcome.recheckError } : {}),
      },
    });
  }
}

function toSelections(request: SyncRequestDto): Selection[] {
  const tables = new Set<string>();
  return request.selections.map((selection, index) => {
    const where = `selections[${index}] (${selection.table})`;
    if (tables.has(selection.table)) {
      throw new BadRequestException(`${where}: table is selected twice; merge its ids into one selection`);
    }
    tables.add(selection.table);
    if (selection.all === true && selection.ids !== undefined) {
      throw new BadRequestException(`${where}: give either ids or all: true, not both`);
    }
    if (selection.all === true) {
      return { table: selection.table, all: true as const };
    }
    if (!selection.ids || selection.ids.length === 0) {
      throw new BadRequestException(`${where}: give ids (at least one) or all: true`);
    }
    return { table: selection.table, ids: selection.ids };
  });
}

function describeSelections(selections: Selection[]) {
  return selections.map((s) =>
    'all' in s ? { table: s.table, all: true } : { table: s.table, ids: s.ids.length <= 100 ? s.ids : s.ids.length },
  );
}

function planCounts(plan: SyncPlan) {
  return {
    total: plan.total,
    tables: plan.tables.map((t) => ({
      table: t.table,
      selected: t.selected.length,
      addedParents: t.addedParents.length,
    })),
  };
}

/** The engine's outcome without its internal fields: exactly the contract's SyncResult. */
function withoutInternals(outcome: SyncOutcome): SyncResult {
  const { failure: _failure, recheckError: _recheckError, ...result } = outcome;
  return result;
}
