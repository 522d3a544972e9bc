import type { PoolClient, QueryResultRow } from 'pg';
import type { CrmDatabase } from '../db/crm-database';
import type { Queryable } from '../introspect/queryable';
import { translateConnectionError } from '../sync/errors';

/**
 * Session settings of the comparison transaction. Text forms (ids, created_at)
 * must be identical on both sides, so the formatting settings are pinned;
 * work_mem is raised for this transaction only so the bucket aggregate stays in
 * memory; JIT compilation costs more than it saves on these one-off scans.
 */
const SESSION_SETTINGS: [string, string][] = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, YMD'],
  ['IntervalStyle', 'postgres'],
  ['extra_float_digits', '1'],
  ['bytea_output', 'hex'],
  ['work_mem', '64MB'],
  ['jit', 'off'],
  ['cursor_tuple_fraction', '1'],
];

/**
 * One side's connection for a whole comparison: a single read-only
 * REPEATABLE READ transaction, so every count and list read through it comes
 * from the same snapshot.
 */
export class ReadSession {
  private cursorCount = 0;
  /** Queries of this session run one after another (the merge prefetches while details are read). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly side: CrmDatabase['side'],
    private readonly client: PoolClient,
  ) {}

  static async open(db: CrmDatabase): Promise<ReadSession> {
    // A database that is down must come out as DatabaseUnavailableError naming
    // its side (API: 503), like the sync engine's, not as a bare socket error.
    const client = await db.pool.connect().catch((error: unknown) => {
      throw translateConnectionError(db.side, error);
    });
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const [name, value] of SESSION_SETTINGS) {
        await client.query('SELECT set_config($1, $2, true)', [name, value]);
      }
    } catch (error) {
      client.release(error as Error);
      throw translateConnectionError(db.side, error);
    }
    return new ReadSession(db.side, client);
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

  /** Sets a planner setting until the end of the transaction. */
  async setLocal(name: string, value: string): Promise<void> {
    await this.run(() => this.client.query('SELECT set_config($1, $2, true)', [name, value]));
  }

  /** Runs `work` with planner settings changed, restoring the previous values afterwards. */
  async withSettings<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const names = Object.keys(settings);
    const previous = await this.query<{ name: string; value: string }>(
      `SELECT n AS name, current_setting(n) AS value FROM unnest($1::text[]) AS n`,
      [names],
    );
    for (const name of names) {
      await this.setLocal(name, settings[name]);
    }
    try {
      return await work();
    } finally {
      for (const { name, value } of previous) {
        await this.setLocal(name, value);
      }
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
      throw translateConnectionError(this.side, error);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the read-only transaction and returns the connection. */
  async close(): Promise<void> {
    try {
      await this.run(() => this.client.query('COMMIT'));
      this.client.release();
    } catch (error) {
      this.client.release(error as Error);
      throw error;
    }
  }

  /** For the error path: drops the transaction; never throws. */
  async abandon(): Promise<void> {
    try {
      await this.run(() => this.client.query('ROLLBACK'));
      this.client.release();
    } catch (error) {
      this.client.release(error as Error);
    }
  }
}
