import { randomUUID } from 'node:crypto';
import { CRM_TABLES, type Selection, type SyncPlan, type SyncResult } from '@vantix/contracts';
import type { CrmDatabase } from '../db/crm-database';
import { applyToProduction, type SyncFailure, type TableWork } from './apply';
import { InvalidSelectionEntry, InvalidSelectionError, InvalidSelectionReason, onSide } from './errors';
import { buildPlan } from './plan';
import { comparisonRecheck } from './recheck';
import { canonicalKeyValue, decodeKey, encodeKey, isValidKeyValue } from './record-key';
import { loadCatalog, type SyncCatalog } from './sync-tables';

/** Compares the given tables again after a commit; the result goes into `SyncResult.recheck`. */
export type Recheck = (tables: string[]) => Promise<NonNullable<SyncResult['recheck']>>;

export interface SyncEngineOptions {
  /** Tables a selection may name (the allow-list); the four CRM tables by default. */
  tables?: readonly string[];
  /** PostgreSQL schema of the tables; `public` by default. */
  schema?: string;
  /** Rows per INSERT statement; 5,000 by default. */
  batchSize?: number;
  /**
   * How affected tables are compared after a commit. Default: the comparison
   * engine on those tables (lists capped at `recheckRecordCap`); `false` skips
   * it (`recheck: null`).
   */
  recheck?: Recheck | false;
  /** Records per list in the default re-comparison; 100 by default. */
  recheckRecordCap?: number;
}

export interface PlanRequest {
  selections: readonly Selection[];
  /** Add missing parents (recursively) instead of failing with MissingParentsError. */
  includeParents: boolean;
}

export interface ApplyOptions {
  /** Return the plan with status `dry_run` and touch no database. */
  dryRun?: boolean;
}

/** The API's SyncResult plus the structured cause of a rollback. */
export interface SyncOutcome extends SyncResult {
  failure?: SyncFailure;
  /** Set when the commit succeeded but the re-comparison could not run (then `recheck` is null). */
  recheckError?: string;
}

/**
 * Selective, insert-only sync from Development into Production.
 *
 * `plan()` is read-only on both sides (the API records an audit event between
 * plan and apply); `apply()` writes, in one Production transaction that only
 * inserts. No method of this class, nor anything it calls, issues UPDATE,
 * DELETE or TRUNCATE against Production (a test greps the sources for it).
 */
export class SyncEngine {
  private readonly allowList: readonly string[];
  private readonly schema: string;
  private readonly batchSize: number;
  /**
   * The catalog each plan was made with, reused by apply() for that very plan
   * object (the API plans, writes its audit event, then applies). A schema
   * change in those moments cannot slip through: Prod's constraints refuse
   * what no longer fits and the sync rolls back. Any other plan is checked
   * against a freshly read catalog.
   */
  private readonly planCatalogs = new WeakMap<SyncPlan, SyncCatalog>();

  constructor(
    private readonly dev: CrmDatabase,
    private readonly prod: CrmDatabase,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.allowList = options.tables ?? CRM_TABLES;
    this.schema = options.schema ?? 'public';
    this.batchSize = Math.max(1, options.batchSize ?? 5_000);
  }

  /**
   * Resolves and validates a selection and closes it over foreign keys.
   * @throws InvalidSelectionError, MissingParentsError, DatabaseUnavailableError
   */
  async plan(request: PlanRequest): Promise<SyncPlan> {
    const catalog = await loadCatalog(this.dev, this.prod, this.allowList, this.schema);
    const plan = await buildPlan(
      {
        dev: onSide(this.dev.pool, 'development'),
        prod: onSide(this.prod.pool, 'production'),
        schema: this.schema,
        allowList: this.allowList,
        catalog,
      },
      request,
    );
    this.planCatalogs.set(plan, catalog);
    return plan;
  }

