import { randomUUID } from 'node:crypto';
import { AuditLog, ComparisonStore } from '@vantix/audit';
import { AuditActor, ComparisonReport } from '@vantix/contracts';
import { ComparisonEngine, CrmDatabase } from '@vantix/sync-core';

/** What a comparison runs on: both CRM databases, the audit log and the report store. */
export interface ComparisonResources {
  dev: CrmDatabase;
  prod: CrmDatabase;
  audit: AuditLog;
  store: ComparisonStore;
}

/** Who asked, from where; recorded in every event of the comparison. */
export interface ComparisonContext {
  actor: AuditActor;
  requestId: string | null;
  clientIp: string | null;
  /** Where the request came from, when not the API (e.g. `cli`). */
  via?: string;
}

/**
 * Runs one comparison, stores the full report and audits it from request to
 * outcome — the one sequence the API and the CLI share: `comparison.requested`
 * first (no event, no comparison), the report streamed into the store, then
 * `comparison.completed`; or `comparison.failed`, with the half-stored report
 * discarded, and the error rethrown.
 */
export async function runAuditedComparison(
  resources: ComparisonResources,
  options: { tables?: string[]; recordCap: number },
  context: ComparisonContext,
): Promise<ComparisonReport> {
  const { audit, store } = resources;
  const id = randomUUID();
  const event = {
    actor: context.actor,
    requestId: context.requestId,
    clientIp: context.clientIp,
  };
  const via = context.via ? { via: context.via } : {};
  await audit.append({
    type: 'comparison.requested',
    ...event,
    payload: { comparisonId: id, tables: options.tables ?? 'default', ...via },
  });
  let report: ComparisonReport;
  try {
    const engine = new ComparisonEngine(resources.dev, resources.prod);
    const writer = await store.begin({ id, startedAt: new Date() });
    const result = await engine.compare({
      tables: options.tables,
      recordCap: options.recordCap,
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
    await store.saveSummary(report, context.actor);
  } catch (error) {
    await store.discard(id).catch(() => undefined);
    await audit
      .append({
        type: 'comparison.failed',
        ...event,
        payload: { comparisonId: id, reason: (error as Error).message, ...via },
      })
      .catch(() => undefined);
    throw error;
  }
  await audit.append({
    type: 'comparison.completed',
    ...event,
    payload: {
      comparisonId: id,
      ...via,
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
