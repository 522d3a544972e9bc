import type { QueryResult, QueryResultRow } from 'pg';

/**
 * Anything that runs a parameterised query: a `pg.Pool`, a checked-out
 * `pg.PoolClient` (so introspection can run inside the comparison's
 * REPEATABLE READ transaction), or a `pg.Client`.
 */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}
