import type { ConflictEntry, ConflictList, Recommendation, RecordEntry, RecordKind } from '@vantix/contracts';
import type { ReadSession } from '../db/read-session';
import { decodeRecordId, encodeRecordId } from '../db/record-id';
import { castTo, ident, qualified } from '../db/sql';
import type { ComparablePairing } from '../introspect/table-pairing';
import type { ColumnInfo } from '../introspect/table-schema';
import type { TableWriteFacts, UniqueKey } from '../introspect/write-facts';
import type { RecordSink } from './record-sink';

/** Records missing in Production checked per table; the rest are counted as unchecked (memory stays bounded). */
export const CONFLICT_CHECK_LIMIT = 50_000;
/** Ids per lookup statement. */
const CHUNK = 5_000;

interface Candidate {
  id: string;
  record: RecordEntry;
}

/** One Production unique key the two sides can be matched on: same columns, same types, none of them the key. */
interface CheckedKey {
  key: UniqueKey;
  dev: ColumnInfo[];
  /** Production's columns, typed by their unmodified base type (a cast that cuts could match wrongly). */
  prod: { name: string; baseType: string }[];
}

function checkedKeys(pairing: ComparablePairing, facts: TableWriteFacts | undefined): CheckedKey[] {
  const shared = new Map(pairing.shared.columns.map((c) => [c.name, c]));
  const keys: CheckedKey[] = [];
  for (const key of facts?.uniqueKeys ?? []) {
    const columns = key.columns.map((name) => shared.get(name));
    if (columns.some((c) => !c || c.devType !== c.prodType)) {
      continue;
    }
    keys.push({
      key,
      dev: key.columns.map((name) => pairing.dev.columns.find((c) => c.name === name) as ColumnInfo),
      prod: key.columns.map((name) => ({ name, baseType: facts?.columns.get(name)?.baseType ?? '' })),
    });
  }
  return keys;
}

/** `SELECT k.ord, <returning> FROM unnest(tuples) … CROSS JOIN LATERAL (one index probe per tuple)`. */
async function probe(
  session: ReadSession,
  schema: string,
  table: string,
  match: { name: string; dataType: string }[],
  tuples: readonly (readonly string[])[],
  returning: readonly string[],
): Promise<Map<number, (string | null)[]>> {
  const params = match.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = match.map((_, i) => `c${i}`).join(', ');
  const where = match.map((c, i) => `t.${ident(c.name)} = k.c${i}${castTo(c)}`).join(' AND ');
  const select = returning.map((name, i) => `t.${ident(name)}::text AS r${i}`).join(', ');
  const sql =
    `SELECT k.ord, t.* FROM unnest(${params}) WITH ORDINALITY AS k(${aliases}, ord) ` +
    `CROSS JOIN LATERAL (SELECT ${select} FROM ${qualified(schema, table)} t WHERE ${where} LIMIT 1) t`;
  const found = new Map<number, (string | null)[]>();
  const rows = await session.query<Record<string, string | null>>(
    sql,
    match.map((_, i) => tuples.map((t) => t[i])),
  );
  for (const row of rows) {
    found.set(
      Number(row['ord']) - 1,
      returning.map((_, i) => row[`r${i}`] ?? null),
    );
  }
  return found;
}

/**
 * Finds records missing in Production by primary key that a Production record
 * already matches on a unique key (the same e-mail under another id): a sync
 * would refuse them, so the comparison reports them as `conflicts`. It wraps
 * the comparison's record sink to note the missing records of tables that
 * have such keys, then looks them up after the table's comparison, in the
 * same snapshots.
 */
export class ConflictFinder {
  private readonly candidates = new Map<string, Candidate[]>();
  private readonly unchecked = new Map<string, number>();

  constructor(
    private readonly schema: string,
    private readonly prodFacts: Map<string, TableWriteFacts>,
  ) {}

  /** A sink that notes missing records (for tables with unique keys) and passes everything on. */
  wrap(inner: RecordSink | undefined, watched: ReadonlySet<string>): RecordSink {
    return {
      add: async (table: string, kind: RecordKind, record: RecordEntry) => {
        if (kind === 'missingInProduction' && watched.has(table)) {
          const list = this.candidates.get(table) ?? [];
          if (list.length < CONFLICT_CHECK_LIMIT) {
            list.push({ id: record.id, record });
            this.candidates.set(table, list);
          } else {
            this.unchecked.set(table, (this.unchecked.get(table) ?? 0) + 1);
          }
        }
        await inner?.add(table, kind, record);
      },
    };
  }

  /** Whether a table has a Production unique key the comparison can check. */
  watches(pairing: ComparablePairing): boolean {
    return checkedKeys(pairing, this.prodFacts.get(pairing.table)).length > 0;
  }

  /** The table's conflicts (capped at `recordCap`, counted in full), after its comparison. */
  async finish(
    dev: ReadSession,
    prod: ReadSession,
    pairing: ComparablePairing,
    recordCap: number,
  ): Promise<ConflictList> {
    const candidates = this.candidates.get(pairing.table) ?? [];
    this.candidates.delete(pairing.table);
    const keys = checkedKeys(pairing, this.prodFacts.get(pairing.table));
    const devKey = pairing.dev.primaryKey.map((name) => pairing.dev.columns.find((c) => c.name === name) as ColumnInfo);
    const conflicts: ConflictEntry[] = [];
    let count = 0;
    for (let start = 0; start < candidates.length; start += CHUNK) {
      const chunk = candidates.slice(start, start + CHUNK);
      const keyTuples = chunk.map((c) => decodeRecordId(c.id, devKey.length) as string[]);
      const values = await probe(
        dev,
        this.schema,
        pairing.table,
        devKey,
        keyTuples,
        keys.flatMap((k) => k.dev.map((c) => c.name)),
      );
      const clashed = new Set<number>();
      let offset = 0;
      for (const key of keys) {
        const width = key.dev.length;
        const at = offset;
        offset += width;
        const asked: number[] = [];
        const tuples: string[][] = [];
        for (const [index, row] of values) {
          const tuple = row.slice(at, at + width);
          // NULLs are distinct in a unique key: a NULL clashes with nothing.
          if (!clashed.has(index) && tuple.every((v) => v !== null)) {
            asked.push(index);
            tuples.push(tuple as string[]);
          }
        }
        if (tuples.length === 0) {
          continue;
        }
        const match = key.prod.map((c) => ({ name: c.name, dataType: c.baseType }));
        const holders = await probe(prod, this.schema, pairing.table, match, tuples, pairing.prod.primaryKey);
        for (const [j, holder] of holders) {
          const index = asked[j];
          clashed.add(index);
          count++;
          if (conflicts.length < recordCap) {
            conflicts.push({
              ...chunk[index].record,
              columns: [...key.key.columns],
              constraint: key.key.name,
              productionId: encodeRecordId(holder as string[]),
            });
          }
        }
      }
    }
    return { count, records: conflicts, unchecked: this.unchecked.get(pairing.table) ?? 0 };
  }
}

/** The recommendation for a table's conflicts, if it has any. */
export function conflictRecommendation(table: string, conflicts: ConflictList | undefined): Recommendation | null {
  if (!conflicts || conflicts.count === 0) {
    return null;
  }
  return {
    priority: 'high',
    table,
    count: conflicts.count,
    title: `${conflicts.count} record(s) missing in production clash with a production record on a unique key`,
    action:
      'Do not sync them as they are: another production record already holds the same unique value (e.g. the e-mail). ' +
      'Decide which record is right and fix the duplicate by hand in development or production; the sync refuses them per record.',
  };
}
