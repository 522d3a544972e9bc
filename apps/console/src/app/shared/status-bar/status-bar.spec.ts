import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HealthResponse } from '@vantix/contracts';
import { HealthStore } from '../../core/health/health-store';
import { StatusBar, warningLabel } from './status-bar';

function details(warnings?: string[]): HealthResponse {
  return {
    status: 'ok',
    environment: 'development',
    demo: false,
    databases: [
      { role: 'development', target: 'dev:5432/crm', reachable: true, serverVersion: '16.4', latencyMs: 2 },
      { role: 'production', target: 'prod:5432/crm', reachable: true, serverVersion: '16.4', latencyMs: 3 },
      { role: 'audit', target: 'audit:5432/audit', reachable: true, serverVersion: '16.4', latencyMs: 1 },
    ],
    ...(warnings ? { warnings } : {}),
  };
}

describe(StatusBar.name, () => {
  let fixture: ComponentFixture<StatusBar>;
  const health = signal<HealthResponse | null>(null);
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    const database = (role: string) => () => health()?.databases.find((d) => d.role === role) ?? null;
    await TestBed.configureTestingModule({
      imports: [StatusBar],
      providers: [
        {
          provide: HealthStore,
          useValue: {
            state: () => ({ health: health(), error: null, checkedAt: new Date() }),
            health,
            development: database('development'),
            production: database('production'),
            audit: database('audit'),
          },
        },
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(StatusBar);
  });

  it('counts warnings in words', () => {
    expect(warningLabel(1)).toBe('1 health warning');
    expect(warningLabel(2)).toBe('2 health warnings');
  });

  it("shows the details endpoint's warnings as a chip with their text, in a disclosure", async () => {
    const lines = [
      'the Production role is a superuser: it can do anything, not only insert',
      'the audit store role owns the audit tables: it could disable the triggers that keep the log append-only',
    ];
    health.set(details(lines));
    await fixture.whenStable();
    const chip = el().querySelector('[data-testid="health-warnings"]');
    expect(chip?.tagName).toBe('DETAILS');
    expect(chip?.querySelector('summary')?.textContent).toContain('2 health warnings');
    expect(Array.from(chip?.querySelectorAll('li') ?? [], (li) => li.textContent?.trim())).toEqual(lines);
  });

  it('shows no chip when there is nothing to warn about', async () => {
    health.set(details());
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="db-prod"]')?.textContent).toContain('prod:5432/crm');
    expect(el().querySelector('[data-testid="health-warnings"]')).toBeNull();
    health.set(details([]));
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="health-warnings"]')).toBeNull();
  });
});
