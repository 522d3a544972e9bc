/**
 * Record ids as the contract spells them: a single-column key's text, or a
 * composite key as a JSON array of the key columns' texts in key order.
 */

/** The key columns' texts of an id, or null when the id does not fit the key. */
export function parseRecordId(key: string[], id: string): string[] | null {
  if (key.length === 1) {
    return [id];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(id);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== key.length || !parsed.every((v) => typeof v === 'string')) {
    return null;
  }
  return parsed as string[];
}

/** Builds the id of a record from its key columns' texts. */
export function formatRecordId(values: string[]): string {
  return values.length === 1 ? values[0] : JSON.stringify(values);
}

/**
 * The JSON parameter of `json_populate_recordset(NULL::table, $1)`: one object
 * per id, key column → text. PostgreSQL casts each text with the column's own
 * input function, so lookups use the primary-key index without the engine
 * splicing any type name into SQL. Ids that do not fit the key are dropped.
 */
export function keyObjectsJson(key: string[], ids: string[]): string {
  const objects: Record<string, string>[] = [];
  for (const id of ids) {
    const values = parseRecordId(key, id);
    if (!values) {
      continue;
    }
    objects.push(Object.fromEntries(key.map((name, i) => [name, values[i]])));
  }
  return JSON.stringify(objects);
}

/** `t."a" = k."a" AND t."b" = k."b"` for a join on the given columns. */
export function joinOn(
  left: string,
  right: string,
  leftColumns: string[],
  rightColumns: string[],
  quote: (s: string) => string,
): string {
  return leftColumns.map((name, i) => `${left}.${quote(name)} = ${right}.${quote(rightColumns[i])}`).join(' AND ');
}
