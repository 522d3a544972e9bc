import type { PlannedTable, Selection, SyncPlan } from '@vantix/contracts';
import type { Queryable } from '../introspect/queryable';
import type { ColumnInfo, ForeignKeyInfo } from '../introspect/table-schema';
import {
  InvalidSelectionEntry,
  InvalidSelectionError,
  InvalidSelectionReason,
  MissingParentDetail,
  MissingParentsError,
} from './errors';
import { keysMissingInProduction, lookupRows } from './key-queries';
import { decodeKey, encodeKey, isValidKeyValue } from './record-key';
import type { SyncCatalog, SyncTable } from './sync-tables';

export interface PlanInput {
  selections: readonly Selection[];
  includeParents: boolean;
}

interface PlanContext {
  dev: Queryable;
  prod: Queryable;
  schema: string;
  allowList: readonly string[];
  catalog: SyncCatalog;
}

type Origin = 'selected' | 'parent';
/**
 * table → id → the values of `followed(table).columns`, read together with
 * the key when a record entered the plan, so the closure needs no second
 * Dev lookup for it.
 */
type Prefetched = Map<string, Map<string, (string | null)[]>>;

/** The Production FKs the closure follows for a table, and the columns they need. */
function followed(st: SyncTable): { fks: ForeignKeyInfo[]; columns: string[] } {
  // A Prod FK over a column Dev lacks: the row is inserted without it (NULL/default) — nothing to follow.
  const fks = st.prod.foreignKeys.filter((fk) => columnsOf(st.dev.columns, fk.columns) !== null);
  return { fks, columns: [...new Set(fks.flatMap((fk) => fk.columns))] };
}

function prefetch(prefetched: Prefetched, table: string, id: string, values: (string | null)[]): void {
  const rows = prefetched.get(table) ?? new Map<string, (string | null)[]>();
  rows.set(id, values);
  prefetched.set(table, rows);
}
/** table → encoded id → key values and why it is in the plan. */
type Planned = Map<string, Map<string, { key: string[]; origin: Origin }>>;

/**
 * Builds a sync plan (read-only on both databases): resolves and validates the
 * selection, then closes it over foreign keys. Throws InvalidSelectionError or
 * MissingParentsError; never returns a plan that Production's constraints
 * would refuse as of now.
 */
export async function buildPlan(ctx: PlanContext, input: PlanInput): Promise<SyncPlan> {
  const planned: Planned = new Map();
  const prefetched: Prefetched = new Map();
  await resolveSelection(ctx, input.selections, planned, prefetched);
  const missing = await closeOverForeignKeys(ctx, planned, prefetched);
  if (missing.length > 0 && (!input.includeParents || missing.some((m) => !m.includable))) {
    throw new MissingParentsError(missing);
  }
  const tables: PlannedTable[] = [];
  for (const table of ctx.catalog.order) {
    const rows = planned.get(table);
    if (!rows || rows.size === 0) {
      continue;
    }
    const entries = [...rows.entries()];
    tables.push({
      table,
      selected: entries.filter(([, r]) => r.origin === 'selected').map(([id]) => id),
      addedParents: entries.filter(([, r]) => r.origin === 'parent').map(([id]) => id),
    });
  }
  return {
    tables,
    total: tables.reduce((n, t) => n + t.selected.length + t.addedParents.length, 0),
  };
}