  /**
   * Applies a plan (normally one `plan()` returned; a plan from elsewhere is
   * re-validated against the allow-list and the catalogs, and its insert order
   * is recomputed rather than trusted).
   * @throws InvalidSelectionError, SyncInProgressError, DatabaseUnavailableError
   */
  async apply(plan: SyncPlan, options: ApplyOptions = {}): Promise<SyncOutcome> {
    const id = randomUUID();
    const empty = { inserted: 0, skipped: 0, failed: 0 };
    if (options.dryRun) {
      return {
        id,
        status: 'dry_run',
        summary: empty,
        results: [],
        plan,
        recheck: null,
      };
    }
    if (plan.tables.every((t) => t.selected.length + t.addedParents.length === 0)) {
      return {
        id,
        status: 'nothing_to_do',
        summary: empty,
        results: [],
        plan,
        recheck: null,
      };
    }
    const catalog =
      this.planCatalogs.get(plan) ?? (await loadCatalog(this.dev, this.prod, this.allowList, this.schema));
    const invalid: InvalidSelectionEntry[] = [];
    const keysByTable = new Map<string, Map<string, string[]>>();
    for (const planned of plan.tables) {
      const table = catalog.tables.get(planned.table);
      if (!table) {
        invalid.push(
          catalog.unusable.get(planned.table) ?? {
            table: planned.table,
            id: null,
            reason: InvalidSelectionReason.unknownTable,
          },
        );
        continue;
      }
      const keys = keysByTable.get(planned.table) ?? new Map<string, string[]>();
      keysByTable.set(planned.table, keys);
      for (const recordId of [...planned.selected, ...planned.addedParents]) {
        const key = decodeKey(recordId, table.devKey.length);
        if (key && key.every((v, i) => isValidKeyValue(table.devKey[i], v))) {
          // Canonical text, so results match what PostgreSQL returns; a plan
          // listing an id twice (or in two spellings) inserts it once.
          const canonical = key.map((v, i) => canonicalKeyValue(table.devKey[i], v));
          keys.set(encodeKey(canonical), canonical);
        } else {
          invalid.push({
            table: planned.table,
            id: recordId,
            reason: InvalidSelectionReason.invalidId,
          });
        }
      }
    }
    if (invalid.length > 0) {
      throw new InvalidSelectionError(invalid);
    }

    const work: TableWork[] = catalog.order
      .filter((name) => keysByTable.has(name))
      .map((name) => ({
        table: catalog.tables.get(name) as TableWork['table'],
        keys: [...(keysByTable.get(name) as Map<string, string[]>).values()],
      }));
    const report = await applyToProduction(
      {
        dev: this.dev,
        prod: this.prod,
        schema: this.schema,
        batchSize: this.batchSize,
      },
      work,
    );
    const summary = {
      inserted: report.results.filter((r) => r.status === 'inserted').length,
      skipped: report.results.filter((r) => r.status === 'skipped').length,
      failed: report.results.filter((r) => r.status === 'failed').length,
    };
    const outcome: SyncOutcome = {
      id,
      status: report.status,
      summary,
      results: report.results,
      plan,
      recheck: null,
    };
    if (report.error !== undefined) {
      outcome.error = report.error;
    }
    if (report.failure) {
      outcome.failure = report.failure;
    }
    if (report.status === 'committed' && this.options.recheck !== false) {
      const recheck =
        this.options.recheck ??
        comparisonRecheck(this.dev, this.prod, {
          tables: this.allowList,
          schema: this.schema,
          recordCap: this.options.recheckRecordCap ?? 100,
        });
      try {
        outcome.recheck = await recheck(work.map((w) => w.table.name));
      } catch (error) {
        // The rows are committed: a failed re-comparison must not turn the outcome into an error.
        outcome.recheckError = error instanceof Error ? error.message : String(error);
      }
    }
    return outcome;
  }

  /** `plan()` then `apply()` (or only the plan, as a dry run). */
  async sync(request: PlanRequest & ApplyOptions): Promise<SyncOutcome> {
    const plan = await this.plan(request);
    return this.apply(plan, { dryRun: request.dryRun });
  }
}
