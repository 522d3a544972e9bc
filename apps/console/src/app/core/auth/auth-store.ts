import { Injectable, computed, signal } from '@angular/core';
import { AuthUser, LoginResponse } from '@vantix/contracts';

interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: AuthUser;
}

// sessionStorage, not localStorage: the token must not outlive the browser tab
// session of the admin who logged in.
const STORAGE_KEY = 'vantix-sync.session';

function readStoredSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) {
      return null;
    }
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/** The signed-in admin and their bearer token, as signals. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly session = signal<Session | null>(readStoredSession());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.accessToken ?? null);

  /** Read at navigation time: a token past its expiry counts as no session. */
  hasValidSession(): boolean {
    const session = this.session();
    return session !== null && session.expiresAt > Date.now();
  }

  start(response: LoginResponse, now = Date.now()): void {
    const session: Session = {
      accessToken: response.accessToken,
      expiresAt: now + response.expiresIn * 1000,
      user: response.user,
    };
    this.session.set(session);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage can be disabled (private mode): the session then lasts until reload.
    }
  }

  clear(): void {
    this.session.set(null);
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored, nothing to remove.
    }
  }
}
