import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { StoredSync, SyncEvidence, SyncRequest, SyncResult } from '@vantix/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class SyncApi {
  private readonly http = inject(HttpClient);

  /** With `dryRun: true` this only plans; without it, it writes to Production. */
  sync(request: SyncRequest): Observable<SyncResult> {
    return this.http.post<SyncResult>('/api/dev/sync-to-production', request);
  }

  /** A stored sync: its reason, plan and per-record results, after the response that carried them is gone. */
  get(id: string): Observable<StoredSync> {
    return this.http.get<StoredSync>(`/api/dev/syncs/${encodeURIComponent(id)}`);
  }

  /** The sync's evidence bundle: one JSON document an auditor can keep and re-check with the CLI. */
  evidence(id: string): Observable<SyncEvidence> {
    return this.http.get<SyncEvidence>(`/api/dev/syncs/${encodeURIComponent(id)}/evidence`);
  }
}
