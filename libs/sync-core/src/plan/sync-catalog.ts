import type { CrmDatabase } from '../db/crm-database';
import { translateConnectionError } from '../db/errors';
import { introspectTables } from '../introspect/introspect';
import { isComparable, pairTable } from '../introspect/table-pairing';
import type { ColumnInfo, TableSchema } from '../introspect/table-schema';
import { readWriteFacts, type ColumnWriteFacts, type TableWriteFacts, type UniqueKey } from '../introspect/write-facts';
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
  /**
   * Columns present on both sides, with Production's types: the only ones
   * copied. A column Production generates (`GENERATED ALWAYS AS … STORED`) is
   * never copied: Production computes it.
   */
  copied: ColumnInfo[];
  /** Columns Production generates itself, left out of every insert (reported in the plan). */
  generated: string[];
  /** Development's columns that Production lacks: their values are not copied. */
  devOnly: string[];
  /** Write facts of Production's columns (base type, sequence, enum labels) by name. */
  prodFacts: Map<string, ColumnWriteFacts>;
  /** The same facts of Development's columns. */
  devFacts: Map<string, ColumnWriteFacts>;
  /** Production's unique constraints and indexes other than the primary key. */
  uniqueKeys: UniqueKey[];
}

/** Both sides' write facts per table (introspect/write-facts). */
export interface CatalogFacts {
  dev: Map<string, TableWriteFacts>;
  prod: Map<string, TableWriteFacts>;
}

/** A column's facts when none were read (pure callers): its own type, nothing generated, no sequence. */
function plainFacts(column: ColumnInfo): ColumnWriteFacts {
  return {
    name: column.name,
    baseType: column.dataType,
    category: 'X',
    isArray: column.dataType.endsWith(']'),
    builtin: false,
    comparesByText: true,
    generated: false,
    identity: false,
    sequence: null,
    hasDefault: false,
    enumLabels: null,
  };
}

function factsOf(schema: TableSchema, facts: TableWriteFacts | undefined): Map<string, ColumnWriteFacts> {
  return new Map(schema.columns.map((c) => [c.name, facts?.columns.get(c.name) ?? plainFacts(c)]));
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
  facts: CatalogFacts = { dev: new Map(), prod: new Map() },
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
    const prodFacts = factsOf(pairing.prod, facts.prod.get(name));
    const isGenerated = (c: string) => prodFacts.get(c)?.generated === true;
    tables.set(name, {
      name,
      dev: pairing.dev,
      prod: pairing.prod,
      devKey: pairing.dev.primaryKey.map((c) => column(pairing.dev, c)),
      prodKey: pairing.prod.primaryKey.map((c) => column(pairing.prod, c)),
      copied: pairing.shared.columns.filter((c) => !isGenerated(c.name)).map((c) => column(pairing.prod, c.name)),
      generated: pairing.prod.columns.filter((c) => isGenerated(c.name)).map((c) => c.name),
      devOnly: pairing.drift.onlyInDevelopment,
      prodFacts,
      devFacts: factsOf(pairing.dev, facts.dev.get(name)),
      uniqueKeys: facts.prod.get(name)?.uniqueKeys ?? [],
    });
  }
  const prodList = allowList.map((n) => prodSchemas.get(n) ?? null).filter((s): s is TableSchema => s !== null);
  const order = insertOrder(prodList).filter((n) => tables.has(n));
  return { tables, unusable, order };
}

/** Introspects both databases (in parallel) for the allow-listed tables, write facts included. */
export async function loadCatalog(
  dev: CrmDatabase,
  prod: CrmDatabase,
  allowList: readonly string[],
  schema: string,
): Promise<SyncCatalog> {
  const read = async (db: CrmDatabase) => {
    try {
      const [schemas, facts] = await Promise.all([
        introspectTables(db, [...allowList], { schema }),
        readWriteFacts(db.pool, schema, allowList),
      ]);
      return { schemas, facts };
    } catch (e) {
      throw translateConnectionError(db.side, e);
    }
  };
  const [devSide, prodSide] = await Promise.all([read(dev), read(prod)]);
  return buildCatalog(allowList, devSide.schemas, prodSide.schemas, { dev: devSide.facts, prod: prodSide.facts });
}
