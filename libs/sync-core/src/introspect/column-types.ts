import type { Queryable } from '../db/queryable';

/**
 * What the comparison needs to know about a column's type to compare its
 * values exactly: the type under any domains, whether it is built in, and for
 * arrays and composites what they are made of. Read from pg_catalog only (the
 * same on PostgreSQL 15 and PGlite).
 */
export interface ColumnTypeFacts {
  name: string;
  notNull: boolean;
  /** The column's type is a domain (over `base`). */
  domain: boolean;
  /** The type under any domains, as `format_type(oid, -1)`: castable without a length (`bpchar`, `numeric`). */
  base: string;
  /** Built in (OID below 16384): its text form round-trips and its casts cannot fail on another database. */
  builtin: boolean;
  /** pg_type.typtype of the base: b(ase), c(omposite), e(num), r(ange), m(ultirange), p(seudo). */
  kind: string;
  /** For arrays: the element type's facts (its own domains not resolved); null otherwise. */
  element: { base: string; builtin: boolean; kind: string } | null;
  /** For composites: each attribute as `name type` (typmods included), in order; null otherwise. */
  fields: { name: string; type: string; base: string; builtin: boolean }[] | null;
}

// Domains are resolved through a recursive walk of typbasetype; arrays are
// recognised by typsubscript (typelem alone is also set on point and name).
const COLUMN_TYPES_SQL = `
  WITH RECURSIVE cols AS (
    SELECT a.attnum, a.attname, a.attnotnull, a.atttypid
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  ), resolved(attnum, typ) AS (
    SELECT attnum, atttypid FROM cols
    UNION ALL
    SELECT r.attnum, t.typbasetype FROM resolved r JOIN pg_catalog.pg_type t ON t.oid = r.typ WHERE t.typtype = 'd'
  )
  SELECT c.attname AS name, c.attnotnull AS not_null, c.atttypid <> b.oid AS domain,
         pg_catalog.format_type(b.oid, -1) AS base, b.oid < 16384 AS builtin, b.typtype AS kind,
         CASE WHEN b.typsubscript = 'pg_catalog.array_subscript_handler'::regproc THEN json_build_object(
           'base', pg_catalog.format_type(e.oid, -1), 'builtin', e.oid < 16384, 'kind', e.typtype) END AS element,
         CASE WHEN b.typtype = 'c' THEN (
           SELECT json_agg(json_build_object('name', fa.attname, 'type', pg_catalog.format_type(fa.atttypid, fa.atttypmod),
                                             'base', pg_catalog.format_type(fa.atttypid, -1), 'builtin', fa.atttypid < 16384)
                           ORDER BY fa.attnum)
             FROM pg_catalog.pg_attribute fa
            WHERE fa.attrelid = b.typrelid AND fa.attnum > 0 AND NOT fa.attisdropped) END AS fields
    FROM cols c
    JOIN resolved r ON r.attnum = c.attnum
    JOIN pg_catalog.pg_type b ON b.oid = r.typ AND b.typtype <> 'd'
    LEFT JOIN pg_catalog.pg_type e ON e.oid = b.typelem
   ORDER BY c.attnum`;

interface Row {
  name: string;
  not_null: boolean;
  domain: boolean;
  base: string;
  builtin: boolean;
  kind: string;
  element: ColumnTypeFacts['element'];
  fields: ColumnTypeFacts['fields'];
}

/** The type facts of one table's columns on one side, by column name (empty when the table does not exist). */
export async function readColumnTypes(
  db: Queryable,
  schema: string,
  table: string,
): Promise<Map<string, ColumnTypeFacts>> {
  const { rows } = await db.query<Row>(COLUMN_TYPES_SQL, [schema, table]);
  return new Map(
    rows.map((row) => [
      row.name,
      {
        name: row.name,
        notNull: row.not_null,
        domain: row.domain,
        base: row.base,
        builtin: row.builtin,
        kind: row.kind,
        element: row.element,
        fields: row.fields,
      },
    ]),
  );
}
