import type { ChangedRecord, RecordPin } from '@vantix/contracts';
import { changedColumns } from '../db/fingerprint';
import { RecordReason } from './apply-report';
import type { DevTableRows } from './dev-reader';

/**
 * The pinned records of one table whose Development row, as apply just read
 * it, is not the row the comparison pinned: changed (with the columns), or
 * gone. Records without a pin entry (parents added by includeParents that the
 * comparison did not list) are not checked; a pin of null (a comparison
 * stored before records were pinned) cannot vouch for anything and counts as
 * changed.
 */
export function reviewProblems(
  table: string,
  pins: ReadonlyMap<string, RecordPin | null>,
  rows: DevTableRows,
): ChangedRecord[] {
  const problems: ChangedRecord[] = [];
  for (const id of rows.gone) {
    if (pins.has(id)) {
      problems.push({ table, id, problem: 'no_longer_in_development', columns: [] });
    }
  }
  for (const [id, now] of rows.pins ?? []) {
    if (!pins.has(id)) {
      continue;
    }
    const pinned = pins.get(id) ?? null;
    if (pinned === null) {
      problems.push({ table, id, problem: 'changed_since_review', columns: [] });
    } else if (pinned.fingerprint !== now.fingerprint) {
      problems.push({ table, id, problem: 'changed_since_review', columns: changedColumns(pinned, now) });
    }
  }
  return problems;
}

/** The reason a changed record was left out (skipChanged), as the per-record result says it. */
export const CHANGED_SINCE_REVIEW = 'changed since review';

/** The reasons failedRecords starts from: changed records are left out like vanished ones (their children too). */
export function changedReasons(problems: readonly ChangedRecord[], table: string): Map<string, string> {
  return new Map(
    problems
      .filter((p) => p.table === table)
      .map((p) => [
        p.id,
        p.problem === 'changed_since_review' ? CHANGED_SINCE_REVIEW : RecordReason.noLongerInDevelopment,
      ]),
  );
}
