import { CRM_TABLES } from '@vantix/contracts';
import { applyPlan, type RowTransform, type SyncOutcome } from './apply/apply';
import type { CrmDatabase } from './db/crm-database';
import { trialPlan } from './apply/trial';
import { InvalidSelectionError, RefusedRecordsError } from './plan/errors';
import { planSync, type PlanRequest } from './plan/plan';
import type { PlannedSync } from './plan/planned-sync';
import { checkSelections, type SelectionRequest } from './plan/selection';

export interface SyncEngineOptions {
  /** Tables a selection may name (the allow-list); the four CRM tables by default. */
  tables?: readonly string[];
  /** PostgreSQL schema of the tables; `public` by default. */
  schema?: string;
  /** Rows per INSERT statement; 5,000 by default. */
  batchSize?: number;
  /** Rewrites rows before they are inserted, in the dry run's trial too (a refresh's data rules). */
  transform?: RowTransform;
}

/**
 * Selective, insert-only sync from Development into Production: `plan()` then
 * `apply()` (see plan/ and apply/). The roles are the constructor's: a refresh
 * of Development passes Production as `dev` (the source read) and Development
 * as `prod` (the target written); errors name each database by its own side.
 *
 * `plan()` is read-only on both sides (the caller records an audit event
 * between plan and apply); `apply()` writes, in one Production transaction
 * that only inserts. No method of this class, nor anything it calls, issues
 * UPDATE, DELETE or TRUNCATE against Production (a test greps the sources for
 * it). Comparing again after a commit is the caller's next step, not the
 * engine's.
 */
export class SyncEngine {
  private readonly allowList: readonly string[];
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly transform: RowTransform | undefined;

  constructor(
    private readonly dev: CrmDatabase,
    private readonly prod: CrmDatabase,
    options: SyncEngineOptions = {},
  ) {
    this.allowList = options.tables ?? CRM_TABLES;
    this.schema = options.schema ?? 'public';
    this.batchSize = Math.max(1, options.batchSize ?? 5_000);
    this.transform = options.transform;
  }

  private get applyOptions() {
    return { schema: this.schema, batchSize: this.batchSize, transform: this.transform };
  }

  /**
   * The part of `plan()`'s selection check that needs no database (each table
   * once, on the allow-list, ids or `all: true`, no id twice), for a caller
   * that wants to refuse a senseless request before doing anything else.
   * @throws InvalidSelectionError
   */
  checkSelections(selections: readonly SelectionRequest[]): void {
    const { invalid } = checkSelections(selections, this.allowList);
    if (invalid.length > 0) {
      throw new InvalidSelectionError(invalid, this.allowList);
    }
  }

  /**
   * Checks and resolves a selection, closes it over foreign keys and checks
   * Production's schema facts for the planned rows, read-only.
   * @throws InvalidSelectionError (every offender), MissingParentsError, RefusedRecordsError, DatabaseUnavailableError
   */
  plan(request: PlanRequest): Promise<PlannedSync> {
    return planSync(this.dev, this.prod, { allowList: this.allowList, schema: this.schema }, request);
  }

  /**
   * The dry run's trial insert (apply/trial): the plan's rows inserted in a
   * Production transaction that is always rolled back; every row Production
   * refuses (NOT NULL, CHECK, a value not stored exactly) is named.
   * @throws RefusedRecordsError, DatabaseUnavailableError
   */
  async tryPlan(plan: PlannedSync): Promise<void> {
    const refused = await trialPlan(this.dev, this.prod, this.applyOptions, plan);
    if (refused.length > 0) {
      throw new RefusedRecordsError(refused);
    }
  }

  /**
   * Inserts a plan's records into Production, insert-only, in one transaction.
   * @throws DroppedColumnsError, SyncInProgressError, DatabaseUnavailableError
   */
  apply(plan: PlannedSync): Promise<SyncOutcome> {
    return applyPlan(this.dev, this.prod, this.applyOptions, plan);
  }
}
