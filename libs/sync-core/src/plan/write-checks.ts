import type { RefusedRecord } from '@vantix/contracts';
import { encodeRecordId } from '../db/record-id';
import { castTo, ident, qualified } from '../db/sql';
import type { ColumnInfo } from '../introspect/table-schema';
import { largestIntegerText } from './largest-integer';
import { lookupRows } from './key-queries';
import type { PlanContext } from './plan-state';
import type { PlanFacts, RecordKey } from './planned-sync';
import type { SyncTable } from './sync-catalog';
import { fitCheck, type FitCheck } from './value-fit';

/** Keys per Development read: bounds each bound array and result set. */
const CHUNK = 10_000;

/** What one table's planned rows need read from Development: each part's columns in the SELECT. */
interface TableReads {
  fits: FitCheck[];
  devOnly: string[];
  sequences: { column: string; sequence: string }[];
  uniques: { name: string; columns: ColumnInfo[] }[];
}

function readsFor(st: SyncTable): TableReads {
  const fits: FitCheck[] = [];
  for (const prod of st.copied) {
    const dev = st.dev.columns.find((c) => c.name === prod.name) as ColumnInfo;
    const check = fitCheck(dev, st.devFacts.get(dev.name), prod, st.prodFacts.get(prod.name));
    if (check) {
      fits.push(check);
    }
  }
  const sequences = st.copied.flatMap((c) => {
    const seq = st.prodFacts.get(c.name)?.sequence;
    return seq ? [{ column: c.name, sequence: `${seq.schema}.${seq.name}` }] : [];
  });
  const copied = new Map(st.copied.map((c) => [c.name, c]));
  const uniques = st.uniqueKeys
    .filter((u) => u.columns.every((c) => copied.has(c)))
    .map((u) => ({ name: u.name, columns: u.columns.map((c) => copied.get(c) as ColumnInfo) }));
  return { fits, devOnly: st.devOnly, sequences, uniques };
}

