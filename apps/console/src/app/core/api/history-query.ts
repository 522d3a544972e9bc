import { StoredSyncStatus } from '@vantix/contracts';

/** A page of stored syncs or refreshes: a status filter (none: all), the cursor of the page before, a size. */
export interface HistoryQuery {
  status: StoredSyncStatus | null;
  cursor: string | null;
  limit: number;
}

/** The query string the syncs and refreshes lists take; absent values are left out, not sent empty. */
export function historyParams(query: HistoryQuery): Record<string, string | number> {
  return {
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
}
