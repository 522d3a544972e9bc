import { randomUUID } from 'node:crypto';
import { AuditActor, ComparisonReport } from '@vantix/contracts';
import { ComparisonEngine } from '@vantix/sync-core';
import { Connections } from '../runtime/connections';

/** Who runs the comparison and under which invocation; recorded in every audit event. */
export interface CliContext {
  actor: AuditActor;
  /** One id per CLI invocation, so its requested/completed events can be found together. */
  requestId: string;
}

/**
 * Runs one comparison, stores the full report and audits it from request to
 * outcome — the same steps, in the same order, as the API's
 * ComparisonService: `comparison.requested` first (no audit, no comparison),
 * the report streamed into the ComparisonStore, then `comparison.completed`,
 * or `comparison.failed` with the half-stored report discarded.
 */
export async function runAuditedComparison(
  connections: Connections,
  options: { tables?: string[]; recordCap: number },
  context: CliContext,
): Promise<ComparisonReport> {
  const { audit, store } = connections;
  const id = randomUUID();
  const event = {
    actor: context.actor,
    requestId: context.requestId,
    clientIp: null,
  };
  await audit.append({
    type: 'comparison.requested',
    ...event,
    payload: {
      comparisonId: id,
      tables: options.tables ?? 'default',
      via: 'cli',
    },
  });
  let report: ComparisonReport;
  try {
    const engine = new ComparisonEngine(connections.dev, connections.prod);
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
        payload: {
          comparisonId: id,
          reason: (error as Error).message,
          via: 'cli',
        },
      })
      .catch(() => undefined);
    throw error;
  }
  await audit.append({
    type: 'comparison.completed',
    ...event,
    payload: {
      comparisonId: id,
      via: 'cli',
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

/** In Production something is missing: records, a whole table, or columns Dev has. */
export function hasDriftTowardsProduction(report: ComparisonReport): boolean {
  return report.tables.some(
    (t) =>
      t.missingInProduction.count > 0 ||
      t.schemaDrift.missingTable === 'production' ||
      t.schemaDrift.onlyInDevelopment.length > 0,
  );
}
