import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ComparisonReport, TableComparison } from '@vantix/contracts';
import { HealthStore } from '../../core/health/health-store';
import { SyncPanel } from './sync-panel';

function table(name: string, missing: number): TableComparison {
  return {
    table: name,
    devCount: missing + 10,
    prodCount: 10,
    missingInProduction: { count: missing, records: [] },
    missingInDevelopment: { count: 0, records: [] },
    differing: { count: 0, records: [] },
    schemaDrift: { missingTable: null, onlyInDevelopment: [], onlyInProduction: [], typeMismatches: [], none: true },
  };
}

const report: ComparisonReport = {
  id: 'cmp-1',
  startedAt: '2026-11-25T08:00:00.000Z',
  finishedAt: '2026-11-25T08:00:01.000Z',
  durationMs: 1000,
  recommendations: [],
  tables: [table('customers', 5000), table('customer_notes', 2)],
};

describe(SyncPanel.name, () => {
  let fixture: ComponentFixture<SyncPanel>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  function find<T extends Element>(selector: string): T {
    const found = el().querySelector<T>(selector);
    if (!found) {
      throw new Error(`${selector} is not rendered`);
    }
    return found;
  }
  const execute = () => find<HTMLButtonElement>('[data-testid="execute-sync"]');

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SyncPanel],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        // No health polling in a unit test.
        { provide: HealthStore, useValue: { production: () => null, productionDatabaseName: () => '' } },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SyncPanel);
    fixture.componentRef.setInput('report', report);
    await fixture.whenStable();
  });

  it('loads the first tab through the paged records endpoint and keeps Execute disabled while nothing is selected', async () => {
    const request = http.expectOne((r) => r.url === '/api/dev/comparisons/cmp-1/records');
    expect(request.request.params.get('table')).toBe('customers');
    expect(request.request.params.get('kind')).toBe('missingInProduction');
    request.flush({ items: [{ id: 'c1', summary: 'Acme', createdAt: null }], nextCursor: 'next' });
    // The next page is asked for right away, with the cursor.
    const next = http.expectOne(
      (r) => r.url === '/api/dev/comparisons/cmp-1/records' && r.params.get('cursor') === 'next',
    );
    next.flush({ items: [], nextCursor: null });
    await fixture.whenStable();

    expect(execute().disabled).toBe(true);
    expect(el().querySelector('[data-testid="selected-total"]')?.textContent).toContain('0 record(s) selected');
  });

  it('"Select all" selects every missing record of the table, loaded or not, and enables Execute', async () => {
    http.match(() => true).forEach((r) => r.flush({ items: [], nextCursor: null }));
    const selectAll = find<HTMLInputElement>('[data-testid="select-all-customers"] input');
    selectAll.click();
    await fixture.whenStable();

    expect(el().querySelector('[data-testid="selected-count-customers"]')?.textContent).toContain(
      '5000 of 5000 selected',
    );
    expect(el().querySelector('[data-testid="selected-total"]')?.textContent).toContain('5000 record(s) selected');
    expect(execute().disabled).toBe(false);
  });
});
