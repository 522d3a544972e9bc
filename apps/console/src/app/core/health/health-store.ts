import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { DatabaseHealth, HealthResponse } from '@vantix/contracts';
import { catchError, map, of, switchMap, timer } from 'rxjs';
import { HealthApi } from '../api/health-api';
import { toApiProblem } from '../api/api-problem';

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

/** `/api/health`, polled for the status bar and read by the confirmation dialog. */
@Injectable({ providedIn: 'root' })
export class HealthStore {
  private readonly api = inject(HealthApi);

  readonly state = toSignal(
    timer(0, HEALTH_POLL_MS).pipe(
      switchMap(() =>
        this.api.get().pipe(
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

  private database(role: string): DatabaseHealth | null {
    return this.health()?.databases.find((database) => database.role === role) ?? null;
  }
}