/** Reads the planned rows' checked columns from Development, a chunk of keys at a time. */
async function readPlanned(
  ctx: PlanContext,
  st: SyncTable,
  keys: readonly RecordKey[],
  reads: TableReads,
): Promise<{ key: RecordKey; values: (string | null)[] }[]> {
  const params: unknown[] = st.devKey.map(() => null);
  const exprs: string[] = [];
  for (const fit of reads.fits) {
    if (fit.param) {
      params.push(fit.param);
      exprs.push(fit.sql(`$${params.length}`));
    } else {
      exprs.push(fit.sql(''));
    }
  }
  for (const name of reads.devOnly) {
    exprs.push(`CASE WHEN t.${ident(name)} IS NOT NULL THEN 't' END`);
  }
  for (const { column } of reads.sequences) {
    exprs.push(`t.${ident(column)}::text`);
  }
  for (const u of reads.uniques) {
    for (const c of u.columns) {
      exprs.push(`t.${ident(c.name)}::text`);
    }
  }
  const key = st.devKey;
  const aliases = key.map((_, i) => `c${i}`).join(', ');
  const where = key.map((c, i) => `t.${ident(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
  const sql =
    `SELECT k.ord, ${exprs.map((e, i) => `t.e${i}`).join(', ')} ` +
    `FROM unnest(${key.map((_, i) => `$${i + 1}::text[]`).join(', ')}) WITH ORDINALITY AS k(${aliases}, ord) ` +
    `CROSS JOIN LATERAL (SELECT ${exprs.map((e, i) => `${e} AS e${i}`).join(', ')} ` +
    `FROM ${qualified(ctx.schema, st.name)} t WHERE ${where} LIMIT 1) t`;
  const rows: { key: RecordKey; values: (string | null)[] }[] = [];
  for (let start = 0; start < keys.length; start += CHUNK) {
    const chunk = keys.slice(start, start + CHUNK);
    key.forEach((_, i) => (params[i] = chunk.map((k) => k[i])));
    const result = await ctx.dev.query<Record<string, string | null>>(sql, params);
    for (const row of result.rows) {
      rows.push({ key: chunk[Number(row['ord']) - 1], values: exprs.map((_, i) => row[`e${i}`] ?? null) });
    }
  }
  return rows;
}

/** Planned records whose unique-key values Production (or an earlier planned record) already has. */
async function uniqueConflicts(
  ctx: PlanContext,
  st: SyncTable,
  unique: TableReads['uniques'][number],
  tuples: { id: string; values: (string | null)[] }[],
): Promise<RefusedRecord[]> {
  const refused: RefusedRecord[] = [];
  const complete = tuples.filter((t): t is { id: string; values: string[] } => t.values.every((v) => v !== null));
  const names = unique.columns.map((c) => c.name).join(', ');
  const taken = await lookupRows(
    ctx.prod,
    ctx.schema,
    st.name,
    unique.columns,
    complete.map((t) => t.values),
    st.prodKey.map((c) => c.name),
  );
  const firstInPlan = new Map<string, string>();
  complete.forEach((t, i) => {
    const holder = taken.get(i);
    const base = { table: st.name, id: t.id, column: unique.columns.length === 1 ? unique.columns[0].name : null };
    const refusal = { ...base, value: null, productionType: null, constraint: unique.name };
    if (holder) {
      const other = encodeRecordId(holder as string[]);
      refused.push({
        ...refusal,
        conflictsWith: { table: st.name, id: other },
        reason: `production record ${other} already has the same ${names} (unique key "${unique.name}")`,
      });
      return;
    }
    // Text equality within one type: two selected records with the same key value.
    const spelled = JSON.stringify(t.values);
    const first = firstInPlan.get(spelled);
    if (first !== undefined) {
      refused.push({
        ...refusal,
        conflictsWith: { table: st.name, id: first },
        reason: `selected record ${first} has the same ${names} (unique key "${unique.name}")`,
      });
    } else {
      firstInPlan.set(spelled, t.id);
    }
  });
  return refused;
}

/**
 * Everything the plan finds out about Production's schema facts for the
 * planned records, read-only: values Production's columns cannot hold exactly
 * and unique keys already taken (both refused per record), generated columns
 * left to Production, sequences to move forward, and Development-only columns
 * whose values would be dropped.
 */
export async function checkWrites(
  ctx: PlanContext,
  tables: readonly { table: SyncTable; keys: readonly RecordKey[] }[],
): Promise<{ facts: PlanFacts; refused: RefusedRecord[] }> {
  const facts: PlanFacts = { generatedColumns: [], sequences: [], droppedColumns: [] };
  const refused: RefusedRecord[] = [];
  for (const { table: st, keys } of tables) {
    if (st.generated.length > 0) {
      facts.generatedColumns.push({ table: st.name, columns: [...st.generated] });
    }
    const reads = readsFor(st);
    const width = reads.fits.length + reads.devOnly.length + reads.sequences.length;
    if (width + reads.uniques.length === 0 || keys.length === 0) {
      continue;
    }
    const rows = await readPlanned(ctx, st, keys, reads);
    const misfits = new Set<string>();
    const dropped = new Set<string>();
    for (const { key, values } of rows) {
      const id = encodeRecordId(key);
      reads.fits.forEach((fit, i) => {
        const kind = values[i];
        if (kind !== null) {
          misfits.add(id);
          refused.push({
            table: st.name,
            id,
            column: fit.column,
            value: kind,
            productionType: fit.productionType,
            constraint: null,
            conflictsWith: null,
            reason: `column "${fit.column}" holds ${kind}; production's type ${fit.productionType} cannot hold it exactly`,
          });
        }
      });
      reads.devOnly.forEach((name, i) => {
        if (values[reads.fits.length + i] !== null) {
          dropped.add(name);
        }
      });
    }
    if (dropped.size > 0) {
      facts.droppedColumns.push({ table: st.name, columns: reads.devOnly.filter((c) => dropped.has(c)) });
    }
    reads.sequences.forEach(({ column, sequence }, i) => {
      const largest = largestIntegerText(rows.map((r) => r.values[reads.fits.length + reads.devOnly.length + i]));
      if (largest !== null) {
        facts.sequences.push({ table: st.name, column, sequence, largestValue: largest });
      }
    });
    let offset = width;
    for (const unique of reads.uniques) {
      const at = offset;
      offset += unique.columns.length;
      const tuples = rows
        .map((r) => ({ id: encodeRecordId(r.key), values: r.values.slice(at, at + unique.columns.length) }))
        // A value that does not fit is refused already; looking it up would cast it to Production's type.
        .filter((t) => !misfits.has(t.id));
      refused.push(...(await uniqueConflicts(ctx, st, unique, tuples)));
    }
  }
  return { facts, refused };
}
