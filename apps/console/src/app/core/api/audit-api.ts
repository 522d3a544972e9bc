import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEventDto, AuditEventsQuery, AuditVerifyResponse, Page, RecordProvenance } from '@vantix/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  events(query: AuditEventsQuery): Observable<Page<AuditEventDto>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<Page<AuditEventDto>>('/api/audit/events', { params });
  }

  event(id: string): Observable<AuditEventDto> {
    return this.http.get<AuditEventDto>(`/api/audit/events/${encodeURIComponent(id)}`);
  }

  verify(): Observable<AuditVerifyResponse> {
    return this.http.get<AuditVerifyResponse>('/api/audit/verify');
  }

  /** Which sync inserted a Production record, or that none did. */
  provenance(table: string, id: string): Observable<RecordProvenance> {
    return this.http.get<RecordProvenance>('/api/audit/provenance', {
      params: new HttpParams().set('table', table).set('id', id),
    });
  }
}
