import type {
  ChangedRecord,
  PlannedSequence,
  PlannedTable,
  RecordPin,
  RecordSyncResult,
  SyncPlan,
  TableColumns,
} from '@vantix/contracts';
import { encodeRecordId } from '../db/record-id';
import { ChangedSinceReviewError, DroppedColumnsError } from './errors';
import type { SyncTable } from './sync-catalog';

/** The key columns' values of one record, in key order, as Development spells them (canonical text). */
export type RecordKey = readonly string[];

/** One table of a plan: its catalog entry and the records to insert into it. */
export interface PlannedTableKeys {
  table: SyncTable;
  /** Records the caller selected (resolved from `all: true`). */
  selected: readonly RecordKey[];
  /** Parents added because `includeParents` was set. */
  addedParents: readonly RecordKey[];
}

/**
 * What `plan()` hands to `apply()`: the tables in insert order (parents before
 * children), each with the catalog it was planned against and the typed keys
 * of its records — nothing apply has to re-read or re-parse. A schema change
 * between plan and apply cannot slip through: Production's constraints refuse
 * what no longer fits and the sync rolls back.
 */
/** What a plan knows about Production's schema facts beyond the records (see plan/write-checks). */
export interface PlanFacts {
  generatedColumns: TableColumns[];
  sequences: PlannedSequence[];
  droppedColumns: TableColumns[];
}

const NO_FACTS: PlanFacts = { generatedColumns: [], sequences: [], droppedColumns: [] };

/** table → id → the fingerprint the comparison pinned (null: stored before records were pinned). */
export type Pins = ReadonlyMap<string, ReadonlyMap<string, RecordPin | null>>;

/**
 * The review a plan was made from: the pinned records, whether changed ones
 * are left out, and what planning already decided — records Production has
 * by now (skipped) and records Development no longer has.
 */
export interface PlanReview {
  pins: Pins | null;
  skipChanged: boolean;
  /** Per-record results settled at plan time (skipped: already in production). */
  settled: RecordSyncResult[];
  /** Pinned records gone from Development at plan time. */
  vanished: ChangedRecord[];
}

const NO_REVIEW: PlanReview = { pins: null, skipChanged: false, settled: [], vanished: [] };

/** `table\0column` for each column, sorted: two lists name the same columns when these are equal. */
function columnSet(lists: readonly TableColumns[]): string {
  return [...new Set(lists.flatMap((t) => t.columns.map((c) => `${t.table}\0${c}`)))].sort().join('\n');
}

export class PlannedSync {
  constructor(
    readonly tables: readonly PlannedTableKeys[],
    readonly facts: PlanFacts = NO_FACTS,
    /** The request's `acknowledgeDroppedColumns`. */
    private readonly acknowledgedDrops: readonly TableColumns[] = [],
    /** Encoded ids of the `users` rows of a privileged role among the records (allowed by the request). */
    readonly adminAccounts: readonly string[] = [],
    readonly review: PlanReview = NO_REVIEW,
  ) {}

  /**
   * Refuses a plan that drops Development values the request did not
   * acknowledge exactly (more, fewer or other columns alike): the caller
   * checks before auditing the request, `apply` again before writing.
   * @throws DroppedColumnsError
   */
  assertDropsAcknowledged(): void {
    const dropped = this.facts.droppedColumns;
    if (dropped.length > 0 && columnSet(dropped) !== columnSet(this.acknowledgedDrops)) {
      throw new DroppedColumnsError(dropped);
    }
  }

  /**
   * Refuses a reviewed plan with pinned records Development lost since the
   * comparison, unless the request said skipChanged (apply checks changed
   * rows again, under the sync lock).
   * @throws ChangedSinceReviewError
   */
  assertReviewHolds(): void {
    if (this.review.vanished.length > 0 && !this.review.skipChanged) {
      throw new ChangedSinceReviewError(this.review.vanished);
    }
  }

  /** How many records the plan inserts. */
  get total(): number {
    return this.tables.reduce((n, t) => n + t.selected.length + t.addedParents.length, 0);
  }

  /** The plan as the API and the audit log show it (`SyncPlan`): ids in the contract's spelling. */
  toSyncPlan(): SyncPlan {
    const tables: PlannedTable[] = this.tables.map((t) => ({
      table: t.table.name,
      selected: t.selected.map(encodeRecordId),
      addedParents: t.addedParents.map(encodeRecordId),
    }));
    return {
      tables,
      total: this.total,
      ...this.facts,
      adminAccounts: { count: this.adminAccounts.length, ids: [...this.adminAccounts], passwordHashesIncluded: true },
    };
  }
}
