import { Route } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth-guard';

// Feature pages are lazy: the login page should not wait for chart.js and the tables.
export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [guestGuard],
    title: 'Log in · Vantix Sync',
    loadComponent: () => import('./features/login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'comparison' },
      {
        path: 'comparison',
        title: 'Database Comparison · Vantix Sync',
        loadComponent: () => import('./features/comparison/comparison-page').then((m) => m.ComparisonPage),
      },
      {
        path: 'comparisons/:id',
        title: 'Database Comparison · Vantix Sync',
        loadComponent: () => import('./features/comparison/comparison-page').then((m) => m.ComparisonPage),
      },
      {
        path: 'syncs/:id',
        title: 'Sync · Vantix Sync',
        loadComponent: () => import('./features/sync/sync-page').then((m) => m.SyncPage),
      },
      {
        path: 'refreshes/:id',
        title: 'Refresh of Development · Vantix Sync',
        loadComponent: () => import('./features/refresh/refresh-page').then((m) => m.RefreshPage),
      },
      {
        path: 'history',
        title: 'Sync history · Vantix Sync',
        loadComponent: () => import('./features/history/history-page').then((m) => m.HistoryPage),
      },
      {
        path: 'approvals',
        title: 'Pending approvals · Vantix Sync',
        loadComponent: () => import('./features/approvals/approvals-page').then((m) => m.ApprovalsPage),
      },
      {
        path: 'audit',
        title: 'Audit history · Vantix Sync',
        loadComponent: () => import('./features/audit/audit-page').then((m) => m.AuditPage),
      },
      {
        path: 'audit/events/:id',
        title: 'Audit event · Vantix Sync',
        loadComponent: () => import('./features/audit/audit-event-page').then((m) => m.AuditEventPage),
      },
    ],
  },
  { path: '**', redirectTo: 'comparison' },
];
