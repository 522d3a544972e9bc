import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Page, RefreshRequest, RefreshResult, StoredRefresh, SyncListItem } from '@vantix/contracts';
import { Observable } from 'rxjs';
import { HistoryQuery, historyParams } from './history-query';

@Injectable({ providedIn: 'root' })
export class RefreshApi {
  private readonly http = inject(HttpClient);

  /** With `dryRun: true` this only plans (and shows the data rules); without it, it writes to Development. */
  refresh(request: RefreshRequest): Observable<RefreshResult> {
    return this.http.post<RefreshResult>('/api/dev/refresh-development', request);
  }

  /** A stored refresh: its reason, plan with data rules, and per-record results. */
  get(id: string): Observable<StoredRefresh> {
    return this.http.get<StoredRefresh>(`/api/dev/refreshes/${encodeURIComponent(id)}`);
  }

  /** One page of stored refreshes, newest first, of any status or of one. */
  page(query: HistoryQuery): Observable<Page<SyncListItem>> {
    return this.http.get<Page<SyncListItem>>('/api/dev/refreshes', { params: historyParams(query) });
  }
}
