import type { SchemaDrift } from '@vantix/contracts';
import { SyncCoreError } from '../db/errors';
import { isSensitiveColumn } from './sensitive-columns';
import type { ColumnInfo, TableSchema } from './table-schema';

/** A column present on both sides, with each side's type. */
export interface SharedColumn {
  name: string;
  devType: string;
  prodType: string;
  sensitive: boolean;
}

/**
 * What can be compared and copied of one table, derived from both sides'
 * catalogs: the one pairing the comparison and the sync plan both build on.
 */
export interface TablePairing {
  table: string;
  dev: TableSchema | null;
  prod: TableSchema | null;
  drift: SchemaDrift;
  /**
   * The primary key and the columns both sides share (in Development's column
   * order, key columns included), or null when the data cannot be compared: the
   * table is missing on a side, has no primary key, or the keys differ.
   */
  shared: { key: SharedColumn[]; columns: SharedColumn[] } | null;
}

/** A pairing whose records can be matched: both sides exist with the same primary key. */
export type ComparablePairing = TablePairing & {
  dev: TableSchema;
  prod: TableSchema;
  shared: NonNullable<TablePairing['shared']>;
};

export function isComparable(pairing: TablePairing): pairing is ComparablePairing {
  return pairing.shared !== null && pairing.dev !== null && pairing.prod !== null;
}

export class UnknownTableError extends SyncCoreError {
  constructor(readonly table: string) {
    super(`table "${table}" exists in neither the Development nor the Production database`);
  }
}

function byName(columns: ColumnInfo[]): Map<string, ColumnInfo> {
  return new Map(columns.map((column) => [column.name, column]));
}

/** Pairs one table's two catalogs; UnknownTableError when neither side has it. */
export function pairTable(table: string, dev: TableSchema | null, prod: TableSchema | null): TablePairing {
  if (!dev && !prod) {
    throw new UnknownTableError(table);
  }
  if (!dev || !prod) {
    const drift: SchemaDrift = {
      missingTable: dev ? 'production' : 'development',
      onlyInDevelopment: dev ? dev.columns.map((c) => c.name) : [],
      onlyInProduction: prod ? prod.columns.map((c) => c.name) : [],
      typeMismatches: [],
      none: false,
    };
    return { table, dev, prod, drift, shared: null };
  }
  const devColumns = byName(dev.columns);
  const prodColumns = byName(prod.columns);
  const columns: SharedColumn[] = [];
  const typeMismatches: SchemaDrift['typeMismatches'] = [];
  for (const column of dev.columns) {
    const other = prodColumns.get(column.name);
    if (!other) {
      continue;
    }
    columns.push({
      name: column.name,
      devType: column.dataType,
      prodType: other.dataType,
      sensitive: isSensitiveColumn(column.name),
    });
    if (other.dataType !== column.dataType) {
      typeMismatches.push({ column: column.name, development: column.dataType, production: other.dataType });
    }
  }
  const keysAgree =
    dev.primaryKey.length > 0 &&
    dev.primaryKey.length === prod.primaryKey.length &&
    dev.primaryKey.every((name, i) => prod.primaryKey[i] === name);
  const drift: SchemaDrift = {
    missingTable: null,
    onlyInDevelopment: dev.columns.filter((c) => !prodColumns.has(c.name)).map((c) => c.name),
    onlyInProduction: prod.columns.filter((c) => !devColumns.has(c.name)).map((c) => c.name),
    typeMismatches,
    none: false,
  };
  if (!keysAgree) {
    drift.primaryKey = { development: dev.primaryKey, production: prod.primaryKey };
  }
  drift.none =
    keysAgree &&
    drift.onlyInDevelopment.length === 0 &&
    drift.onlyInProduction.length === 0 &&
    typeMismatches.length === 0;
  if (!keysAgree) {
    return { table, dev, prod, drift, shared: null };
  }
  const shared = new Map(columns.map((c) => [c.name, c]));
  const key = dev.primaryKey.map((name) => shared.get(name) as SharedColumn);
  return { table, dev, prod, drift, shared: { key, columns } };
}
