import { escapeIdentifier } from 'pg';

/*
 * SQL text helpers. Values never go through here: they are always bound
 * parameters. Only catalog names (schemas, tables, columns, types) are
 * spliced, and only after quoting (pg's own escapeIdentifier, the one
 * identifier quoting of Vantix Sync) or validation.
 */

/** Quotes an identifier (table, column, schema) with pg's own quoting; never splice names raw. */
export const ident = escapeIdentifier;

/** `"schema"."table"`. */
export function qualified(schema: string, table: string): string {
  return `${ident(schema)}.${ident(table)}`;
}

/** `alias."column"`; aliases are fixed words chosen by the engine, never input. */
export function col(alias: string, column: string): string {
  return `${alias}.${ident(column)}`;
}

/** `t."a" = k."a" AND t."b" = k."b"` for a join on the given columns. */
export function joinOn(left: string, right: string, leftColumns: readonly string[], rightColumns: readonly string[]) {
  return leftColumns.map((name, i) => `${col(left, name)} = ${col(right, rightColumns[i])}`).join(' AND ');
}

// format_type() output: words, digits, spaces, dots, brackets, parentheses,
// commas and double-quoted identifiers. Anything else (a semicolon, a comment)
// cannot come from the catalog, so refuse it rather than splice it.
const TYPE_NAME = /^(?:[A-Za-z0-9_ .,()[\]]|"(?:[^"]|"")+")+$/;

/** The cast suffix for a column's catalog type, e.g. `::timestamp(3) with time zone`. */
export function castTo(column: { name: string; dataType: string }): string {
  if (!TYPE_NAME.test(column.dataType)) {
    throw new Error(`Unsupported column type for ${column.name}`);
  }
  return `::${column.dataType}`;
}
