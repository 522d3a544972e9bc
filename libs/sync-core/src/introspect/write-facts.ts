import type { Queryable } from '../db/queryable';

/**
 * What a sync must know about a column of the table it writes to, beyond its
 * `format_type` (introspect.ts): how to parse a value into it without a cast
 * that cuts, whether the database fills it itself, which sequence feeds it.
 */
export interface ColumnWriteFacts {
  name: string;
  /**
   * The type without its modifier (`character varying`, `numeric`, `text[]`;
   * `bpchar` and `bit varying` for `character(n)` and `bit(n)`): a value parsed
   * into it is never cut, and assigning it to the column raises instead of
   * cutting when it does not fit.
   */
  baseType: string;
  /** `pg_type.typcategory` of the type (of the element for arrays, of the base type for domains). */
  category: string;
  /** True for an array column. */
  isArray: boolean;
  /** A type of `pg_catalog` (so the same type exists on the other side). */
  builtin: boolean;
  /**
   * The type (or its element, or a domain's base) has no equality that means
   * "the same value" — json, xml, the geometric types (box `=` compares
   * areas), composites — so values are compared by their text.
   */
  comparesByText: boolean;
  /** `GENERATED ALWAYS AS (…) STORED` (or VIRTUAL, PostgreSQL 18): the database computes it; an insert must leave it out. */
  generated: boolean;
  /** `GENERATED … AS IDENTITY`. */
  identity: boolean;
  /** The sequence feeding the column (identity, serial, or a `nextval(…)` default), schema-qualified; else null. */
  sequence: { schema: string; name: string } | null;
  hasDefault: boolean;
  /** The labels of an enum column's type, in sort order; null for other types. */
  enumLabels: string[] | null;
}

/** A unique constraint or unique index other than the primary key (plain columns, no predicate). */
export interface UniqueKey {
  name: string;
  columns: string[];
}

export interface TableWriteFacts {
  table: string;
  columns: Map<string, ColumnWriteFacts>;
  uniqueKeys: UniqueKey[];
}

interface FactRow {
  table_name: string;
  column_name: string;
  base_type: string;
  category: string;
  is_array: boolean;
  builtin: boolean;
  compares_by_text: boolean;
  generated: boolean;
  identity: boolean;
  has_default: boolean;
  seq_schema: string | null;
  seq_name: string | null;
  enum_labels: string[] | null;
}

interface UniqueRow {
  table_name: string;
  index_name: string;
  columns: string[];
}

// pg_catalog only, as introspect.ts (same on PostgreSQL 15 and PGlite).
// The sequence is found through pg_depend: an identity or serial column owns
// its sequence (deptype 'i' / 'a'); any other `nextval(…)` default depends on
// the sequence it names.
const FACTS_SQL = `
  SELECT c.relname AS table_name,
         a.attname AS column_name,
         -- Without its modifier, character means character(1) and bit means
         -- bit(1): a cast to those would cut, so the unbounded spellings.
         CASE t.oid WHEN 'pg_catalog.bpchar'::regtype THEN 'bpchar'
                    WHEN 'pg_catalog._bpchar'::regtype THEN 'bpchar[]'
                    WHEN 'pg_catalog.bit'::regtype THEN 'bit varying'
                    WHEN 'pg_catalog._bit'::regtype THEN 'bit varying[]'
                    ELSE format_type(a.atttypid, NULL) END AS base_type,
         et.typcategory::text AS category,
         t.typcategory = 'A' AS is_array,
         t.typnamespace = 'pg_catalog'::regnamespace AS builtin,
         (et.typtype = 'c' OR (et.typnamespace = 'pg_catalog'::regnamespace
           AND et.typname IN ('json', 'xml', 'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle'))) AS compares_by_text,
         a.attgenerated <> '' AS generated,
         a.attidentity <> '' AS identity,
         a.atthasdef AS has_default,
         sq.nspname AS seq_schema,
         sq.relname AS seq_name,
         CASE WHEN t.typtype = 'e' THEN ARRAY(
           SELECT l.enumlabel::text FROM pg_catalog.pg_enum l WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder
         ) END AS enum_labels
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
    LEFT JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'
    JOIN pg_catalog.pg_type et ON et.oid = COALESCE(e.oid, b.oid, t.oid)
    LEFT JOIN LATERAL (
      SELECT sn.nspname, s.relname
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class s ON s.relkind = 'S'
         AND ((d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid
               AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i'))
           OR (d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.refobjid = s.oid
               AND d.objid = (SELECT ad.oid FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum)))
        JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
       WHERE d.refclassid = 'pg_catalog.pg_class'::regclass
       LIMIT 1
    ) sq ON true
   WHERE n.nspname = $1
     AND c.relname = ANY($2::text[])
     AND c.relkind IN ('r', 'p')
     AND a.attnum > 0
     AND NOT a.attisdropped
   ORDER BY c.relname, a.attnum`;

// Unique constraints are backed by unique indexes, so the indexes are the one
// source. Partial and expression indexes are left out: their rule is not a
// plain tuple of column values.
const UNIQUE_SQL = `
  SELECT c.relname AS table_name,
         COALESCE(con.conname, i.relname) AS index_name,
         ARRAY(
           SELECT a.attname
             FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
            ORDER BY k.ord
         )::text[] AS columns
    FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = x.indexrelid AND con.contype = 'u'
   WHERE n.nspname = $1
     AND c.relname = ANY($2::text[])
     AND x.indisunique
     AND NOT x.indisprimary
     AND x.indpred IS NULL
     AND x.indexprs IS NULL
   ORDER BY c.relname, index_name`;

/** Reads the write facts of the given tables (tables that do not exist are absent from the map). */
export async function readWriteFacts(
  client: Queryable,
  schema: string,
  tables: readonly string[],
): Promise<Map<string, TableWriteFacts>> {
  const facts = await client.query<FactRow>(FACTS_SQL, [schema, tables]);
  const uniques = await client.query<UniqueRow>(UNIQUE_SQL, [schema, tables]);
  const found = new Map<string, TableWriteFacts>();
  for (const row of facts.rows) {
    let table = found.get(row.table_name);
    if (!table) {
      table = { table: row.table_name, columns: new Map(), uniqueKeys: [] };
      found.set(row.table_name, table);
    }
    table.columns.set(row.column_name, {
      name: row.column_name,
      baseType: row.base_type,
      category: row.category,
      isArray: row.is_array,
      builtin: row.builtin,
      comparesByText: row.compares_by_text,
      generated: row.generated,
      identity: row.identity,
      sequence: row.seq_schema && row.seq_name ? { schema: row.seq_schema, name: row.seq_name } : null,
      hasDefault: row.has_default,
      enumLabels: row.enum_labels,
    });
  }
  for (const row of uniques.rows) {
    found.get(row.table_name)?.uniqueKeys.push({ name: row.index_name, columns: row.columns });
  }
  return found;
}
