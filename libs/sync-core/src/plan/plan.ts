import type { CrmDatabase } from '../db/crm-database';
import { onSide } from '../db/errors';
import type { ChangedRecord, RecordSyncResult, TableColumns } from '@vantix/contracts';
import {
  InvalidSelectionError,
  type InvalidSelectionEntry,
  InvalidSelectionReason,
  MissingParentsError,
  RefusedRecordsError,
} from './errors';
import { closeOverForeignKeys } from './fk-closure';
import type { PlanContext, Planned, Prefetched } from './plan-state';
import { type Pins, PlannedSync, type PlannedTableKeys } from './planned-sync';
import { privilegedAccountEntries, privilegedAccountIds } from './privileged-accounts';
import { resolveSelection } from './resolve-selection';
import { checkSelections, type SelectionRequest } from './selection';
import { loadCatalog } from './sync-catalog';
import { checkWrites } from './write-checks';

export interface PlanRequest {
  selections: readonly SelectionRequest[];
  /** Add missing parents (recursively) instead of failing with MissingParentsError. */
  includeParents: boolean;
  /** Copy `users` rows of a privileged role too, instead of failing with InvalidSelectionError naming them. */
  allowAdminAccounts?: boolean;
  /**
   * Development-only columns the caller accepts will not be copied (see
   * PlannedSync.assertDropsAcknowledged); `all`: whichever the plan finds (a
   * refresh, whose source's extra columns simply do not exist in its target).
   */
  acknowledgeDroppedColumns?: readonly TableColumns[] | 'all';
  /**
   * The records a reviewed comparison pinned (the selection names only
   * those): a selected record Production has by now is skipped instead of
   * refused, one Development lost is reported as no longer in development, and
   * apply compares each row with its pin.
   */
  pins?: Pins;
  /** With pins: leave out changed records instead of refusing the sync. */
  skipChanged?: boolean;
}

export interface PlanOptions {
  /** Tables a selection may name (the allow-list). */
  allowList: readonly string[];
  /** PostgreSQL schema of the tables. */
  schema: string;
}

/**
 * Builds a sync plan, read-only on both databases: checks the selection,
 * resolves it to records that are in Development and not in Production, then
 * closes it over Production's foreign keys, then checks Production's schema
 * facts for the planned rows (plan/write-checks). Never returns a plan with a
 * record whose values Production's columns cannot hold exactly or whose unique
 * key Production already has, nor one that copies an admin account unless
 * `allowAdminAccounts` says so.
 * @throws InvalidSelectionError (every offender), MissingParentsError, RefusedRecordsError, DatabaseUnavailableError
 */
export async function planSync(
  dev: CrmDatabase,
  prod: CrmDatabase,
  options: PlanOptions,
  request: PlanRequest,
): Promise<PlannedSync> {
  const { requested, invalid } = checkSelections(request.selections, options.allowList);
  const ctx: PlanContext = {
    // Each side named as it is (a refresh plans with Production as the source).
    dev: onSide(dev.pool, dev.side),
    prod: onSide(prod.pool, prod.side),
    schema: options.schema,
    catalog: await loadCatalog(dev, prod, options.allowList, options.schema),
  };
  const planned: Planned = new Map();
  const prefetched: Prefetched = new Map();
  await resolveSelection(ctx, requested, planned, prefetched, invalid);
  const { settled, vanished } = request.pins ? settleReviewed(invalid) : { settled: [], vanished: [] };
  if (invalid.length > 0) {
    throw new InvalidSelectionError(invalid, options.allowList);
  }
  const missing = await closeOverForeignKeys(ctx, planned, prefetched);
  if (missing.length > 0 && (!request.includeParents || missing.some((m) => !m.includable))) {
    throw new MissingParentsError(missing);
  }
  const adminAccounts = await privilegedAccountIds(ctx, planned);
  if (adminAccounts.length > 0 && request.allowAdminAccounts !== true) {
    throw new InvalidSelectionError(privilegedAccountEntries(adminAccounts), options.allowList);
  }
  const tables: PlannedTableKeys[] = [];
  for (const name of ctx.catalog.order) {
    const rows = [...(planned.get(name)?.values() ?? [])];
    if (rows.length > 0) {
      tables.push({
        table: ctx.catalog.tables.get(name) as PlannedTableKeys['table'],
        selected: rows.filter((r) => r.origin === 'selected').map((r) => r.key),
        addedParents: rows.filter((r) => r.origin === 'parent').map((r) => r.key),
      });
    }
  }
  const { facts, refused } = await checkWrites(
    ctx,
    tables.map((t) => ({ table: t.table, keys: [...t.selected, ...t.addedParents] })),
  );
  if (refused.length > 0) {
    throw new RefusedRecordsError(refused);
  }
  const acknowledged =
    request.acknowledgeDroppedColumns === 'all' ? facts.droppedColumns : (request.acknowledgeDroppedColumns ?? []);
  return new PlannedSync(tables, facts, acknowledged, adminAccounts, {
    pins: request.pins ?? null,
    skipChanged: request.skipChanged ?? false,
    settled,
    vanished,
  });
}

/**
 * For a reviewed selection, takes the ids Production has by now (skipped, per
 * record — staleness is per record) and those Development lost out of
 * `invalid`; whatever remains is still refused.
 */
function settleReviewed(invalid: InvalidSelectionEntry[]): { settled: RecordSyncResult[]; vanished: ChangedRecord[] } {
  const settled: RecordSyncResult[] = [];
  const vanished: ChangedRecord[] = [];
  const rest = invalid.filter((entry) => {
    if (entry.id !== null && entry.reason === InvalidSelectionReason.alreadyInProduction) {
      settled.push({ table: entry.table, id: entry.id, status: 'skipped', reason: entry.reason });
      return false;
    }
    if (entry.id !== null && entry.reason === InvalidSelectionReason.notInDevelopment) {
      vanished.push({ table: entry.table, id: entry.id, problem: 'no_longer_in_development', columns: [] });
      return false;
    }
    return true;
  });
  invalid.splice(0, invalid.length, ...rest);
  return { settled, vanished };
}
