import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ComparisonDependencies,
  RecordDetail,
  RecordKind,
  RecordRef,
  RecordSummariesResponse,
} from '@vantix/contracts';
import { Observable } from 'rxjs';

/** The review reads of the API: live, read-only, never audited. */
@Injectable({ providedIn: 'root' })
export class ReviewApi {
  private readonly http = inject(HttpClient);

  /** One record on both sides; `kind` is the list it was opened from, so the API can say whether it changed since. */
  detail(comparisonId: string, table: string, id: string, kind: RecordKind | null): Observable<RecordDetail> {
    const params = kind ? new HttpParams().set('kind', kind) : undefined;
    const path = [comparisonId, 'records', table, id].map(encodeURIComponent).join('/');
    return this.http.get<RecordDetail>(`/api/dev/comparisons/${path}`, { params });
  }

  summaries(records: RecordRef[]): Observable<RecordSummariesResponse> {
    return this.http.post<RecordSummariesResponse>('/api/dev/record-summaries', { records });
  }

  dependencies(comparisonId: string): Observable<ComparisonDependencies> {
    return this.http.get<ComparisonDependencies>(
      `/api/dev/comparisons/${encodeURIComponent(comparisonId)}/dependencies`,
    );
  }
}
