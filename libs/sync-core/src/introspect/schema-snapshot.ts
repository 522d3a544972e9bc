import { introspectWith } from './introspect';
import type { TableSchema } from './table-schema';
import type { ReadSession } from '../db/read-session';

/**
 * One side's catalog facts for a comparison: the compared tables, plus the
 * tables their foreign keys reference (for parent checks and summaries), read
 * inside the session's snapshot.
 */
export async function readSchemas(
  session: ReadSession,
  schema: string,
  tables: string[],
): Promise<Map<string, TableSchema | null>> {
  const schemas = await introspectWith(session.queryable, tables, { schema });
  const referenced = new Set<string>();
  for (const table of schemas.values()) {
    for (const fk of table?.foreignKeys ?? []) {
      if (!schemas.has(fk.referencedTable)) {
        referenced.add(fk.referencedTable);
      }
    }
  }
  if (referenced.size) {
    for (const [name, table] of await introspectWith(session.queryable, [...referenced], { schema })) {
      schemas.set(name, table);
    }
  }
  return schemas;
}
