import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Page,
  PendingSyncResponse,
  StoredSync,
  SyncEvidence,
  SyncListItem,
  SyncRequest,
  SyncResult,
} from '@vantix/contracts';
import { Observable } from 'rxjs';
import { HistoryQuery, historyParams } from './history-query';

@Injectable({ providedIn: 'root' })
export class SyncApi {
  private readonly http = inject(HttpClient);

  /** With `dryRun: true` this only plans; without it, it writes to Production. */
  sync(request: SyncRequest): Observable<SyncResult> {
    return this.http.post<SyncResult>('/api/dev/sync-to-production', request);
  }

  /**
   * A real sync: its results (201), or — when the server requires two-person
   * approval — the pending request (202) another admin has to approve.
   */
  submit(request: SyncRequest): Observable<SyncResult | PendingSyncResponse> {
    return this.http.post<SyncResult | PendingSyncResponse>('/api/dev/sync-to-production', request);
  }

  /** A stored sync: its reason, plan and per-record results, after the response that carried them is gone. */
  get(id: string): Observable<StoredSync> {
    return this.http.get<StoredSync>(`/api/dev/syncs/${encodeURIComponent(id)}`);
  }

  /** Stored syncs of one status, newest first (the approvals page asks for pending_approval). */
  list(status: StoredSync['status'], limit = 50): Observable<Page<SyncListItem>> {
    return this.http.get<Page<SyncListItem>>('/api/dev/syncs', { params: { status, limit } });
  }

  /** One page of stored syncs, newest first, of any status or of one. */
  page(query: HistoryQuery): Observable<Page<SyncListItem>> {
    return this.http.get<Page<SyncListItem>>('/api/dev/syncs', { params: historyParams(query) });
  }

  /** Another admin approves a pending request: exactly its pinned plan runs. */
  approve(id: string): Observable<SyncResult> {
    return this.http.post<SyncResult>(`/api/dev/syncs/${encodeURIComponent(id)}/approve`, {});
  }

  /** Another admin turns a pending request down, saying why. */
  reject(id: string, reason: string): Observable<StoredSync> {
    return this.http.post<StoredSync>(`/api/dev/syncs/${encodeURIComponent(id)}/reject`, { reason });
  }

  /** The requester withdraws a pending request. */
  cancel(id: string): Observable<StoredSync> {
    return this.http.post<StoredSync>(`/api/dev/syncs/${encodeURIComponent(id)}/cancel`, {});
  }

  /** The sync's evidence bundle: one JSON document an auditor can keep and re-check with the CLI. */
  evidence(id: string): Observable<SyncEvidence> {
    return this.http.get<SyncEvidence>(`/api/dev/syncs/${encodeURIComponent(id)}/evidence`);
  }
}
