/**
 * What PostgreSQL refused, in words a person can act on and that never quote
 * a value of the row: the driver's `detail` (which may quote row values,
 * password hashes included) is never read, and a data error's quoted value is
 * cut off its message.
 */

/** The fields of a driver error that identify what was violated (null when absent). */
export interface DatabaseErrorFields {
  /** SQLSTATE, e.g. 23503 for a foreign-key violation. */
  code: string | null;
  constraint: string | null;
  table: string | null;
  column: string | null;
}

const CONSTRAINT_KINDS: Readonly<Record<string, string>> = {
  '23503': 'foreign key',
  '23505': 'unique',
  '23514': 'check',
  '23P01': 'exclusion',
};

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reads the identifying fields of a pg error by shape (errors may come from another realm). */
export function databaseErrorFields(error: unknown): DatabaseErrorFields {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return {
    code: text(e['code']),
    constraint: text(e['constraint']),
    table: text(e['table']),
    column: text(e['column']),
  };
}

/** What was violated, e.g. `violates foreign key constraint "customer_notes_customer_id_fkey"`. */
export function describeDatabaseError(error: unknown): string {
  const { code, constraint, column } = databaseErrorFields(error);
  const kind = code === null ? undefined : CONSTRAINT_KINDS[code];
  if (kind) {
    return `violates ${kind} constraint "${constraint}"`;
  }
  if (code === '23502') {
    return `violates not-null constraint on column "${column}"`;
  }
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  // Data errors (class 22) quote the offending value after a colon: drop it.
  return `${String(message).replace(/:\s*".*$/s, '')}${code ? ` (SQLSTATE ${code})` : ''}`;
}
