import type { Queryable } from '../db/queryable';
import type { ColumnInfo, ForeignKeyInfo } from '../introspect/table-schema';
import type { SyncCatalog, SyncTable } from './sync-catalog';

/** What planning reads through: both sides (connection failures name their side) and both catalogs. */
export interface PlanContext {
  dev: Queryable;
  prod: Queryable;
  schema: string;
  catalog: SyncCatalog;
}

export type Origin = 'selected' | 'parent';

/** table → encoded id → key values (canonical text) and why the record is in the plan. */
export type Planned = Map<string, Map<string, { key: string[]; origin: Origin }>>;

/**
 * table → id → the values of `followed(table).columns`, read together with
 * the key when a record entered the plan, so the closure needs no second
 * Dev lookup for it.
 */
export type Prefetched = Map<string, Map<string, (string | null)[]>>;

export function columnsOf(columns: readonly ColumnInfo[], names: readonly string[]): ColumnInfo[] | null {
  const found = names.map((n) => columns.find((c) => c.name === n));
  return found.every((c): c is ColumnInfo => c !== undefined) ? found : null;
}

/** The Production FKs the closure follows for a table, and the columns they need. */
export function followed(st: SyncTable): { fks: ForeignKeyInfo[]; columns: string[] } {
  // A Prod FK over a column Dev lacks: the row is inserted without it (NULL/default) — nothing to follow.
  const fks = st.prod.foreignKeys.filter((fk) => columnsOf(st.dev.columns, fk.columns) !== null);
  return { fks, columns: [...new Set(fks.flatMap((fk) => fk.columns))] };
}

export function prefetch(prefetched: Prefetched, table: string, id: string, values: (string | null)[]): void {
  const rows = prefetched.get(table) ?? new Map<string, (string | null)[]>();
  rows.set(id, values);
  prefetched.set(table, rows);
}
