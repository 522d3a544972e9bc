import type { RecordPin } from '@vantix/contracts';
import { col } from './sql';

/**
 * A record's fingerprint as a review pins it (GET …/compare → sync): the
 * SHA-256 of the text forms of all of Development's columns, in column-name
 * order, as one PostgreSQL array literal (`{"a",NULL,"b"}` — quoting keeps it
 * injective, and both reads pin the same text forms, so equal digests mean
 * equal values). Beside it, a short digest per column, only to *name* the
 * columns that changed; whether a record changed is decided by the full
 * digest alone.
 */
export interface FingerprintSql {
  /** Column names the per-column digests belong to, in order. */
  columns: string[];
  /** Two select expressions: the digest (hex text), then the per-column digests (one text). */
  select: string;
}

/** The text forms of the columns, in column-name order (the order both digests are taken in). */
function sortedTexts(alias: string, columnNames: readonly string[]): { columns: string[]; texts: string[] } {
  const columns = [...columnNames].sort();
  return { columns, texts: columns.map((name) => `${col(alias, name)}::text`) };
}

function digestOf(texts: readonly string[]): string {
  return `encode(sha256(convert_to(ARRAY[${texts.join(', ')}]::text[]::text, 'UTF8')), 'hex')`;
}

/**
 * The record's digest alone (hex text), equal to the first value of
 * {@link fingerprintSql}: for reads that never name changed columns, which
 * then skip the per-column digests (half the cost of the read, measured).
 */
export function digestSql(alias: string, columnNames: readonly string[]): string {
  return digestOf(sortedTexts(alias, columnNames).texts);
}

export function fingerprintSql(alias: string, columnNames: readonly string[]): FingerprintSql {
  const { columns, texts } = sortedTexts(alias, columnNames);
  const digest = digestOf(texts);
  // One comma-separated text ('-' for NULL; hex has neither): independent of how the driver parses arrays.
  // ARRAY[…], not a function call: a function takes at most 100 arguments, a table may have more columns.
  const perColumn = `array_to_string(ARRAY[${texts.map((t) => `coalesce(left(md5(${t}), 16), '-')`).join(', ')}], ',')`;
  return { columns, select: `${digest}, ${perColumn}` };
}

/** The pin from the two values {@link fingerprintSql} selected. */
export function toPin(columns: readonly string[], digest: unknown, perColumn: unknown): RecordPin {
  const digests = String(perColumn).split(',');
  const byColumn: Record<string, string | null> = {};
  columns.forEach((name, i) => {
    const value = digests[i];
    byColumn[name] = value === undefined || value === '-' ? null : value;
  });
  return { fingerprint: String(digest), columns: byColumn };
}

/** The columns whose digests differ between a pinned and a current record (all of either side's columns). */
export function changedColumns(pinned: RecordPin, now: RecordPin): string[] {
  const names = new Set([...Object.keys(pinned.columns), ...Object.keys(now.columns)]);
  return [...names].filter((name) => pinned.columns[name] !== now.columns[name]).sort();
}
