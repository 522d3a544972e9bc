import { CRM_TABLES, type Recommendation, type TableComparison } from '@vantix/contracts';
import type { CrmDatabase } from './db/crm-database';
import { SyncCoreError } from './db/errors';
import { withSessions } from './db/sessions';
import type { DiffTuning } from './compare/diff-table';
import { recommend } from './compare/recommendations';
import type { RecordSink } from './compare/record-sink';
import { emptyFindings, type TableFindings } from './compare/table-findings';
import { compareTable, describeUncomparable, type TableComparisonContext } from './compare/table-comparison';
import { ConflictFinder, conflictRecommendation } from './compare/unique-conflicts';
import { readSchemas } from './introspect/schema-snapshot';
import { isComparable, pairTable } from './introspect/table-pairing';
import { readWriteFacts } from './introspect/write-facts';

export interface CompareOptions {
  /** A subset of the engine's configured tables; all of them by default. */
  tables?: string[];
  /** At most this many records per list in the result; counts are always complete. */
  recordCap: number;
  /** Receives every record, uncapped. */
  sink?: RecordSink;
}

export interface EngineComparison {
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  tables: TableComparison[];
  recommendations: Recommendation[];
}

export interface ComparisonEngineOptions {
  /** The tables this engine may read (the allow-list), in report order. Default: the four CRM tables. */
  tables?: readonly string[];
  /** The PostgreSQL schema of the tables. Default: `public`. */
  schema?: string;
  /** Algorithm knobs, for tests and measurements; the defaults are the measured best. */
  tuning?: DiffTuning;
}

/** The recommendations with one per table that has unique-key conflicts, after the other high-priority ones. */
function withConflicts(recommendations: Recommendation[], tables: TableComparison[]): Recommendation[] {
  const added = tables.flatMap((t) => conflictRecommendation(t.table, t.conflicts) ?? []);
  const at = recommendations.filter((r) => r.priority === 'high').length;
  return [...recommendations.slice(0, at), ...added, ...recommendations.slice(at)];
}

export class TableNotAllowedError extends SyncCoreError {
  constructor(readonly table: string) {
    super(`table "${table}" is not one of the tables Vantix Sync compares`);
  }
}

/**
 * Compares the Development and the Production CRM database, table by table
 * (introspect → pair → compare, see the lib README for the algorithm). Plain
 * class, no framework: the API and the CLI construct it with the two databases.
 */
export class ComparisonEngine {
  private readonly allowed: readonly string[];
  private readonly schema: string;
  private readonly tuning: DiffTuning;

  constructor(
    private readonly dev: CrmDatabase,
    private readonly prod: CrmDatabase,
    options: ComparisonEngineOptions = {},
  ) {
    // A swapped pair would report Production's records as missing in Production.
    if (dev.side !== 'development' || prod.side !== 'production') {
      throw new Error('ComparisonEngine needs the development database first and the production database second');
    }
    this.allowed = options.tables ?? CRM_TABLES;
    this.schema = options.schema ?? 'public';
    this.tuning = options.tuning ?? {};
  }

  /**
   * One comparison: each side read in one REPEATABLE READ READ ONLY snapshot
   * (introspection included), both sides at once.
   * @throws TableNotAllowedError, UnknownTableError, DatabaseUnavailableError
   */
  async compare(options: CompareOptions): Promise<EngineComparison> {
    const tables = this.tablesFor(options.tables);
    const startedAt = new Date();
    const started = performance.now();
    const { results, findings } = await withSessions(this.dev, this.prod, async (dev, prod) => {
      const [devSchemas, prodSchemas] = await Promise.all([
        readSchemas(dev, this.schema, tables),
        readSchemas(prod, this.schema, tables),
      ]);
      const pairings = tables.map((table) =>
        pairTable(table, devSchemas.get(table) ?? null, prodSchemas.get(table) ?? null),
      );
      // Unique keys of Production (other than the primary key): records missing
      // there by key but clashing on such a key are reported as conflicts.
      const conflicts = new ConflictFinder(this.schema, await readWriteFacts(prod.queryable, this.schema, tables));
      const watched = new Set(pairings.filter((p) => isComparable(p) && conflicts.watches(p)).map((p) => p.table));
      const ctx: TableComparisonContext = {
        dev,
        prod,
        schema: this.schema,
        devSchemas,
        prodSchemas,
        tuning: this.tuning,
        recordCap: options.recordCap,
        sink: watched.size > 0 ? conflicts.wrap(options.sink, watched) : options.sink,
      };
      const results: TableComparison[] = [];
      const findings: TableFindings[] = [];
      for (const pairing of pairings) {
        const comparable = isComparable(pairing);
        const found = emptyFindings(
          pairing.table,
          pairing.drift,
          comparable,
          (pairing.dev?.foreignKeys.length ?? 0) > 0,
        );
        findings.push(found);
        if (!comparable) {
          results.push(await describeUncomparable(ctx, pairing));
          continue;
        }
        const result = await compareTable(ctx, pairing, found);
        if (watched.has(pairing.table)) {
          result.conflicts = await conflicts.finish(dev, prod, pairing, options.recordCap);
        }
        results.push(result);
      }
      return { results, findings };
    });
    const finishedAt = new Date();
    return {
      startedAt,
      finishedAt,
      durationMs: Math.round(performance.now() - started),
      tables: results,
      recommendations: withConflicts(recommend(findings), results),
    };
  }

  private tablesFor(requested: string[] | undefined): string[] {
    const tables = requested ?? [...this.allowed];
    for (const table of tables) {
      if (!this.allowed.includes(table)) {
        throw new TableNotAllowedError(table);
      }
    }
    return [...new Set(tables)];
  }
}
