import { randomUUID } from 'node:crypto';
import type { ComparisonReport } from '@vantix/contracts';
import { tableCounts } from '@vantix/report-store';
import { ComparisonEngine } from '@vantix/sync-core';
import { eventFields, type OperationContext, type OperationResources } from '../resources';

/**
 * Runs one comparison, stores the full report and audits it from request to
 * outcome — the one sequence the API and the CLI share: `comparison.requested`
 * first (no event, no comparison), the report streamed into the store, then
 * `comparison.completed`; or `comparison.failed`, with the half-stored report
 * discarded, and the error rethrown. Waits for a slot when the resources
 * bound how many comparisons run at once.
 */
export function runAuditedComparison(
  resources: OperationResources,
  options: { tables?: string[]; recordCap: number },
  context: OperationContext,
): Promise<ComparisonReport> {
  const run = () => compareAudited(resources, options, context);
  return resources.comparisonSlots ? resources.comparisonSlots.run(run) : run();
}

async function compareAudited(
  resources: OperationResources,
  options: { tables?: string[]; recordCap: number },
  context: OperationContext,
): Promise<ComparisonReport> {
  const { audit, store } = resources;
  const { event, via } = eventFields(context);
  const id = randomUUID();
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
      tables: report.tables.map(tableCounts),
    },
  });
  return report;
}
