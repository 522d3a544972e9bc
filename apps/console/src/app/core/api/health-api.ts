import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { HealthResponse, PublicHealth } from '@vantix/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  /** Public: each database ok or down, nothing else. */
  get(): Observable<PublicHealth> {
    return this.http.get<PublicHealth>('/api/health');
  }

  /** Admins only: hosts, versions, latencies, errors, the environment. */
  details(): Observable<HealthResponse> {
    return this.http.get<HealthResponse>('/api/health/details');
  }
}
