import type { ReadSession } from '../db/read-session';
import { castTo, col } from '../db/sql';
import { readColumnTypes, type ColumnTypeFacts } from '../introspect/column-types';
import type { ComparablePairing, SharedColumn } from '../introspect/table-pairing';

/*
 * Equality, defined once. Two rows are equal when every shared column is
 * IS NOT DISTINCT FROM under its type's own equality; a type without an
 * equality operator (json, xml, point, …), an enum (its labels are its
 * values; its OIDs differ between databases), and a column whose type differs
 * between the sides compare by their text. NULL never equals a value.
 *
 * The row hash that lets the comparison skip equal rows is built so that only
 * a random 64-bit collision can hide a difference (measured on PG15, see the
 * lib README): PostgreSQL's hash_record_extended hashes NULL as 0, and float
 * 0, numeric NaN/±Infinity, empty jsonb containers, timetz values whose time
 * and zone hash alike all hash to 0 too; array hashes ignore dimensions;
 * jsonb hashes ignore nesting; interval hashes drop the high 64 bits.
 *
 * - direct: the type's own hash, consistent with its equality and with no
 *   structural collision except NULL ↔ 0, which cannot happen for these
 *   types (no real value hashes to 0 other than by chance).
 * - float: the type's hash plus a null flag (0.0 and -0.0 hash to 0).
 * - numeric: the type's hash plus `c < 0` and `c = 'NaN'` — numeric hashes
 *   ignore the sign (1 and -1 hash alike) and NaN, ±Infinity all hash to 0;
 *   the two flags are non-null for every value, so NULL stays apart too.
 * - canonical: the hash of the value's text — different values always have
 *   different texts, but equal values may not (jsonb 1.0 and 1, interval
 *   '1 day' and '24 hours'), so a differing hash is confirmed with the type's
 *   own equality in Production (Development's text cast to the type).
 * - text: the hash of the text; texts differ exactly when the values differ.
 */
export type EqualityFamily = 'direct' | 'float' | 'numeric' | 'canonical' | 'text';

export interface ColumnRule {
  name: string;
  family: EqualityFamily;
  /** Either side allows NULL here. */
  nullable: boolean;
  /** For `canonical`: the type Development's text is cast to in Production to compare with `=`. */
  cast: string | null;
  /** For `direct` columns under a domain: the base type the hash reads (hash functions belong to base types). */
  hashAs: string | null;
}

const DIRECT = new Set([
  'smallint',
  'integer',
  'bigint',
  'oid',
  'text',
  'character varying',
  'bpchar',
  '"char"',
  'name',
  'uuid',
  'boolean',
  'date',
  'time without time zone',
  'timestamp without time zone',
  'timestamp with time zone',
  'bytea',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
]);
const FLOAT = new Set(['real', 'double precision']);
const CANONICAL = new Set([
  'jsonb',
  'interval',
  'time with time zone',
  'int4range',
  'int8range',
  'numrange',
  'daterange',
  'tsrange',
  'tstzrange',
  'int4multirange',
  'int8multirange',
  'nummultirange',
  'datemultirange',
  'tsmultirange',
  'tstzmultirange',
]);

const text = { family: 'text' as const, cast: null };

/** A built-in type whose text casts back to the same value anywhere and that has an equality operator. */
function castable(base: string, builtin: boolean): boolean {
  return builtin && (DIRECT.has(base) || FLOAT.has(base) || base === 'numeric' || CANONICAL.has(base));
}

function sameShape(dev: ColumnTypeFacts, prod: ColumnTypeFacts): boolean {
  return (
    dev.base === prod.base &&
    dev.builtin === prod.builtin &&
    dev.kind === prod.kind &&
    JSON.stringify(dev.element) === JSON.stringify(prod.element) &&
    JSON.stringify(dev.fields) === JSON.stringify(prod.fields)
  );
}

/** The family of a column whose type is the same on both sides. */
function familyOf(facts: ColumnTypeFacts): { family: EqualityFamily; cast: string | null } {
  const { base, builtin, element, fields } = facts;
  if (element) {
    // Arrays of built-in types compare element-wise with dimensions; arrays of
    // enums, domains or composites by text (their casts could fail in Prod).
    return castable(element.base, element.builtin) && builtin ? { family: 'canonical', cast: base } : text;
  }
  if (fields) {
    // A composite defined identically on both sides (checked by the caller),
    // of built-in castable fields only, compares field by field.
    return fields.every((f) => castable(f.base, f.builtin)) ? { family: 'canonical', cast: base } : text;
  }
  if (!builtin) {
    return text;
  }
  if (DIRECT.has(base)) {
    return { family: 'direct', cast: null };
  }
  if (FLOAT.has(base)) {
    return { family: 'float', cast: null };
  }
  if (base === 'numeric') {
    return { family: 'numeric', cast: null };
  }
  return CANONICAL.has(base) ? { family: 'canonical', cast: base } : text;
}

/** Builds the rule of one shared column from both sides' type facts. */
export function columnRule(column: SharedColumn, dev: ColumnTypeFacts, prod: ColumnTypeFacts): ColumnRule {
  const nullable = !dev.notNull || !prod.notNull;
  const { family, cast } = sameShape(dev, prod) ? familyOf(prod) : text;
  const underDomain = dev.domain || prod.domain;
  return { name: column.name, family, nullable, cast, hashAs: family !== 'text' && underDomain ? prod.base : null };
}

/** The rules of a comparable table's shared columns, read through both sessions' snapshots. */
export async function readColumnRules(
  dev: ReadSession,
  prod: ReadSession,
  schema: string,
  pairing: ComparablePairing,
): Promise<ColumnRule[]> {
  const [devTypes, prodTypes] = await Promise.all([
    readColumnTypes(dev.queryable, schema, pairing.table),
    readColumnTypes(prod.queryable, schema, pairing.table),
  ]);
  return pairing.shared.columns.map((column) => {
    const devFacts = devTypes.get(column.name);
    const prodFacts = prodTypes.get(column.name);
    if (!devFacts || !prodFacts) {
      throw new Error(`column ${column.name} of ${pairing.table} vanished during the comparison`);
    }
    return columnRule(column, devFacts, prodFacts);
  });
}

/** The expressions one column contributes to a hashed ROW(…). */
export function hashParts(alias: string, rule: ColumnRule): string[] {
  const value = col(alias, rule.name);
  const nullFlag = rule.nullable ? [`${value} IS NULL`] : [];
  const typed = rule.hashAs ? `${value}${castTo({ name: rule.name, dataType: rule.hashAs })}` : value;
  switch (rule.family) {
    case 'direct':
      return [typed];
    case 'float':
      return [typed, ...nullFlag];
    case 'numeric':
      return [typed, `${typed} < 0`, `${typed} = 'NaN'`];
    default:
      // The text of a non-null value is never NULL, so NULL (hashed 0) differs
      // from every value but by chance.
      return [`${value}::text`];
  }
}

/** A 64-bit hash of the row over all its rules' columns (key columns included). */
export function rowHashSql(alias: string, rules: ColumnRule[]): string {
  return `hash_record_extended(ROW(${rules.flatMap((r) => hashParts(alias, r)).join(', ')}), 0)`;
}

/** A 64-bit hash of one column's value, with the same guarantees as {@link rowHashSql}. */
export function columnHashSql(alias: string, rule: ColumnRule): string {
  return `hash_record_extended(ROW(${hashParts(alias, rule).join(', ')}), 0)`;
}
