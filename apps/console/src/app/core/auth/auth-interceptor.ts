import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

const LOGIN_URL = '/api/auth/login';

/**
 * Adds the bearer token to API calls and sends the admin back to the login page
 * on any 401 (expired or revoked token). The login call itself is left alone:
 * its 401 means "wrong credentials" and the login page shows that inline.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const isLogin = request.url === LOGIN_URL;
  const token = auth.token();
  const outgoing =
    token && !isLogin && request.url.startsWith('/api/')
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;

  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !isLogin) {
        auth.clear();
        const returnUrl = router.url.startsWith('/login') ? undefined : router.url;
        void router.navigate(['/login'], { queryParams: { reason: 'expired', returnUrl } });
      }
      return throwError(() => error);
    }),
  );
};
