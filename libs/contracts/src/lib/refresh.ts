/** The request/response shapes of Refresh Development from Production (issue 16). */
import type { Selection, StoredSync, SyncPlan, SyncResult } from './sync';

/**
 * What a refresh writes into a Development column instead of Production's
 * value. `copy`: the value as is; `null`; `mask-email`: `user-<hash>@example.invalid`;
 * `mask-phone`: digits replaced, format kept; `mask-text`: same length, letters
 * replaced; `fixed:<value>`; `unusable` (the default of a password, secret or
 * token column, not written in a rules file): a value that cannot authenticate.
 * Masks are keyed hashes: the same source value always gives the same result.
 */
export type DataRule = 'copy' | 'null' | 'mask-email' | 'mask-phone' | 'mask-text' | 'unusable' | `fixed:${string}`;

/** The rules a rules file (REFRESH_RULES) may name; `fixed:<value>` besides. */
export const DATA_RULE_NAMES = ['copy', 'null', 'mask-email', 'mask-phone', 'mask-text'] as const;

/** One column's rule in a refresh, and where it comes from. */
export interface ColumnDataRule {
  column: string;
  rule: DataRule;
  /** `file`: the rules file says so; `default`: a sensitive column (password/secret/token) without a rule. */
  source: 'file' | 'default';
}

/** The rules of one table that are not plain `copy` (every other column is copied as it is). */
export interface TableDataRules {
  table: string;
  columns: ColumnDataRule[];
}

export interface RefreshRequest {
  comparisonId: string;
  /** Why this refresh is needed (10–1,000 characters); optional for a dry run. */
  reason?: string;
  /** Records the comparison listed as missing in Development. */
  selections: Selection[];
  /** Add the Production parents Development lacks instead of refusing. */
  includeParents?: boolean;
  /** Return the plan after a trial insert into Development that is always rolled back. */
  dryRun?: boolean;
}

/** A refresh's plan: a sync plan (source Production, target Development) and the data rules per table. */
export interface RefreshPlan extends Omit<SyncPlan, 'adminAccounts'> {
  /** Admin accounts among the records; their password hashes are copied only if a rule says `copy`. */
  adminAccounts: { count: number; ids: string[]; passwordHashesIncluded: boolean };
  dataRules: TableDataRules[];
  /** The Development database written, as `host:port/database` (no credentials). */
  developmentDatabase: string;
}

/** POST /api/dev/refresh-development: per-record results as a sync's, the plan with its data rules. */
export interface RefreshResult extends Omit<SyncResult, 'plan'> {
  plan: RefreshPlan;
}

/** GET /api/dev/refreshes/:id. */
export interface StoredRefresh extends Omit<StoredSync, 'plan'> {
  plan: RefreshPlan;
}
