import type { CrmDatabase } from '../db/crm-database';
import { translateConnectionError } from '../db/errors';
import { introspectTables } from '../introspect/introspect';
import { isComparable, pairTable } from '../introspect/table-pairing';
import type { ColumnInfo, TableSchema } from '../introspect/table-schema';
import { InvalidSelectionReason, type InvalidSelectionEntry } from './errors';
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
  /** Columns present on both sides, with Production's types: the only ones copied. */
  copied: ColumnInfo[];
}

export interface SyncCatalog {
  /** Allow-listed tables that exist with the same primary key on both sides. */
  tables: Map<string, SyncTable>;
  /** Why an allow-listed table cannot be synced (missing on a side, no or different key). */
  unusable: Map<string, InvalidSelectionEntry>;
  /** All usable tables, parents before children (Production's foreign keys). */
  order: string[];
}

function column(schema: TableSchema, name: string): ColumnInfo {
  const found = schema.columns.find((c) => c.name === name);
  if (!found) {
    throw new Error(`Key column ${name} missing from ${schema.name}`);
  }
  return found;
}

/** Why a table the comparison could not match cannot be synced either. */
function unusableReason(dev: TableSchema | null, prod: TableSchema | null): InvalidSelectionReason {
  if (!dev) {
    return InvalidSelectionReason.tableMissingInDevelopment;
  }
  if (!prod) {
    return InvalidSelectionReason.tableMissingInProduction;
  }
  return dev.primaryKey.length === 0 || prod.primaryKey.length === 0
    ? InvalidSelectionReason.noPrimaryKey
    : InvalidSelectionReason.primaryKeyDiffers;
}

/**
 * Decides which allow-listed tables can be synced, from the same pairing the
 * comparison uses (introspect/table-pairing). Pure: tested without a database.
 */
export function buildCatalog(
  allowList: readonly string[],
  devSchemas: Map<string, TableSchema | null>,
  prodSchemas: Map<string, TableSchema | null>,
): SyncCatalog {
  const tables = new Map<string, SyncTable>();
  const unusable = new Map<string, InvalidSelectionEntry>();
  for (const name of allowList) {
    const dev = devSchemas.get(name) ?? null;
    const prod = prodSchemas.get(name) ?? null;
    const pairing = dev || prod ? pairTable(name, dev, prod) : null;
    if (!pairing || !isComparable(pairing)) {
      unusable.set(name, { table: name, id: null, reason: unusableReason(dev, prod) });
      continue;
    }
    tables.set(name, {
      name,
      dev: pairing.dev,
      prod: pairing.prod,
      devKey: pairing.dev.primaryKey.map((c) => column(pairing.dev, c)),
      prodKey: pairing.prod.primaryKey.map((c) => column(pairing.prod, c)),
      copied: pairing.shared.columns.map((c) => column(pairing.prod, c.name)),
    });
  }
  const prodList = allowList.map((n) => prodSchemas.get(n) ?? null).filter((s): s is TableSchema => s !== null);
  const order = insertOrder(prodList).filter((n) => tables.has(n));
  return { tables, unusable, order };
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
