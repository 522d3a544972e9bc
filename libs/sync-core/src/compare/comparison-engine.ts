import { CRM_TABLES, Recommendation, TableComparison } from '@vantix/contracts';
import type { CrmDatabase } from '../db/crm-database';
import type { TableSchema } from '../introspect/table-schema';
import { differingColumns } from './column-diff';
import { diffTable, DiffTuning } from './diff-table';
import { idSql } from './hash-sql';
import type { ReadSession } from './read-session';
import { RecordCollector } from './record-collector';
import { joinOn, keyObjectsJson } from './record-id';
import type { RecordSink } from './record-sink';
import { readSchemas } from './schema-snapshot';
import { openSessions, withSessions } from './sessions';
import { ident, qualified } from './sql-text';
import { emptyFindings, TableFindings } from './table-findings';
import { pairTable, TablePairing } from './table-pairing';
import { recommend } from './recommendations';

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

export class TableNotAllowedError extends Error {
  constructor(readonly table: string) {
    super(`table "${table}" is not one of the tables Vantix Sync compares`);
  }
}

export class TableNotComparableError extends Error {
  constructor(readonly table: string) {
    super(`table "${table}" cannot be compared: it is missing on a side or its primary keys differ`);
  }
}

type ComparablePairing = TablePairing & {
  dev: TableSchema;
  prod: TableSchema;
  shared: NonNullable<TablePairing['shared']>;
};

function isComparable(pairing: TablePairing): pairing is ComparablePairing {
  return pairing.shared !== null && pairing.dev !== null && pairing.prod !== null;
}

/**
 * Compares the Development and the Production CRM database, table by table.
 * Plain class, no framework: the API and the CLI construct it with the two
 * databases. See the lib README for the algorithm.
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

  async compare(options: CompareOptions): Promise<EngineComparison> {
    const tables = this.tablesFor(options.tables);
    const startedAt = new Date();
    const started = performance.now();
    const { results, findings } = await withSessions(this.dev, this.prod, async (dev, prod) => {
      const [devSchemas, prodSchemas] = await Promise.all([
        readSchemas(dev, this.schema, tables),
        readSchemas(prod, this.schema, tables),
      ]);
      const results: TableComparison[] = [];
      const findings: TableFindings[] = [];
      for (const table of tables) {
        const pairing = pairTable(table, devSchemas.get(table) ?? null, prodSchemas.get(table) ?? null);
        const found = emptyFindings(
          table,
          pairing.drift,
          isComparable(pairing),
          (pairing.dev?.foreignKeys.length ?? 0) > 0,
        );
        findings.push(found);
        results.push(
          isComparable(pairing)
            ? await this.compareTable(dev, prod, pairing, devSchemas, prodSchemas, found, options)
            : await this.describeUncomparable(dev, prod, pairing),
        );
      }
      return { results, findings };
    });
    const finishedAt = new Date();
    return {
      startedAt,
      finishedAt,
      durationMs: Math.round(performance.now() - started),
      tables: results,
      recommendations: recommend(findings),
    };
  }

  /**
   * Which of `ids` exist in Development but not in Production (a quick check,
   * e.g. after a sync). Ids the table's key cannot parse, or that are not in
   * Development, are not returned. Returns the ids as the database spells them.
   */
  async missingInProductionIds(table: string, ids: string[]): Promise<string[]> {
    const [name] = this.tablesFor([table]);
    return withSessions(this.dev, this.prod, async (dev, prod) => {
      const pairing = await this.pair(dev, prod, name);
      const [inDev, inProd] = await Promise.all([this.existing(dev, pairing, ids), this.existing(prod, pairing, ids)]);
      return [...inDev].filter((id) => !inProd.has(id));
    });
  }

  /**
   * Every id of `table` missing in Production, in batches of up to `batchSize`,
   * from one consistent snapshot per side. Memory stays bounded whatever the
   * table's size; stopping early (break) closes both transactions.
   */
  async *resolveAllMissing(table: string, batchSize = 1_000): AsyncGenerator<string[]> {
    const [name] = this.tablesFor([table]);
    const [dev, prod] = await openSessions(this.dev, this.prod);
    let failed = false;
    try {
      const pairing = await this.pair(dev, prod, name);
      const diff = await diffTable(dev, prod, this.schema, pairing, this.tuning);
      let batch: string[] = [];
      for await (const events of diff.events) {
        for (const event of events) {
          if (event.kind !== 'missingInProduction') {
            continue;
          }
          batch.push(event.id);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length) {
        yield batch;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (failed) {
        await Promise.all([dev.abandon(), prod.abandon()]);
      } else {
        await Promise.all([dev.close(), prod.close()]);
      }
    }
  }

  /** Names the columns that differ for the given ids (exported for re-checks). */
  async differingColumns(table: string, ids: string[]): Promise<Map<string, string[]>> {
    const [name] = this.tablesFor([table]);
    return withSessions(this.dev, this.prod, async (dev, prod) =>
      differingColumns(dev, prod, this.schema, await this.pair(dev, prod, name), ids),
    );
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

  private async pair(dev: ReadSession, prod: ReadSession, table: string): Promise<ComparablePairing> {
    const [devSchemas, prodSchemas] = await Promise.all([
      readSchemas(dev, this.schema, [table]),
      readSchemas(prod, this.schema, [table]),
    ]);
    const pairing = pairTable(table, devSchemas.get(table) ?? null, prodSchemas.get(table) ?? null);
    if (!isComparable(pairing)) {
      throw new TableNotComparableError(table);
    }
    return pairing;
  }

  private async existing(session: ReadSession, pairing: ComparablePairing, ids: string[]): Promise<Set<string>> {
    const key = pairing.shared.key.map((c) => c.name);
    const table = qualified(this.schema, pairing.table);
    const rows = await session.queryArrays(
      `SELECT ${idSql('t', pairing.shared.key)} FROM json_populate_recordset(NULL::${table}, $1::json) AS k ` +
        `JOIN ${table} AS t ON ${joinOn('t', 'k', key, key, ident)}`,
      [keyObjectsJson(key, ids)],
    );
    return new Set(rows.map((row) => row[0] as string));
  }

  private async compareTable(
    dev: ReadSession,
    prod: ReadSession,
    pairing: ComparablePairing,
    devSchemas: Map<string, TableSchema | null>,
    prodSchemas: Map<string, TableSchema | null>,
    findings: TableFindings,
    options: CompareOptions,
  ): Promise<TableComparison> {
    const diff = await diffTable(dev, prod, this.schema, pairing, this.tuning);
    const collector = new RecordCollector({
      dev,
      prod,
      schema: this.schema,
      pairing,
      devSchemas,
      prodSchemas,
      recordCap: options.recordCap,
      sink: options.sink,
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
  private async describeUncomparable(
    dev: ReadSession,
    prod: ReadSession,
    pairing: TablePairing,
  ): Promise<TableComparison> {
    const count = async (session: ReadSession, exists: boolean): Promise<number> => {
      if (!exists) {
        return 0;
      }
      const rows = await session.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${qualified(this.schema, pairing.table)}`,
      );
      return Number(rows[0].n);
    };
    const [devCount, prodCount] = await Promise.all([
      count(dev, pairing.dev !== null),
      count(prod, pairing.prod !== null),
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
}
