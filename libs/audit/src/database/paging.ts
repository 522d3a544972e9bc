/** A query parameter the caller got wrong (bad cursor, limit, date, type or kind); the API maps it to 400. */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** The page size: 50 when absent, at most 200 (larger asks are capped); below 1 or fractional is invalid. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) {
    return DEFAULT_PAGE_LIMIT;
  }
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidQueryError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}, got ${String(limit)}`);
  }
  return Math.min(limit, MAX_PAGE_LIMIT);
}

/**
 * Cursors are opaque to clients: base64url of "<kind>:<position>". The kind
 * keeps a cursor of one list from being replayed on another.
 */
export function encodeCursor(kind: string, position: string): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

/** The position inside a cursor of this kind; InvalidQueryError for anything else. */
export function decodeCursor(kind: string, cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(`${kind}:`)) {
    throw new InvalidQueryError('cursor is not valid for this list');
  }
  return text.slice(kind.length + 1);
}

/** Decodes a cursor whose position is a non-negative integer (a seq or a record position). */
export function decodeIntegerCursor(kind: string, cursor: string): bigint {
  const position = decodeCursor(kind, cursor);
  if (!/^\d{1,18}$/.test(position)) {
    throw new InvalidQueryError('cursor is not valid for this list');
  }
  return BigInt(position);
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): { items: Item[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot exist, and must not reach a uuid cast in SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
