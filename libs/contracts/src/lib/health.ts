export interface DatabaseHealth {
  /** development, production or audit. */
  role: string;
  /** Host, port and database name: never a password. */
  target: string;
  reachable: boolean;
  serverVersion: string | null;
  latencyMs: number | null;
  error?: string;
}

/** What the Production connection's role may do to one CRM table (`has_table_privilege`). */
export interface TablePrivilegeInfo {
  table: string;
  select: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  /** APP_ENV: development or production. */
  environment: string;
  demo: boolean;
  databases: DatabaseHealth[];
  /** The Production role's privileges on the CRM tables; absent when Production could not be asked. */
  productionPrivileges?: TablePrivilegeInfo[];
  /**
   * Least-privilege warnings, one line each: the Production role holds UPDATE,
   * DELETE or TRUNCATE (never needed), is a superuser, or lacks SELECT or INSERT.
   */
  warnings?: string[];
}
