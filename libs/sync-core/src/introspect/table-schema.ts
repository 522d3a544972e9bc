/** What the engine knows about one table, read from a database's catalog at compare time. */
export interface ColumnInfo {
  name: string;
  /** `format_type()` of the column, e.g. `uuid`, `text`, `timestamp(3) with time zone`. */
  dataType: string;
  nullable: boolean;
}

export interface ForeignKeyInfo {
  constraintName: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface TableSchema {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns in key order; composite and non-uuid keys are allowed. */
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
}
