import { castTo, col, joinOn, qualified } from '../db/sql';
import type { ReadSession } from '../db/read-session';
import { keyObjectsJson } from '../db/record-id';
import type { TablePairing } from '../introspect/table-pairing';
import { type ColumnRule, columnHashSql } from './equality';
import { idSql } from './hash-sql';

/**
 * The exact check that ends every row-hash mismatch: names, per record, the
 * shared columns whose values differ under the equality rule (equality.ts).
 * A record whose row hash differed but whose values are all equal (jsonb
 * `1.0` and `1`) gets an empty list: the caller drops it.
 *
 * Per-column hashes are compared first; they decide every column except the
 * `canonical` ones, whose differing hashes are confirmed in Production by the
 * type's own equality: Development's texts of just those values are cast to
 * the type there. Values of other columns never leave PostgreSQL, so a
 * sensitive text column is named without its value being read.
 */
export async function differingColumns(
  dev: ReadSession,
  prod: ReadSession,
  schema: string,
  pairing: TablePairing,
  rules: ColumnRule[],
  ids: string[],
): Promise<Map<string, string[]>> {
  const shared = pairing.shared;
  const result = new Map<string, string[]>();
  if (!shared || ids.length === 0) {
    return result;
  }
  const keyNames = shared.key.map((c) => c.name);
  const table = qualified(schema, pairing.table);
  const byKey = (select: string[]) =>
    `SELECT ${idSql('t', shared.key)}, ${select.join(', ')} ` +
    `FROM json_populate_recordset(NULL::${table}, $1::json) AS k JOIN ${table} AS t ON ${joinOn('t', 'k', keyNames, keyNames)}`;
  const sql = byKey(rules.map((rule) => `${columnHashSql('t', rule)}::text`));
  const param = [keyObjectsJson(keyNames, ids)];
  const [devRows, prodRows] = await Promise.all([dev.queryArrays(sql, param), prod.queryArrays(sql, param)]);
  const prodById = new Map(prodRows.map((row) => [row[0] as string, row]));
  // Per canonical column: the records whose hashes differ, to be confirmed.
  const unconfirmed = new Map<number, string[]>();
  for (const devRow of devRows) {
    const id = devRow[0] as string;
    const prodRow = prodById.get(id);
    if (!prodRow) {
      continue;
    }
    const names: string[] = [];
    rules.forEach((rule, i) => {
      if (devRow[i + 1] === prodRow[i + 1]) {
        return;
      }
      if (rule.family === 'canonical') {
        unconfirmed.set(i, [...(unconfirmed.get(i) ?? []), id]);
      } else {
        names.push(rule.name);
      }
    });
    result.set(id, names);
  }
  if (unconfirmed.size > 0) {
    const confirmed = await confirmCanonical(dev, prod, table, shared.key, rules, unconfirmed);
    for (const [id, names] of result) {
      // Keep the table's column order in each list.
      const extra = new Set(confirmed.get(id) ?? []);
      if (extra.size > 0) {
        result.set(
          id,
          rules.filter((r) => names.includes(r.name) || extra.has(r.name)).map((r) => r.name),
        );
      }
    }
  }
  return result;
}

/**
 * For each canonical column, the records among `unconfirmed` whose values are
 * distinct under the type's equality: Development's texts are read by key,
 * then compared in Production with `IS DISTINCT FROM` after a cast to the type
 * (a built-in or an identically defined composite, so the cast cannot fail).
 */
async function confirmCanonical(
  dev: ReadSession,
  prod: ReadSession,
  table: string,
  key: { name: string }[],
  rules: ColumnRule[],
  unconfirmed: Map<number, string[]>,
): Promise<Map<string, string[]>> {
  const keyNames = key.map((c) => c.name);
  const join = `${table} AS t ON ${joinOn('t', 'k', keyNames, keyNames)}`;
  const columns = [...unconfirmed.keys()];
  const ids = [...new Set(columns.flatMap((i) => unconfirmed.get(i) ?? []))];
  const devTexts = await dev.queryArrays(
    `SELECT ${idSql('t', key)}, ${columns.map((i) => `${col('t', rules[i].name)}::text`).join(', ')} ` +
      `FROM json_populate_recordset(NULL::${table}, $1::json) AS k JOIN ${join}`,
    [keyObjectsJson(keyNames, ids)],
  );
  const textsById = new Map(devTexts.map((row) => [row[0] as string, row]));
  const confirmed = new Map<string, string[]>();
  for (const [at, i] of columns.entries()) {
    const rule = rules[i];
    const candidates = (unconfirmed.get(i) ?? []).filter((id) => textsById.has(id));
    const values = candidates.map((id) => (textsById.get(id) as unknown[])[at + 1] as string | null);
    const cast = castTo({ name: rule.name, dataType: rule.cast as string });
    const rows = await prod.queryArrays(
      `SELECT ${idSql('t', key)} FROM json_array_elements($1::json) WITH ORDINALITY AS e(o, n) ` +
        `CROSS JOIN LATERAL json_populate_record(NULL::${table}, e.o) AS k JOIN ${join} ` +
        `WHERE ${col('t', rule.name)} IS DISTINCT FROM ($2::text[])[e.n::int]${cast}`,
      [keyObjectsJson(keyNames, candidates), values],
    );
    for (const [id] of rows as [string][]) {
      confirmed.set(id, [...(confirmed.get(id) ?? []), rule.name]);
    }
  }
  return confirmed;
}
