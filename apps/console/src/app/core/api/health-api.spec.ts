import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PublicHealth } from '@vantix/contracts';
import { HealthApi } from './health-api';

describe(HealthApi.name, () => {
  let api: HealthApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(HealthApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the body of a 503 as the health it is: which database is down', () => {
    const degraded: PublicHealth = {
      status: 'degraded',
      databases: { development: { status: 'ok' }, production: { status: 'down' }, audit: { status: 'ok' } },
    };
    let seen: PublicHealth | null = null;
    api.get().subscribe((health) => (seen = health));
    http.expectOne('/api/health').flush(degraded, { status: 503, statusText: 'Service Unavailable' });
    expect(seen).toEqual(degraded);
  });

  it('passes on a 503 without a health body (a proxy in front of the API) as an error', () => {
    let failed: unknown = null;
    api.get().subscribe({ error: (error: unknown) => (failed = error) });
    http.expectOne('/api/health').flush('upstream down', { status: 503, statusText: 'Service Unavailable' });
    expect(failed).toMatchObject({ status: 503 });
  });
});
