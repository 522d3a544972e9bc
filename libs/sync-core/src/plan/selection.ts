import { InvalidSelectionReason, type InvalidSelectionEntry } from './errors';

/**
 * One selection as a caller sends it (the contract's `Selection`, or a request
 * body whose shape was checked but not its sense): `{table, ids}` or
 * `{table, all: true}`. Everything else about it is checked here.
 */
export interface SelectionRequest {
  table: string;
  ids?: readonly string[];
  all?: boolean;
}

/** What a checked selection asks for, per table. */
export interface RequestedTable {
  all: boolean;
  /** Distinct ids as given (spelling variants are merged later, by the database's canonical text). */
  ids: string[];
}

/**
 * The one check of a selection's sense that needs no database: each table
 * once, ids or `all: true` (not both, not neither), no id twice, tables on the
 * allow-list. Returns what can still be planned and every offender, so a
 * caller can list all problems at once.
 */
export function checkSelections(
  selections: readonly SelectionRequest[],
  allowList: readonly string[],
): { requested: Map<string, RequestedTable>; invalid: InvalidSelectionEntry[] } {
  const invalid: InvalidSelectionEntry[] = [];
  const requested = new Map<string, RequestedTable>();
  const reject = (table: string, reason: InvalidSelectionReason, id: string | null = null) =>
    invalid.push({ table, id, reason });
  const seen = new Set<string>();
  for (const selection of selections) {
    const { table } = selection;
    if (seen.has(table)) {
      reject(table, InvalidSelectionReason.selectedTwice);
      continue;
    }
    seen.add(table);
    if (!allowList.includes(table)) {
      reject(table, InvalidSelectionReason.unknownTable);
      continue;
    }
    const all = selection.all === true;
    if (all && selection.ids !== undefined) {
      reject(table, InvalidSelectionReason.idsAndAll);
      continue;
    }
    if (!all && (selection.ids === undefined || selection.ids.length === 0)) {
      reject(table, InvalidSelectionReason.nothingSelected);
      continue;
    }
    const ids = new Set<string>();
    const repeated = new Set<string>();
    for (const id of selection.ids ?? []) {
      if (ids.has(id) && !repeated.has(id)) {
        repeated.add(id);
        reject(table, InvalidSelectionReason.idListedTwice, id);
      }
      ids.add(id);
    }
    requested.set(table, { all, ids: [...ids] });
  }
  return { requested, invalid };
}