/** Turns the selection into canonical keys of records that are in Dev and not in Prod, or throws listing every offender. */
async function resolveSelection(
  ctx: PlanContext,
  selections: readonly Selection[],
  planned: Planned,
  prefetched: Prefetched,
): Promise<void> {
  const invalid: InvalidSelectionEntry[] = [];
  const requested = new Map<string, { all: boolean; ids: string[] }>();
  for (const selection of selections) {
    if (!ctx.allowList.includes(selection.table)) {
      invalid.push({
        table: selection.table,
        id: null,
        reason: InvalidSelectionReason.unknownTable,
      });
      continue;
    }
    const unusable = ctx.catalog.unusable.get(selection.table);
    if (unusable) {
      invalid.push(unusable);
      continue;
    }
    const entry = requested.get(selection.table) ?? { all: false, ids: [] };
    if ('all' in selection && selection.all) {
      entry.all = true;
    } else if ('ids' in selection) {
      entry.ids.push(...selection.ids);
    }
    requested.set(selection.table, entry);
  }

  for (const [table, request] of requested) {
    const st = ctx.catalog.tables.get(table) as SyncTable;
    const rows = new Map<string, { key: string[]; origin: Origin }>();
    planned.set(table, rows);
    if (request.all) {
      for (const key of await keysMissingInProduction(ctx.dev, ctx.prod, ctx.schema, table, st.devKey, st.prodKey)) {
        rows.set(encodeKey(key), { key, origin: 'selected' });
      }
    }
    const candidates: { id: string; key: string[] }[] = [];
    for (const id of new Set(request.ids)) {
      const key = decodeKey(id, st.devKey.length);
      if (!key || !key.every((v, i) => isValidKeyValue(st.devKey[i], v))) {
        invalid.push({ table, id, reason: InvalidSelectionReason.invalidId });
      } else {
        candidates.push({ id, key });
      }
    }
    // Both sides at once, matched by position: each database casts the id to
    // its key type, so spelling (e.g. an upper-case uuid) does not matter, and
    // Dev returns the canonical text the plan keeps.
    const keys = candidates.map((c) => c.key);
    const keyNames = st.devKey.map((c) => c.name);
    const [inDev, inProd] = await Promise.all([
      lookupRows(ctx.dev, ctx.schema, table, st.devKey, keys, [...keyNames, ...followed(st).columns]),
      lookupRows(ctx.prod, ctx.schema, table, st.prodKey, keys, []),
    ]);
    candidates.forEach((c, i) => {
      const values = inDev.get(i);
      if (!values) {
        invalid.push({
          table,
          id: c.id,
          reason: InvalidSelectionReason.notInDevelopment,
        });
      } else if (inProd.has(i)) {
        invalid.push({
          table,
          id: c.id,
          reason: InvalidSelectionReason.alreadyInProduction,
        });
      } else {
        const canonical = values.slice(0, keyNames.length) as string[];
        const id = encodeKey(canonical);
        rows.set(id, { key: canonical, origin: 'selected' });
        prefetch(prefetched, table, id, values.slice(keyNames.length));
      }
    });
  }
  if (invalid.length > 0) {
    throw new InvalidSelectionError(invalid);
  }
}

function columnsOf(columns: readonly ColumnInfo[], names: readonly string[]): ColumnInfo[] | null {
  const found = names.map((n) => columns.find((c) => c.name === n));
  return found.every((c): c is ColumnInfo => c !== undefined) ? found : null;
}

/**
 * Follows every Production foreign key of the planned rows (as Dev has them)
 * to parents missing in Production, recursively, adding them to the plan as
 * parents. Returns those parents with the records that reference them; the
 * caller decides whether that is an error.
 */
async function closeOverForeignKeys(
  ctx: PlanContext,
  planned: Planned,
  prefetched: Prefetched,
): Promise<MissingParentDetail[]> {
  const missing = new Map<string, MissingParentDetail>();
  const note = (table: string, id: string, includable: boolean, neededBy: { table: string; id: string }[]) => {
    const slot = `${table}\0${id}`;
    const entry = missing.get(slot) ?? { table, id, neededBy: [], includable };
    for (const n of neededBy) {
      entry.neededBy.push(n);
    }
    missing.set(slot, entry);
  };

  let frontier = new Map<string, string[][]>(
    [...planned].map(([table, rows]) => [table, [...rows.values()].map((r) => r.key)]),
  );
  while (frontier.size > 0) {
    const next = new Map<string, string[][]>();
    for (const [table, keys] of frontier) {
      if (keys.length === 0) {
        continue;
      }
      const st = ctx.catalog.tables.get(table) as SyncTable;
      const { fks, columns: fkColumns } = followed(st);
      if (fks.length === 0) {
        continue;
      }
      // FK values read with the key when the record entered the plan; the rest from Dev now.
      const known = prefetched.get(table);
      const rows = new Map<number, (string | null)[]>();
      const unknown: number[] = [];
      keys.forEach((key, i) => {
        const values = known?.get(encodeKey(key));
        if (values) {
          rows.set(i, values);
        } else {
          unknown.push(i);
        }
      });
      const read = await lookupRows(
        ctx.dev,
        ctx.schema,
        table,
        st.devKey,
        unknown.map((i) => keys[i]),
        fkColumns,
      );
      for (const [j, values] of read) {
        rows.set(unknown[j], values);
      }
      for (const fk of fks) {
        const refs = new Map<string, { values: string[]; neededBy: { table: string; id: string }[] }>();
        for (const [index, values] of rows) {
          const tuple = fk.columns.map((c) => values[fkColumns.indexOf(c)]);
          // MATCH SIMPLE: a NULL in any FK column means no parent is required.
          if (tuple.some((v) => v === null)) {
            continue;
          }
          const ref = encodeKey(tuple as string[]);
          const entry = refs.get(ref) ?? {
            values: tuple as string[],
            neededBy: [],
          };
          entry.neededBy.push({ table, id: encodeKey(keys[index]) });
          refs.set(ref, entry);
        }
        const added = await followForeignKey(ctx, st, fk, [...refs.values()], planned, prefetched, note);
        for (const [parentTable, parentKeys] of added) {
          const list = next.get(parentTable) ?? [];
          for (const k of parentKeys) {
            list.push(k);
          }
          next.set(parentTable, list);
        }
      }
    }
    frontier = next;
  }
  return [...missing.values()];
}

