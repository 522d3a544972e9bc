import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { MatToolbar } from '@angular/material/toolbar';
import { AuthApi } from './core/api/auth-api';
import { AuthStore } from './core/auth/auth-store';
import { StatusBar } from './shared/status-bar/status-bar';

/** The shell: title, navigation and logout for a signed-in admin, the status bar for everyone. */
@Component({
  selector: 'vx-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatButton,
    MatTabNav,
    MatTabLink,
    MatTabNavPanel,
    StatusBar,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);

  protected readonly links = [
    { path: '/comparison', label: 'Database Comparison', also: '/comparisons/' },
    { path: '/approvals', label: 'Pending approvals', also: '/approvals/' },
    { path: '/history', label: 'Sync history', also: '/syncs/' },
    { path: '/audit', label: 'Audit history', also: '/audit/' },
  ];

  /**
   * Revokes the token on the server first, so a copy of it (another tab, a
   * leaked log) stops working too; the local session ends either way.
   */
  protected logout(): void {
    const end = () => {
      this.auth.clear();
      void this.router.navigate(['/login']);
    };
    this.authApi.logout().subscribe({ next: end, error: end });
  }
}
