import type { PoolClient, QueryResultRow } from 'pg';
import { isConnectionFailure } from '@vantix/db-errors';
import type { CrmDatabase } from './crm-database';
import { translateConnectionError } from './errors';
import type { Queryable } from './queryable';
import { pinSessionSettings } from './session-settings';

/**
 * Read tuning on top of the pinned text forms: work_mem is raised for this
 * transaction only so the comparison's bucket aggregate stays in memory; JIT
 * compilation costs more than it saves on these one-off scans; cursors are read
 * to the end, so plan for the whole result.
 */
const READ_TUNING: Record<string, string> = {
  work_mem: '64MB',
  jit: 'off',
  cursor_tuple_fraction: '1',
};

/**
 * One side's connection for a whole read: a single read-only REPEATABLE READ
 * transaction, so every count, list and row read through it comes from the
 * same snapshot (the comparison, and the sync's re-read of Development).
 */
export class ReadSession {
  private cursorCount = 0;
  /** Queries of this session run one after another (the merge prefetches while details are read). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the connection failed: it is destroyed instead of going back to the pool. */
  private broken = false;
  // A connection cut while checked out but idle is emitted as an 'error' event;
  // without a listener it would crash the process. The next query reports it.
  private readonly onConnectionError = () => {
    this.broken = true;
  };

  private constructor(
    readonly side: CrmDatabase['side'],
    private readonly client: PoolClient,
  ) {
    client.on('error', this.onConnectionError);
  }

  static async open(db: CrmDatabase): Promise<ReadSession> {
    // A database that is down must come out as DatabaseUnavailableError naming
    // its side (API: 503), not as a bare socket error.
    const client = await db.pool.connect().catch((error: unknown) => {
      throw translateConnectionError(db.side, error);
    });
    const session = new ReadSession(db.side, client);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await pinSessionSettings(client, READ_TUNING);
    } catch (error) {
      session.release(error);
      throw translateConnectionError(db.side, error);
    }
    return session;
  }

  /** The transaction's connection, for helpers that take a plain `Queryable` (introspection). */
  get queryable(): Queryable {
    return this.client;
  }

  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.run(() => this.client.query<R>(sql, params))).rows;
  }

  /** Rows as arrays, for select lists whose column names may repeat. */
  async queryArrays(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    return (await this.run(() => this.client.query({ text: sql, values: params, rowMode: 'array' })))
      .rows as unknown[][];
  }

  /**
   * Runs `work` with planner settings changed, restoring the previous values
   * afterwards: one round trip to set them (returning the old values), one to
   * restore them.
   */
  async withSettings<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const set = (values: Record<string, string>) =>
      this.query<{ previous: string }>(
        `SELECT current_setting(n) AS previous, set_config(n, v, true) FROM unnest($1::text[], $2::text[]) AS s(n, v)`,
        [Object.keys(values), Object.values(values)],
      );
    const names = Object.keys(settings);
    const previous = await set(settings);
    try {
      return await work();
    } finally {
      await set(Object.fromEntries(names.map((name, i) => [name, previous[i].previous])));
    }
  }

  /**
   * Streams a query's rows (as arrays) in batches through a server-side cursor,
   * so a result of any size passes through Node one batch at a time. Plain
   * DECLARE/FETCH works on PostgreSQL and on PGlite alike.
   */
  async *cursor(sql: string, params: unknown[], batchSize: number): AsyncGenerator<unknown[][]> {
    const name = `vx_cursor_${++this.cursorCount}`;
    await this.run(() => this.client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params));
    try {
      for (;;) {
        const result = await this.run(() =>
          this.client.query({ text: `FETCH ${batchSize} FROM ${name}`, rowMode: 'array' }),
        );
        if (result.rows.length === 0) {
          return;
        }
        yield result.rows as unknown[][];
      }
    } finally {
      // After a failed statement the transaction is aborted and CLOSE would fail
      // too, hiding the real error; the cursor dies with the transaction anyway.
      await this.run(() => this.client.query(`CLOSE ${name}`)).catch(() => undefined);
    }
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work).catch((error: unknown) => {
      this.broken = this.broken || isConnectionFailure(error);
      throw translateConnectionError(this.side, error);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the read-only transaction and returns the connection. */
  async close(): Promise<void> {
    try {
      await this.run(() => this.client.query('COMMIT'));
      this.release(null);
    } catch (error) {
      this.release(error);
      throw error;
    }
  }

  /** For the error path: drops the transaction; never throws. */
  async abandon(): Promise<void> {
    try {
      await this.run(() => this.client.query('ROLLBACK'));
      this.release(null);
    } catch (error) {
      this.release(error);
    }
  }

  /** Returns the connection to the pool, or destroys it after a failure. */
  private release(error: unknown): void {
    this.client.off('error', this.onConnectionError);
    if (error === null && !this.broken) {
      this.client.release();
    } else {
      this.client.release(error instanceof Error ? error : true);
    }
  }
}
