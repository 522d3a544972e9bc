import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { SyncRequest, SyncResult } from '@vantix/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class SyncApi {
  private readonly http = inject(HttpClient);

  /** With `dryRun: true` this only plans; without it, it writes to Production. */
  sync(request: SyncRequest): Observable<SyncResult> {
    return this.http.post<SyncResult>('/api/dev/sync-to-production', request);
  }
}
