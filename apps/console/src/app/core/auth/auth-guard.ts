import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';

/** Pages behind login: without a valid session, go to the login page and come back after. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  if (auth.hasValidSession()) {
    return true;
  }
  auth.clear();
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page is pointless with a valid session. */
export const guestGuard: CanActivateFn = () =>
  inject(AuthStore).hasValidSession() ? inject(Router).createUrlTree(['/comparison']) : true;
