import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ComparisonListItem, ComparisonReport, Page, RecordEntry, RecordKind } from '@vantix/contracts';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';

/** Records per request when a whole list is paged through (export, sync panel); the API allows up to 200. */
export const RECORD_PAGE_SIZE = 200;

@Injectable({ providedIn: 'root' })
export class ComparisonApi {
  private readonly http = inject(HttpClient);

  compare(tables?: string[]): Observable<ComparisonReport> {
    return this.http.post<ComparisonReport>('/api/dev/compare-databases', tables ? { tables } : {});
  }

  list(cursor: string | null = null, limit = 20): Observable<Page<ComparisonListItem>> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http.get<Page<ComparisonListItem>>('/api/dev/comparisons', { params });
  }

  get(id: string): Observable<ComparisonReport> {
    return this.http.get<ComparisonReport>(`/api/dev/comparisons/${encodeURIComponent(id)}`);
  }

  records(
    id: string,
    table: string,
    kind: RecordKind,
    cursor: string | null = null,
    limit = RECORD_PAGE_SIZE,
  ): Observable<Page<RecordEntry>> {
    let params = new HttpParams().set('table', table).set('kind', kind).set('limit', limit);
    if (cursor) {
      params = params.set('cursor', cursor);
    }
    return this.http.get<Page<RecordEntry>>(`/api/dev/comparisons/${encodeURIComponent(id)}/records`, { params });
  }

  /** Emits every page of one list in order, one request at a time, until the last page. */
  recordPages(id: string, table: string, kind: RecordKind): Observable<Page<RecordEntry>> {
    return this.records(id, table, kind).pipe(
      expand((page) => (page.nextCursor ? this.records(id, table, kind, page.nextCursor) : EMPTY)),
    );
  }

  /** The whole list, all pages joined. */
  allRecords(id: string, table: string, kind: RecordKind): Observable<RecordEntry[]> {
    return this.recordPages(id, table, kind).pipe(
      map((page) => page.items),
      reduce((all, items) => all.concat(items), [] as RecordEntry[]),
    );
  }
}
