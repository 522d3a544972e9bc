import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatTooltip } from '@angular/material/tooltip';
import { DatabaseHealth } from '@vantix/contracts';
import { HealthStore } from '../../core/health/health-store';

/** "1 health warning", "2 health warnings". */
export function warningLabel(count: number): string {
  return `${count} health warning${count === 1 ? '' : 's'}`;
}

/**
 * Environment and the health of each database, on every page; for a signed-in
 * admin also the warnings of `GET /api/health/details` (a superuser or
 * over-privileged Production role, an audit role that could rewrite the log).
 */
@Component({
  selector: 'vx-status-bar',
  imports: [DatePipe, MatTooltip],
  templateUrl: './status-bar.html',
  styleUrl: './status-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusBar {
  protected readonly store = inject(HealthStore);
  /** Only the details endpoint (admins) carries warnings; the public answer before login has none. */
  protected readonly warnings = computed(() => this.store.health()?.warnings ?? []);
  protected readonly warningLabel = computed(() => warningLabel(this.warnings().length));

  protected describe(database: DatabaseHealth | null): string {
    if (!database) {
      return 'not reported';
    }
    // Before login the server names no host: up or down is all there is.
    return database.target ? `${database.target}: ${this.healthText(database)}` : this.healthText(database);
  }

  private healthText(database: DatabaseHealth): string {
    if (!database.target) {
      return database.reachable ? 'up (details after login)' : 'down';
    }
    if (!database.reachable) {
      return database.error ? `unreachable: ${database.error}` : 'unreachable';
    }
    const version = database.serverVersion ? `PostgreSQL ${database.serverVersion}` : 'reachable';
    return database.latencyMs === null ? version : `${version}, ${database.latencyMs} ms`;
  }
}
