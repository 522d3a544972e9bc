import { encodeRecordId } from '../db/record-id';
import type { ColumnInfo, ForeignKeyInfo } from '../introspect/table-schema';
import type { MissingParentDetail } from './errors';
import { lookupRows } from './key-queries';
import {
  columnsOf,
  followed,
  prefetch,
  type Origin,
  type PlanContext,
  type Planned,
  type Prefetched,
} from './plan-state';
import type { SyncTable } from './sync-catalog';

type NeededBy = { table: string; id: string }[];
type Note = (table: string, id: string, includable: boolean, neededBy: NeededBy) => void;

/**
 * Follows every Production foreign key of the planned rows (as Dev has them)
 * to parents missing in Production, recursively, adding them to the plan as
 * parents. Returns those parents with the records that reference them; the
 * caller decides whether that is an error.
 */
export async function closeOverForeignKeys(
  ctx: PlanContext,
  planned: Planned,
  prefetched: Prefetched,
): Promise<MissingParentDetail[]> {
  const missing = new Map<string, MissingParentDetail>();
  const note: Note = (table, id, includable, neededBy) => {
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
        const values = known?.get(encodeRecordId(key));
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
        const refs = new Map<string, { values: string[]; neededBy: NeededBy }>();
        for (const [index, values] of rows) {
          const tuple = fk.columns.map((c) => values[fkColumns.indexOf(c)]);
          // MATCH SIMPLE: a NULL in any FK column means no parent is required.
          if (tuple.some((v) => v === null)) {
            continue;
          }
          const ref = encodeRecordId(tuple as string[]);
          const entry = refs.get(ref) ?? {
            values: tuple as string[],
            neededBy: [],
          };
          entry.neededBy.push({ table, id: encodeRecordId(keys[index]) });
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
  refs: { values: string[]; neededBy: NeededBy }[],
  planned: Planned,
  prefetched: Prefetched,
  note: Note,
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
      const existing = rows?.get(encodeRecordId(ref.values));
      if (!existing) {
        open.push(ref);
      } else if (existing.origin === 'parent') {
        note(parentTable, encodeRecordId(ref.values), true, ref.neededBy);
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
      note(parentTable, encodeRecordId(ref.values), false, ref.neededBy);
    }
    return added;
  }
  const rows = planned.get(parentTable) ?? new Map<string, { key: string[]; origin: Origin }>();
  planned.set(parentTable, rows);
  absent.forEach(({ ref, key, fkValues }) => {
    if (!key) {
      note(parentTable, encodeRecordId(ref.values), false, ref.neededBy);
      return;
    }
    const id = encodeRecordId(key);
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
