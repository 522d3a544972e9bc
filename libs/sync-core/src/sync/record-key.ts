import type { ColumnInfo } from '../introspect/table-schema';

/**
 * Record ids as the API carries them: the primary key's text form, and for a
 * composite key the JSON array of the columns' text forms (the same encoding
 * the comparison report uses).
 */
export function encodeKey(values: readonly string[]): string {
  return values.length === 1 ? values[0] : JSON.stringify(values);
}

/** The key columns' text values of an id, or null when the id cannot be a key of this arity. */
export function decodeKey(id: string, arity: number): string[] | null {
  if (arity === 1) return [id];
  try {
    const parsed: unknown = JSON.parse(id);
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string')
    ) {
      return parsed as string[];
    }
  } catch {
    // not JSON: falls through to "invalid id"
  }
  return null;
}

const UUID =
  /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const INTEGER = /^[+-]?\d{1,19}$/;

/**
 * Whether a text value can be cast to the key column's type. Checked before
 * querying because one bad cast would fail the whole batched lookup (and
 * `pg_input_is_valid` only exists from PostgreSQL 16). Types not listed here are
 * left to the database.
 */
export function isValidKeyValue(column: ColumnInfo, value: string): boolean {
  switch (column.dataType) {
    case 'uuid':
      return UUID.test(value);
    case 'smallint':
      return INTEGER.test(value) && Math.abs(Number(value)) <= 32768;
    case 'integer':
      return INTEGER.test(value) && Math.abs(Number(value)) <= 2147483648;
    case 'bigint':
      return (
        INTEGER.test(value) &&
        BigInt(value) <= 9223372036854775807n &&
        BigInt(value) >= -9223372036854775808n
      );
    default:
      return !value.includes('\0');
  }
}
