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
  if (arity === 1) {
    return [id];
  }
  try {
    const parsed: unknown = JSON.parse(id);
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((v) => typeof v === 'string')) {
      return parsed as string[];
    }
  } catch {
    // not JSON: falls through to "invalid id"
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const INTEGER = /^[+-]?\d{1,19}$/;

function inRange(value: string, bits: 16 | 32 | 64): boolean {
  if (!INTEGER.test(value)) {
    return false;
  }
  const n = BigInt(value);
  const limit = 1n << BigInt(bits - 1);
  return n >= -limit && n < limit;
}

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
      return inRange(value, 16);
    case 'integer':
      return inRange(value, 32);
    case 'bigint':
      return inRange(value, 64);
    default:
      return !value.includes('\0');
  }
}

/**
 * The text PostgreSQL itself prints for a valid key value of the common key
 * types (lower-case hyphenated uuid, integers without sign or leading zeros),
 * so ids from a hand-made plan match the ids the database returns.
 */
export function canonicalKeyValue(column: ColumnInfo, value: string): string {
  switch (column.dataType) {
    case 'uuid': {
      const hex = value.replace(/-/g, '').toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'smallint':
    case 'integer':
    case 'bigint':
      return BigInt(value).toString();
    default:
      return value;
  }
}
