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

/** One database in the public health answer: up or not, nothing else. */
export interface PublicDatabaseHealth {
  status: 'ok' | 'down';
}

/**
 * `GET /api/health`, public: whether each database answers — no host,
 * database name, version, role, privilege or error text (those are in
 * `GET /api/health/details`, for admins). `degraded` when some answer, `down`
 * when none does.
 */
export interface PublicHealth {
  status: 'ok' | 'degraded' | 'down';
  databases: Record<'development' | 'production' | 'audit', PublicDatabaseHealth>;
}

/** `GET /api/health/details` (admins only): hosts, versions, latencies, errors and the Prod role's privileges. */
export interface HealthResponse {
  status: 'ok' | 'degraded' | 'down';
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
