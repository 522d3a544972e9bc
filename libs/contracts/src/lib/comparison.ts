/** The request/response shapes of the comparison endpoints (issue: API). */

export const CRM_TABLES = ['users', 'customers', 'customer_notes', 'customer_files'] as const;
export type CrmTableName = (typeof CRM_TABLES)[number];

export const RECORD_KINDS = ['missingInProduction', 'missingInDevelopment', 'differing'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type Priority = 'high' | 'medium' | 'low' | 'info';

export interface CompareDatabasesRequest {
  /** Defaults to the four CRM tables. */
  tables?: string[];
}

export interface RecordEntry {
  /** The primary key; a composite key is joined as JSON array text. */
  id: string;
  summary: string;
  /** ISO 8601, or null when the table has no created_at column. */
  createdAt: string | null;
  /** `differing` only: the columns whose content differs (sensitive ones included, never their values). */
  columns?: string[];
}

/**
 * What a stored comparison pins of a record missing in Production (never sent
 * to clients): the exact digest of Development's row and short per-column
 * digests that name the columns that changed (sync-core db/fingerprint).
 */
export interface RecordPin {
  fingerprint: string;
  columns: Record<string, string | null>;
}

/** A record as the comparison hands it to the store: missing-in-Production records carry their pin. */
export interface PinnedRecordEntry extends RecordEntry {
  pin?: RecordPin;
}

export interface RecordList {
  count: number;
  /** Capped in the comparison response; page the rest with GET …/records. */
  records: RecordEntry[];
}

export interface SchemaDrift {
  /** Whether the table exists on each side. */
  missingTable: 'development' | 'production' | null;
  onlyInDevelopment: string[];
  onlyInProduction: string[];
  typeMismatches: { column: string; development: string; production: string }[];
  /**
   * Present only when the primary keys differ (or a side has none): records
   * cannot be matched, so the table's data is not compared.
   */
  primaryKey?: { development: string[]; production: string[] };
  /** True when nothing differs: data was compared on all columns. */
  none: boolean;
}

export interface TableComparison {
  table: string;
  devCount: number;
  prodCount: number;
  missingInProduction: RecordList;
  missingInDevelopment: RecordList;
  differing: RecordList;
  schemaDrift: SchemaDrift;
  /**
   * Records missing in Production by primary key whose unique key (e.g. the
   * e-mail) a Production record already holds under another id: a sync would
   * refuse them. Absent from reports stored before unique keys were checked.
   */
  conflicts?: ConflictList;
}

/** A record missing in Production that clashes with a Production record on a unique key. */
export interface ConflictEntry extends RecordEntry {
  /** The unique constraint or unique index of Production the two records share values of. */
  constraint: string;
  /** The unique key's columns. */
  columns: string[];
  /** The Production record holding the same values. */
  productionId: string;
}

export interface ConflictList {
  count: number;
  /** At most the comparison's record cap; `count` is complete up to `unchecked`. */
  records: ConflictEntry[];
  /** Records missing in Production beyond the check's limit (50,000 per table), not checked for conflicts. */
  unchecked: number;
}

export interface Recommendation {
  priority: Priority;
  table: string;
  count: number;
  title: string;
  action: string;
}

export interface ComparisonReport {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tables: TableComparison[];
  recommendations: Recommendation[];
}

export interface ComparisonListItem {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  actorEmail: string | null;
  tables: TableCounts[];
}

/** A table's comparison as numbers only: rows on each side, records missing on each side, records differing. */
export interface TableCounts {
  table: string;
  devCount: number;
  prodCount: number;
  missingInProduction: number;
  missingInDevelopment: number;
  differing: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface RecordsQuery {
  table: string;
  kind: RecordKind;
  cursor?: string;
  limit?: number;
}
