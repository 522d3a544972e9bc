import type { TableComparison } from '@vantix/contracts';
import type { ReadSession } from '../db/read-session';
import { qualified } from '../db/sql';
import type { ComparablePairing, TablePairing } from '../introspect/table-pairing';
import type { TableSchema } from '../introspect/table-schema';
import { diffTable, type DiffTuning } from './diff-table';
import { readColumnRules } from './equality';
import { RecordCollector } from './record-collector';
import type { RecordSink } from './record-sink';
import type { TableFindings } from './table-findings';

/** Everything one table's comparison reads through: both sessions' snapshots and both catalogs. */
export interface TableComparisonContext {
  dev: ReadSession;
  prod: ReadSession;
  schema: string;
  devSchemas: Map<string, TableSchema | null>;
  prodSchemas: Map<string, TableSchema | null>;
  tuning: DiffTuning;
  /** At most this many records per list; counts are always complete. */
  recordCap: number;
  /** Receives every record, uncapped. */
  sink?: RecordSink;
}

/** A comparable table: the difference stream turned into counted, capped, summarised lists. */
export async function compareTable(
  ctx: TableComparisonContext,
  pairing: ComparablePairing,
  findings: TableFindings,
): Promise<TableComparison> {
  const rules = await readColumnRules(ctx.dev, ctx.prod, ctx.schema, pairing);
  const diff = await diffTable(ctx.dev, ctx.prod, ctx.schema, pairing, rules, ctx.tuning);
  const collector = new RecordCollector({
    dev: ctx.dev,
    prod: ctx.prod,
    schema: ctx.schema,
    pairing,
    rules,
    devSchemas: ctx.devSchemas,
    prodSchemas: ctx.prodSchemas,
    recordCap: ctx.recordCap,
    sink: ctx.sink,
    findings,
  });
  for await (const events of diff.events) {
    await collector.push(events);
  }
  await collector.finish();
  return {
    table: pairing.table,
    devCount: diff.devCount,
    prodCount: diff.prodCount,
    ...collector.lists,
    schemaDrift: pairing.drift,
  };
}

/** A table missing on a side or without matching keys: counts and drift, no record lists. */
export async function describeUncomparable(
  ctx: TableComparisonContext,
  pairing: TablePairing,
): Promise<TableComparison> {
  const count = async (session: ReadSession, exists: boolean): Promise<number> => {
    if (!exists) {
      return 0;
    }
    const rows = await session.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${qualified(ctx.schema, pairing.table)}`,
    );
    return Number(rows[0].n);
  };
  const [devCount, prodCount] = await Promise.all([
    count(ctx.dev, pairing.dev !== null),
    count(ctx.prod, pairing.prod !== null),
  ]);
  const empty = (): { count: number; records: [] } => ({ count: 0, records: [] });
  return {
    table: pairing.table,
    devCount,
    prodCount,
    missingInProduction: empty(),
    missingInDevelopment: empty(),
    differing: empty(),
    schemaDrift: pairing.drift,
  };
}
