import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { HealthResponse, PublicHealth } from '@vantix/contracts';
import { catchError, Observable, of, throwError } from 'rxjs';

/** A 503 of `/api/health` still carries the health body (which database is down). */
function isHealthBody(body: unknown): body is PublicHealth {
  return typeof body === 'object' && body !== null && 'status' in body && 'databases' in body;
}

@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  /** Public: each database ok or down, nothing else (503 unless all are ok, with the same body). */
  get(): Observable<PublicHealth> {
    return this.http
      .get<PublicHealth>('/api/health')
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 503 && isHealthBody(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }

  /** Admins only: hosts, versions, latencies, errors, the environment. */
  details(): Observable<HealthResponse> {
    return this.http.get<HealthResponse>('/api/health/details');
  }
}
