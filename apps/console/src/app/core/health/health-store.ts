import { Injectable, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { DatabaseHealth, HealthResponse, PublicHealth } from '@vantix/contracts';
import { Observable, catchError, combineLatest, map, of, switchMap, timer } from 'rxjs';
import { HealthApi } from '../api/health-api';
import { toApiProblem } from '../api/api-problem';
import { AuthStore } from '../auth/auth-store';

/** How often the status bar asks the API about the databases. */
export const HEALTH_POLL_MS = 15_000;

interface HealthState {
  health: HealthResponse | null;
  error: string | null;
  checkedAt: Date;
}

/**
 * The database part of a target such as `db.example:5432/crm_prod`
 * (`host:port/database`, never a password). Falls back to the whole target.
 */
export function databaseNameOf(target: string | null | undefined): string {
  if (!target) {
    return '';
  }
  const withoutQuery = target.split('?')[0];
  const slash = withoutQuery.lastIndexOf('/');
  return slash >= 0 && slash < withoutQuery.length - 1 ? withoutQuery.slice(slash + 1) : withoutQuery;
}

/**
 * The public answer in the shape of the details, for the status bar before
 * login: up or down per database, no host, version or environment (the
 * server does not tell anyone who has not logged in).
 */
export function fromPublicHealth(health: PublicHealth): HealthResponse {
  return {
    status: health.status,
    environment: '',
    demo: false,
    databases: (['development', 'production', 'audit'] as const).map((role) => ({
      role,
      target: '',
      reachable: health.databases[role].status === 'ok',
      serverVersion: null,
      latencyMs: null,
    })),
  };
}

/**
 * Polled for the status bar and read by the confirmation dialog: the admin's
 * `/api/health/details` once signed in, the public `/api/health` before
 * (asking for the details without a session would only be refused — and
 * audited as a denied access — every poll).
 */
@Injectable({ providedIn: 'root' })
export class HealthStore {
  private readonly api = inject(HealthApi);
  private readonly auth = inject(AuthStore);

  readonly state = toSignal(
    combineLatest([timer(0, HEALTH_POLL_MS), toObservable(this.auth.token)]).pipe(
      switchMap(() =>
        this.fetch().pipe(
          map((health): HealthState => ({ health, error: null, checkedAt: new Date() })),
          catchError((error: unknown) =>
            of<HealthState>({ health: null, error: toApiProblem(error).message, checkedAt: new Date() }),
          ),
        ),
      ),
    ),
    { initialValue: null },
  );

  readonly health = computed(() => this.state()?.health ?? null);
  readonly development = computed(() => this.database('development'));
  readonly production = computed(() => this.database('production'));
  readonly audit = computed(() => this.database('audit'));
  readonly productionDatabaseName = computed(() => databaseNameOf(this.production()?.target));

  private fetch(): Observable<HealthResponse> {
    return this.auth.hasValidSession() ? this.api.details() : this.api.get().pipe(map(fromPublicHealth));
  }

  private database(role: string): DatabaseHealth | null {
    return this.health()?.databases.find((database) => database.role === role) ?? null;
  }
}
