import type { CrmDatabase } from '../db/crm-database';
import { introspectTables } from '../introspect/introspect';
import type { ColumnInfo, TableSchema } from '../introspect/table-schema';
import { InvalidSelectionEntry, InvalidSelectionReason, translateConnectionError } from './errors';
import { insertOrder } from './fk-graph';

/** One table as the sync sees it: both sides' catalog, the key and the columns it copies. */
export interface SyncTable {
  name: string;
  dev: TableSchema;
  prod: TableSchema;
  /** Primary-key columns as Development declares them (types used to look rows up in Dev). */
  devKey: ColumnInfo[];
  /** The same key columns as Production declares them. */
  prodKey: ColumnInfo[];
  /** Columns present on both sides, in Production's order: the only ones copied. */
  shared: ColumnInfo[];
}

export interface SyncCatalog {
  /** Allow-listed tables that exist with the same primary key on both sides. */
  tables: Map<string, SyncTable>;
  /** Why an allow-listed table cannot be synced (missing on a side, no or different key). */
  unusable: Map<string, InvalidSelectionEntry>;
  /** Production's schemas of every allow-listed table it has (the FK graph). */
  prodSchemas: TableSchema[];
  /** All usable tables, parents before children. */
  order: string[];
}

function column(schema: TableSchema, name: string): ColumnInfo {
  const found = schema.columns.find((c) => c.name === name);
  if (!found) {
    throw new Error(`Key column ${name} missing from ${schema.name}`);
  }
  return found;
}

/** Pairs the two catalogs and decides which tables can be synced. Pure: tested without a database. */
export function buildCatalog(
  allowList: readonly string[],
  devSchemas: Map<string, TableSchema | null>,
  prodSchemas: Map<string, TableSchema | null>,
): SyncCatalog {
  const tables = new Map<string, SyncTable>();
  const unusable = new Map<string, InvalidSelectionEntry>();
  const reject = (table: string, reason: InvalidSelectionReason) => unusable.set(table, { table, id: null, reason });
  for (const name of allowList) {
    const dev = devSchemas.get(name) ?? null;
    const prod = prodSchemas.get(name) ?? null;
    if (!dev) {
      reject(name, InvalidSelectionReason.tableMissingInDevelopment);
    } else if (!prod) {
      reject(name, InvalidSelectionReason.tableMissingInProduction);
    } else if (prod.primaryKey.length === 0 || dev.primaryKey.length === 0) {
      reject(name, InvalidSelectionReason.noPrimaryKey);
    } else if (prod.primaryKey.join('\0') !== dev.primaryKey.join('\0')) {
      reject(name, InvalidSelectionReason.primaryKeyDiffers);
    } else {
      const devColumns = new Set(dev.columns.map((c) => c.name));
      tables.set(name, {
        name,
        dev,
        prod,
        devKey: dev.primaryKey.map((c) => column(dev, c)),
        prodKey: prod.primaryKey.map((c) => column(prod, c)),
        shared: prod.columns.filter((c) => devColumns.has(c.name)),
      });
    }
  }
  const prodList = allowList.map((n) => prodSchemas.get(n) ?? null).filter((s): s is TableSchema => s !== null);
  const order = insertOrder(prodList).filter((n) => tables.has(n));
  return { tables, unusable, prodSchemas: prodList, order };
}

/** Introspects both databases (in parallel) for the allow-listed tables. */
export async function loadCatalog(
  dev: CrmDatabase,
  prod: CrmDatabase,
  allowList: readonly string[],
  schema: string,
): Promise<SyncCatalog> {
  const [devSchemas, prodSchemas] = await Promise.all([
    introspectTables(dev, [...allowList], { schema }).catch((e: unknown) => {
      throw translateConnectionError('development', e);
    }),
    introspectTables(prod, [...allowList], { schema }).catch((e: unknown) => {
      throw translateConnectionError('production', e);
    }),
  ]);
  return buildCatalog(allowList, devSchemas, prodSchemas);
}
