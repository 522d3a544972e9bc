import {
  CHILD_PREVIEW,
  CRM_TABLES,
  type LiveRecordState,
  type RecordColumnDetail,
  type RecordDetail,
  type RecordKind,
  type RecordRef,
  type RecordSummary,
} from '@vantix/contracts';
import type { CrmDatabase } from './db/crm-database';
import { SyncCoreError } from './db/errors';
import type { ReadSession } from './db/read-session';
import { decodeRecordId, isValidKeyValue } from './db/record-id';
import { withSessions } from './db/sessions';
import { readSchemas } from './introspect/schema-snapshot';
import type { TableSchema } from './introspect/table-schema';
import { type DependencyFacts, readDependencies } from './compare/record-dependencies';
import { readRecordRow, sideBySide } from './compare/record-detail';
import { readChildren, readParents, type SideSchemas, summariesOf } from './compare/record-relatives';

/** A record id that cannot be a key of the table (API: 400). */
export class InvalidRecordIdError extends SyncCoreError {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`"${id}" is not a valid id of a ${table} record`);
  }
}

/** The record is on neither side (API: 404). */
export class RecordNotFoundError extends SyncCoreError {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} record ${id} is in neither the Development nor the Production database`);
  }
}

export interface RecordReviewOptions {
  /** The tables a review may read (the allow-list); the four CRM tables by default. */
  tables?: readonly string[];
  schema?: string;
}

/** What a record detail takes from the comparison it was opened from. */
export interface DetailContext {
  comparisonId: string;
  comparedAt: string;
  comparedAs: RecordKind | null;
}

/**
 * Reads what a person needs to review records before a sync — one record on
 * both sides with its parents and children, the summaries of records known
 * only by id, which missing records need parents — live, read-only, each
 * call in one REPEATABLE READ READ ONLY snapshot per side.
 */
export class RecordReview {
  private readonly allowed: readonly string[];
  private readonly schema: string;

  constructor(
    private readonly dev: CrmDatabase,
    private readonly prod: CrmDatabase,
    options: RecordReviewOptions = {},
  ) {
    if (dev.side !== 'development' || prod.side !== 'production') {
      throw new Error('RecordReview needs the development database first and the production database second');
    }
    this.allowed = options.tables ?? CRM_TABLES;
    this.schema = options.schema ?? 'public';
  }

  /** @throws InvalidRecordIdError, RecordNotFoundError, DatabaseUnavailableError */
  detail(table: string, id: string, context: DetailContext): Promise<RecordDetail> {
    if (!this.allowed.includes(table)) {
      return Promise.reject(new InvalidRecordIdError(table, id));
    }
    return this.read(async (sessions, schemas) => {
      const devTable = schemas.dev.get(table) ?? null;
      const prodTable = schemas.prod.get(table) ?? null;
      const keyed = [devTable, prodTable].filter((t): t is TableSchema => t !== null && t.primaryKey.length > 0);
      if (keyed.length === 0 || !keyed.every((t) => fitsKey(t, id))) {
        throw new InvalidRecordIdError(table, id);
      }
      const [devRow, prodRow] = await Promise.all([
        devTable && fitsKey(devTable, id) ? readRecordRow(sessions.dev, this.schema, devTable, id) : null,
        prodTable && fitsKey(prodTable, id) ? readRecordRow(sessions.prod, this.schema, prodTable, id) : null,
      ]);
      if (!devRow && !prodRow) {
        throw new RecordNotFoundError(table, id);
      }
      const columns = sideBySide({ table: devTable, row: devRow }, { table: prodTable, row: prodRow });
      const state = liveState(Boolean(devRow), Boolean(prodRow), columns);
      // Named as Development has it, or as Production has it when it is only there.
      const summaries = devRow
        ? await summariesOf(sessions.dev, this.schema, schemas.dev, table, [id])
        : await summariesOf(sessions.prod, this.schema, schemas.prod, table, [id]);
      const parents = await readParents(
        sessions,
        this.schema,
        schemas,
        (devRow ? devTable : prodTable) as TableSchema,
        (devRow ?? prodRow) as Map<string, string | null>,
      );
      const children =
        devRow && devTable
          ? await readChildren(sessions, this.schema, schemas, this.allowed, devTable, id, CHILD_PREVIEW)
          : [];
      return {
        table,
        id,
        comparisonId: context.comparisonId,
        comparedAt: context.comparedAt,
        readAt: new Date().toISOString(),
        comparedAs: context.comparedAs,
        state,
        changedSinceComparison: context.comparedAs !== null && context.comparedAs !== state,
        summary: summaries.get(id) ?? id,
        columns,
        parents,
        children,
      };
    });
  }

  /** Summaries from Development, or Production for records only there; null for a record on neither side. */
  summaries(records: readonly RecordRef[]): Promise<RecordSummary[]> {
    return this.read(async (sessions, schemas) => {
      const byTable = new Map<string, string[]>();
      for (const { table, id } of records) {
        byTable.set(table, [...(byTable.get(table) ?? []), id]);
      }
      const found = new Map<string, string>();
      for (const [table, ids] of byTable) {
        const valid = (side: SideSchemas) => {
          const schema = side.get(table);
          return schema ? ids.filter((id) => fitsKey(schema, id)) : [];
        };
        const fromDev = await summariesOf(sessions.dev, this.schema, schemas.dev, table, valid(schemas.dev));
        const rest = valid(schemas.prod).filter((id) => !fromDev.has(id));
        const fromProd = await summariesOf(sessions.prod, this.schema, schemas.prod, table, rest);
        for (const [id, summary] of [...fromDev, ...fromProd]) {
          found.set(`${table}\0${id}`, summary);
        }
      }
      return records.map(({ table, id }) => ({ table, id, summary: found.get(`${table}\0${id}`) ?? null }));
    });
  }

  /** Records missing in Production (by table, as a comparison listed them) that need parents, and the privileged ones. */
  dependencies(missing: ReadonlyMap<string, readonly string[]>): Promise<DependencyFacts> {
    return this.read((sessions, schemas) => readDependencies(sessions, this.schema, schemas, missing));
  }

  private read<T>(
    work: (
      sessions: { dev: ReadSession; prod: ReadSession },
      schemas: { dev: SideSchemas; prod: SideSchemas },
    ) => Promise<T>,
  ): Promise<T> {
    return withSessions(this.dev, this.prod, async (dev, prod) => {
      const tables = [...this.allowed];
      const [devSchemas, prodSchemas] = await Promise.all([
        readSchemas(dev, this.schema, tables),
        readSchemas(prod, this.schema, tables),
      ]);
      return work({ dev, prod }, { dev: devSchemas, prod: prodSchemas });
    });
  }
}

function fitsKey(table: TableSchema, id: string): boolean {
  const values = decodeRecordId(id, table.primaryKey.length);
  if (!values) {
    return false;
  }
  return table.primaryKey.every((name, i) => {
    const column = table.columns.find((c) => c.name === name);
    return column ? isValidKeyValue(column, values[i]) : false;
  });
}

function liveState(inDev: boolean, inProd: boolean, columns: RecordColumnDetail[]): LiveRecordState {
  if (inDev && inProd) {
    return columns.some((c) => c.differs) ? 'differing' : 'identical';
  }
  if (inDev) {
    return 'missingInProduction';
  }
  return inProd ? 'missingInDevelopment' : 'absent';
}
