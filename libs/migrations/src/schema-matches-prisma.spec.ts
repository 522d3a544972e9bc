import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { Client } from 'pg';
import { throwawayDatabase, ThrowawayDatabase } from './testing/throwaway-database';
import { applyMigrations } from './migration-runner';
import { auditMigrationsDir, crmMigrationsDir, repoRoot } from './paths';

/**
 * The hand-written SQL migrations must produce exactly what the Prisma schema
 * describes — Prisma's engine that would generate them cannot run here. The
 * expected side comes from Prisma's own schema parser (wasm, no engine).
 */
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType: [string, string[]] | null;
  default?: { name?: string } | unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}

function postgresType(field: DmmfField): string {
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  let base: string;
  if (native === 'Uuid') {
    base = 'uuid';
  } else if (native === 'Timestamptz') {
    base = `timestamp(${args[0] ?? 3}) with time zone`;
  } else if (native) {
    throw new Error(`add a mapping for @db.${native}`);
  } else {
    const byType: Record<string, string> = {
      String: 'text',
      DateTime: 'timestamp(3) without time zone',
      BigInt: 'bigint',
      Int: 'integer',
      Json: 'jsonb',
      Boolean: 'boolean',
    };
    base = byType[field.type];
    if (!base) {
      throw new Error(`add a mapping for ${field.type}`);
    }
  }
  return field.isList ? `${base}[]` : base;
}

function expectedFrom(schemaFile: string) {
  const schema = readFileSync(schemaFile, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as {
    datamodel: { models: DmmfModel[] };
  };
  const models = dmmf.datamodel.models;
  const tableOf = (model: string) => {
    const m = models.find((x) => x.name === model)!;
    return m.dbName ?? m.name;
  };
  return models.map((model) => {
    const column = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName)!;
      return f.dbName ?? f.name;
    };
    const scalars = model.fields.filter((f) => f.kind === 'scalar');
    return {
      table: model.dbName ?? model.name,
      columns: scalars
        // Prisma maps a scalar list to a nullable array column.
        .map((f) => ({
          name: f.dbName ?? f.name,
          type: postgresType(f),
          nullable: f.isList || !f.isRequired,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      primaryKey: (model.primaryKey?.fields ?? scalars.filter((f) => f.isId).map((f) => f.name)).map(column),
      unique: scalars
        .filter((f) => f.isUnique)
        .map((f) => [f.dbName ?? f.name])
        .sort(),
      foreignKeys: model.fields
        .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => ({
          columns: f.relationFromFields!.map(column),
          referencedTable: tableOf(f.type),
          referencedColumns: f.relationToFields!.map((to) => {
            const target = models.find((x) => x.name === f.type)!;
            const tf = target.fields.find((x) => x.name === to)!;
            return tf.dbName ?? tf.name;
          }),
        }))
        .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    };
  });
}

async function actualFrom(url: string, tables: string[]) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = [];
    // One client runs one query at a time: read the tables one after the other.
    for (const table of tables) {
      result.push(
        await (async () => {
          const columns = await client.query<{
            name: string;
            type: string;
            nullable: boolean;
          }>(
            `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
             FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attname`,
            [`public."${table}"`],
          );
          const constraint = (type: string) =>
            client.query<{
              columns: string[];
              referenced_table: string | null;
              referenced_columns: string[] | null;
            }>(
              `SELECT ARRAY(SELECT attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                            JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY k.i)::text[] AS columns,
                    c.confrelid::regclass::text AS referenced_table,
                    ARRAY(SELECT attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                            JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY k.i)::text[] AS referenced_columns
               FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = $2`,
              [`public."${table}"`, type],
            );
          const uniqueIndexes = await client.query<{ columns: string[] }>(
            `SELECT ARRAY(SELECT attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute ON attrelid = i.indrelid AND attnum = k.n ORDER BY k.o)::text[] AS columns
             FROM pg_index i WHERE i.indrelid = $1::regclass AND i.indisunique AND NOT i.indisprimary`,
            [`public."${table}"`],
          );
          const pk = await constraint('p');
          const fks = await constraint('f');
          return {
            table,
            columns: columns.rows,
            primaryKey: pk.rows[0]?.columns ?? [],
            unique: uniqueIndexes.rows
              .filter((r) => r.columns.length === 1)
              .map((r) => r.columns)
              .sort(),
            foreignKeys: fks.rows
              .map((r) => ({
                columns: r.columns,
                referencedTable: String(r.referenced_table).replace(/^"|"$/g, ''),
                referencedColumns: r.referenced_columns ?? [],
              }))
              .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
          };
        })(),
      );
    }
    return result;
  } finally {
    await client.end();
  }
}

describe.each([
  ['CRM tables', 'prisma/crm/schema.prisma', crmMigrationsDir],
  ['audit store', 'prisma/audit/schema.prisma', auditMigrationsDir],
])('the migrated %s', (_label, schemaFile, migrationsDir) => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await throwawayDatabase('schema_match');
    await applyMigrations(db.url, migrationsDir());
  });
  afterAll(() => db.drop());

  it('matches the Prisma schema: tables, columns, types, nullability, keys and foreign keys', async () => {
    const expected = expectedFrom(join(repoRoot(), schemaFile));
    const actual = await actualFrom(
      db.url,
      expected.map((t) => t.table),
    );
    expect(actual).toEqual(expected);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    await client.end();
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected.map((t) => t.table).sort());
  });
});
