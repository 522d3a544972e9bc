import type { ColumnInfo } from '../introspect/table-schema';

/**
 * SQL text helpers. Values never go through here: they are always bound
 * parameters. Only catalog names (tables, columns, types) are spliced, and
 * only after quoting/validation.
 */

/** Quotes an identifier the way PostgreSQL's quote_ident does (always quoted, so case and keywords are safe). */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\0')) {
    throw new Error('Invalid SQL identifier');
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`. */
export function qualifiedTable(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

// format_type() output: words, digits, spaces, dots, brackets, parentheses,
// commas and double-quoted identifiers. Anything else (a semicolon, a comment)
// cannot come from the catalog, so refuse it rather than splice it.
const TYPE_NAME = /^(?:[A-Za-z0-9_ .,()[\]]|"(?:[^"]|"")+")+$/;

/** The cast suffix for a column's catalog type, e.g. `::timestamp(3) with time zone`. */
export function castTo(column: ColumnInfo): string {
  if (!TYPE_NAME.test(column.dataType)) {
    throw new Error(`Unsupported column type for ${column.name}`);
  }
  return `::${column.dataType}`;
}

/**
 * Session settings that make every value's text form round-trip exactly between
 * two servers whatever their defaults: ISO dates, hex bytea, shortest-exact floats.
 */
export const TEXT_ROUND_TRIP_SETTINGS = [
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL bytea_output = 'hex'",
  'SET LOCAL extra_float_digits = 1',
];