async function followForeignKey(
  ctx: PlanContext,
  child: SyncTable,
  fk: ForeignKeyInfo,
  refs: { values: string[]; neededBy: { table: string; id: string }[] }[],
  planned: Planned,
  prefetched: Prefetched,
  note: (table: string, id: string, includable: boolean, neededBy: { table: string; id: string }[]) => void,
): Promise<Map<string, string[][]>> {
  const added = new Map<string, string[][]>();
  const parentTable = fk.referencedTable;
  const parent = ctx.catalog.tables.get(parentTable);
  const byPrimaryKey = parent !== undefined && fk.referencedColumns.join('\0') === parent.prod.primaryKey.join('\0');

  // Already in the plan (selected, or added as a parent by another reference).
  let open = refs;
  if (byPrimaryKey) {
    const rows = planned.get(parentTable);
    open = [];
    for (const ref of refs) {
      const existing = rows?.get(encodeKey(ref.values));
      if (!existing) {
        open.push(ref);
      } else if (existing.origin === 'parent') {
        note(parentTable, encodeKey(ref.values), true, ref.neededBy);
      }
    }
  }
  if (open.length === 0) {
    return added;
  }

  // The referenced values are cast with the child's FK column types: a foreign
  // key guarantees they compare with the referenced columns, and it works for
  // parents outside the allow-list whose catalog we did not read.
  const prodCols = columnsOf(child.prod.columns, fk.columns) as ColumnInfo[];
  const devCols = columnsOf(child.dev.columns, fk.columns) as ColumnInfo[];
  // Prod (is the parent there?) and Dev (which record is it?) are asked at
  // once: one round trip instead of two, at the price of Dev lookups for
  // parents Prod turns out to have.
  const [inProd, inDev] = await Promise.all([
    lookupRows(
      ctx.prod,
      ctx.schema,
      parentTable,
      prodCols.map((c, i) => ({ ...c, name: fk.referencedColumns[i] })),
      open.map((r) => r.values),
      [],
    ),
    parent
      ? lookupRows(
          ctx.dev,
          ctx.schema,
          parentTable,
          devCols.map((c, i) => ({ ...c, name: fk.referencedColumns[i] })),
          open.map((r) => r.values),
          [...parent.devKey.map((c) => c.name), ...followed(parent).columns],
        )
      : Promise.resolve(new Map<number, (string | null)[]>()),
  ]);
  const keyLength = parent?.devKey.length ?? 0;
  const absent = open.flatMap((ref, i) => {
    if (inProd.has(i)) {
      return [];
    }
    const values = inDev.get(i);
    return [
      {
        ref,
        key: values?.slice(0, keyLength) as string[] | undefined,
        fkValues: values?.slice(keyLength) ?? [],
      },
    ];
  });
  if (absent.length === 0) {
    return added;
  }

  if (!parent) {
    for (const { ref } of absent) {
      note(parentTable, encodeKey(ref.values), false, ref.neededBy);
    }
    return added;
  }
  const rows = planned.get(parentTable) ?? new Map<string, { key: string[]; origin: Origin }>();
  planned.set(parentTable, rows);
  absent.forEach(({ ref, key, fkValues }) => {
    if (!key) {
      note(parentTable, encodeKey(ref.values), false, ref.neededBy);
      return;
    }
    const id = encodeKey(key);
    const existing = rows.get(id);
    if (existing?.origin === 'selected') {
      return;
    }
    note(parentTable, id, true, ref.neededBy);
    if (!existing) {
      rows.set(id, { key, origin: 'parent' });
      prefetch(prefetched, parentTable, id, fkValues);
      const list = added.get(parentTable) ?? [];
      list.push(key);
      added.set(parentTable, list);
    }
  });
  return added;
}
