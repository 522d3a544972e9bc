/**
 * The one record-id codec: how the API, the reports and the engine spell a
 * record. A single-column key is its text form; a composite key is the JSON
 * array of the key columns' text forms in key order (`["en","a"]`).
 */

/** The id of a record from its key columns' texts. */
export function encodeRecordId(values: readonly string[]): string {
  return values.length === 1 ? values[0] : JSON.stringify(values);
}

/** The key columns' texts of an id, or null when the id cannot be a key of this many columns. */
export function decodeRecordId(id: string, arity: number): string[] | null {
  if (arity === 1) {
    return [id];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(id);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== arity || !parsed.every((v) => typeof v === 'string')) {
    return null;
  }
  return parsed as string[];
}

/**
 * The JSON parameter of `json_populate_recordset(NULL::table, $1)`: one object
 * per id, key column → text. PostgreSQL casts each text with the column's own
 * input function, so lookups use the primary-key index without the engine
 * splicing any type name into SQL. Ids that do not fit the key are dropped.
 */
export function keyObjectsJson(key: readonly string[], ids: readonly string[]): string {
  const objects: Record<string, string>[] = [];
  for (const id of ids) {
    const values = decodeRecordId(id, key.length);
    if (values) {
      objects.push(Object.fromEntries(key.map((name, i) => [name, values[i]])));
    }
  }
  return JSON.stringify(objects);
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
 * Whether a text value can be cast to a key column's type (`format_type()`).
 * Checked before querying because one bad cast would fail a whole batched
 * lookup (and `pg_input_is_valid` only exists from PostgreSQL 16). Types not
 * listed here are left to the database.
 */
export function isValidKeyValue(column: { dataType: string }, value: string): boolean {
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
