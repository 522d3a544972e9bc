import type { RecordChildrenDetail, RecordParentDetail } from '@vantix/contracts';
import type { ReadSession } from '../db/read-session';
import { encodeRecordId, keyObjectsJson } from '../db/record-id';
import { joinOn, qualified } from '../db/sql';
import { isSensitiveColumn } from '../introspect/sensitive-columns';
import type { TableSchema } from '../introspect/table-schema';
import { idSql } from './hash-sql';
import { RecordFactsReader } from './record-facts';
import type { RecordRow } from './record-detail';

/** Children of one record read from Development at most; the counts say how many there are in all. */
export const CHILD_ID_LIMIT = 10_000;

/** One side's catalog of the tables a review reads (the allow-list plus what their foreign keys reference). */
export type SideSchemas = Map<string, TableSchema | null>;

/** Summaries of records of one table on one side, by id; absent ids are not in the map. */
export async function summariesOf(
  session: ReadSession,
  schema: string,
  schemas: SideSchemas,
  table: string,
  ids: string[],
): Promise<Map<string, string>> {
  const tableSchema = schemas.get(table);
  const summaries = new Map<string, string>();
  if (!tableSchema || tableSchema.primaryKey.length === 0 || ids.length === 0) {
    return summaries;
  }
  const reader = new RecordFactsReader(schema, tableSchema, schemas);
  for (const [id, facts] of await reader.read(session, ids)) {
    summaries.set(id, facts.summary);
  }
  return summaries;
}

/**
 * The records a record points to through its own foreign keys (Development's,
 * or Production's when it is only there), each with its summary and whether it
 * is on each side. Only references to a parent's primary key name a record; a
 * NULL reference points nowhere.
 */
export async function readParents(
  sessions: { dev: ReadSession; prod: ReadSession },
  schema: string,
  schemas: { dev: SideSchemas; prod: SideSchemas },
  table: TableSchema,
  row: RecordRow,
): Promise<RecordParentDetail[]> {
  const parents: RecordParentDetail[] = [];
  for (const fk of table.foreignKeys) {
    const parentTable = schemas.dev.get(fk.referencedTable) ?? schemas.prod.get(fk.referencedTable);
    const values = fk.columns.map((name) => row.get(name) ?? null);
    if (
      !parentTable ||
      values.some((value) => value === null) ||
      fk.columns.some(isSensitiveColumn) ||
      parentTable.primaryKey.join('\0') !== fk.referencedColumns.join('\0')
    ) {
      continue;
    }
    const id = encodeRecordId(values as string[]);
    const [inDev, inProd] = await Promise.all([
      summariesOf(sessions.dev, schema, schemas.dev, fk.referencedTable, [id]),
      summariesOf(sessions.prod, schema, schemas.prod, fk.referencedTable, [id]),
    ]);
    parents.push({
      table: fk.referencedTable,
      id,
      columns: fk.columns,
      summary: inDev.get(id) ?? inProd.get(id) ?? null,
      inDevelopment: inDev.has(id),
      inProduction: inProd.has(id),
    });
  }
  return parents;
}

/** Which of the ids (of one table) are on a side. */
export async function presentIds(
  session: ReadSession,
  schema: string,
  table: TableSchema | null | undefined,
  ids: string[],
): Promise<Set<string>> {
  if (!table || table.primaryKey.length === 0 || ids.length === 0) {
    return new Set();
  }
  const name = qualified(schema, table.name);
  const sql =
    `SELECT ${idSql(
      't',
      table.primaryKey.map((n) => ({ name: n })),
    )} FROM json_populate_recordset(NULL::${name}, $1::json) AS k ` +
    `JOIN ${name} AS t ON ${joinOn('t', 'k', table.primaryKey, table.primaryKey)}`;
  const rows = await session.queryArrays(sql, [keyObjectsJson(table.primaryKey, ids)]);
  return new Set(rows.map((r) => r[0] as string));
}

/**
 * The records of the compared tables that point to this one in Development
 * (through Development's foreign keys to its primary key), per child table:
 * how many, and which of them Production lacks, with their summaries.
 */
export async function readChildren(
  sessions: { dev: ReadSession; prod: ReadSession },
  schema: string,
  schemas: { dev: SideSchemas; prod: SideSchemas },
  childTables: readonly string[],
  table: TableSchema,
  id: string,
  preview: number,
): Promise<RecordChildrenDetail[]> {
  const children: RecordChildrenDetail[] = [];
  for (const childName of childTables) {
    const child = schemas.dev.get(childName);
    if (!child || child.primaryKey.length === 0) {
      continue;
    }
    for (const fk of child.foreignKeys) {
      if (fk.referencedTable !== table.name || fk.referencedColumns.join('\0') !== table.primaryKey.join('\0')) {
        continue;
      }
      const name = qualified(schema, child.name);
      // The parent's key values, cast by PostgreSQL to the child's column types.
      const keyJson = keyObjectsJson(fk.columns, [id]);
      const where = `FROM json_populate_recordset(NULL::${name}, $1::json) AS k JOIN ${name} AS c ON ${joinOn('c', 'k', fk.columns, fk.columns)}`;
      const [{ n }] = await sessions.dev.query<{ n: string }>(`SELECT count(*)::text AS n ${where}`, [keyJson]);
      const childIds = (
        await sessions.dev.queryArrays(
          `SELECT ${idSql(
            'c',
            child.primaryKey.map((k) => ({ name: k })),
          )} ${where} ORDER BY 1 LIMIT ${CHILD_ID_LIMIT}`,
          [keyJson],
        )
      ).map((r) => r[0] as string);
      const inProd = await presentIds(sessions.prod, schema, schemas.prod.get(child.name), childIds);
      const missing = childIds.filter((childId) => !inProd.has(childId));
      const summaries = await summariesOf(sessions.dev, schema, schemas.dev, child.name, missing.slice(0, preview));
      children.push({
        table: child.name,
        columns: fk.columns,
        inDevelopment: Number(n),
        missingInProductionCount: missing.length,
        missingInProduction: missing
          .slice(0, preview)
          .map((childId) => ({ table: child.name, id: childId, summary: summaries.get(childId) ?? childId })),
      });
    }
  }
  return children;
}
