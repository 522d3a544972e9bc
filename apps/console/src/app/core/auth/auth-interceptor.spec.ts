import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { authInterceptor } from './auth-interceptor';
import { AuthStore } from './auth-store';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    auth.start({
      accessToken: 'tok',
      tokenType: 'Bearer',
      expiresIn: 1800,
      user: { id: 'u1', email: 'a@x', name: 'A', role: 'admin', mayWriteToProduction: true },
    });
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to API calls', () => {
    http.get('/api/dev/comparisons').subscribe();
    expect(backend.expectOne('/api/dev/comparisons').request.headers.get('Authorization')).toBe('Bearer tok');
  });

  it('does not send the token with the login call', () => {
    http.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.headers.has('Authorization')).toBe(false);
    // A 401 of the login call means wrong credentials: no redirect, the session stays.
    request.flush({ message: 'wrong' }, { status: 401, statusText: 'Unauthorized' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('on any other 401 drops the session and goes back to the login page', () => {
    http.get('/api/audit/events').subscribe({ error: () => undefined });
    backend.expectOne('/api/audit/events').flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    expect(auth.token()).toBeNull();
    expect(auth.hasValidSession()).toBe(false);
    expect(sessionStorage.length).toBe(0);
    expect(navigate).toHaveBeenCalledWith(
      ['/login'],
      expect.objectContaining({ queryParams: expect.objectContaining({ reason: 'expired' }) }),
    );
  });
});
