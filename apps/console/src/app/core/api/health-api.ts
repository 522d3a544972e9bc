import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { HealthResponse } from '@vantix/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  get(): Observable<HealthResponse> {
    return this.http.get<HealthResponse>('/api/health');
  }
}
