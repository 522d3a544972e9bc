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

export interface HealthResponse {
  status: 'ok' | 'degraded';
  /** APP_ENV: development or production. */
  environment: string;
  demo: boolean;
  databases: DatabaseHealth[];
}
