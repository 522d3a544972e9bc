import { escapeIdentifier } from 'pg';

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
