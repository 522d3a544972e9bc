import type { DependentRecord, RecordRef } from '@vantix/contracts';
import type { ReadSession } from '../db/read-session';
import { encodeRecordId } from '../db/record-id';
import type { ForeignKeyInfo } from '../introspect/table-schema';
import { presentParents } from './parent-presence';
import { RecordFactsReader } from './record-facts';
import type { SideSchemas } from './record-relatives';

/** Records read per query when the facts of a whole list are needed. */
const CHUNK = 1000;

export interface DependencyFacts {
  needsParents: DependentRecord[];
  privileged: RecordRef[];
}

/**
 * For records missing in Production (by table): which of them point to a
 * parent Production lacks too (following Development's foreign keys, as the
 * report's recommendations do), so "ready to sync" means every parent is
 * there already — and which are privileged
 * (the summary template's rule, e.g. admin accounts). Read-only on both sides.
 */
export async function readDependencies(
  sessions: { dev: ReadSession; prod: ReadSession },
  schema: string,
  schemas: { dev: SideSchemas; prod: SideSchemas },
  missing: ReadonlyMap<string, readonly string[]>,
): Promise<DependencyFacts> {
  const needsParents: DependentRecord[] = [];
  const privileged: RecordRef[] = [];
  for (const [table, ids] of missing) {
    const tableSchema = schemas.dev.get(table);
    if (!tableSchema || tableSchema.primaryKey.length === 0 || ids.length === 0) {
      continue;
    }
    const reader = new RecordFactsReader(schema, tableSchema, schemas.dev);
    for (let start = 0; start < ids.length; start += CHUNK) {
      const facts = await reader.read(sessions.dev, ids.slice(start, start + CHUNK));
      const byFk = new Map<ForeignKeyInfo, { id: string; values: string[] }[]>();
      for (const [id, fact] of facts) {
        if (fact.privileged) {
          privileged.push({ table, id });
        }
        for (const { fk, values } of fact.references) {
          if (values) {
            byFk.set(fk, [...(byFk.get(fk) ?? []), { id, values }]);
          }
        }
      }
      const parentsOf = new Map<string, DependentRecord['parents']>();
      for (const [fk, references] of byFk) {
        const missingParents = await absentParents(sessions, schema, schemas, fk, references);
        for (const { id, values } of references) {
          const parentId = encodeRecordId(values);
          const inDevelopment = missingParents.get(parentId);
          if (inDevelopment !== undefined) {
            parentsOf.set(id, [
              ...(parentsOf.get(id) ?? []),
              { table: fk.referencedTable, id: parentId, inDevelopment },
            ]);
          }
        }
      }
      for (const [id, parents] of parentsOf) {
        needsParents.push({ table, id, parents });
      }
    }
  }
  return { needsParents, privileged };
}

/** The referenced parents Production lacks, by parent id → whether Development has them. */
async function absentParents(
  sessions: { dev: ReadSession; prod: ReadSession },
  schema: string,
  schemas: { dev: SideSchemas; prod: SideSchemas },
  fk: ForeignKeyInfo,
  references: { values: string[] }[],
): Promise<Map<string, boolean>> {
  const distinct = [...new Map(references.map((r) => [encodeRecordId(r.values), r.values])).values()];
  const inProd = await presentParents(
    sessions.prod,
    schema,
    fk,
    schemas.prod.get(fk.referencedTable) ?? null,
    distinct,
  );
  const absent = distinct.filter((values) => !inProd.has(encodeRecordId(values)));
  const inDev = await presentParents(sessions.dev, schema, fk, schemas.dev.get(fk.referencedTable) ?? null, absent);
  return new Map(absent.map((values) => [encodeRecordId(values), inDev.has(encodeRecordId(values))]));
}
