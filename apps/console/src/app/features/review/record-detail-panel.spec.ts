import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { RecordColumnDetail, RecordDetail } from '@vantix/contracts';
import { RecordDetailData, RecordDetailPanel } from './record-detail-panel';

function column(name: string, development: string | null, production: string | null, extra = {}): RecordColumnDetail {
  return {
    name,
    dataType: 'text',
    inDevelopment: true,
    inProduction: true,
    sensitive: false,
    development,
    production,
    differs: development !== production,
    ...extra,
  };
}

const detail: RecordDetail = {
  table: 'customers',
  id: 'c1',
  comparisonId: 'cmp',
  comparedAt: '2026-11-30T10:00:00.000Z',
  readAt: '2026-11-30T10:05:00.000Z',
  comparedAs: 'missingInProduction',
  state: 'differing',
  changedSinceComparison: true,
  summary: 'Dora Differs — Diff AG',
  columns: [
    column('name', 'Dora', 'Dora'),
    column('email', 'dora@dev', 'dora@prod'),
    column('api_token', null, null, { sensitive: true, differs: true }),
  ],
  parents: [],
  children: [],
};

describe(RecordDetailPanel.name, () => {
  let fixture: ComponentFixture<RecordDetailPanel>;
  let http: HttpTestingController;
  const data: RecordDetailData = { comparisonId: 'cmp', table: 'customers', id: 'c1', kind: 'missingInProduction' };
  const el = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [RecordDetailPanel],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close: jest.fn() } },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RecordDetailPanel);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('asks for the record live, saying which list it came from, and shows Dev and Prod side by side', async () => {
    const request = http.expectOne((r) => r.url === '/api/dev/comparisons/cmp/records/customers/c1');
    expect(request.request.params.get('kind')).toBe('missingInProduction');
    request.flush(detail);
    await fixture.whenStable();

    expect(el().querySelector('[data-testid="dev-email"]')?.textContent).toContain('dora@dev');
    expect(el().querySelector('[data-testid="prod-email"]')?.textContent).toContain('dora@prod');
    const changed = Array.from(el().querySelectorAll('tr.changed')).map((tr) => tr.getAttribute('data-column'));
    expect(changed).toEqual(['email', 'api_token']);
    expect(el().querySelector('[data-testid="dev-api_token"]')?.textContent).toContain('hidden');
    expect(el().querySelector('[data-testid="detail-changed"]')?.textContent).toContain('changed since the comparison');
    // A differing record is not one the sync can copy: no select action.
    expect(el().querySelector('[data-testid="detail-select"]')).toBeNull();

    // Production has it: where it came from is asked for and shown.
    const provenance = http.expectOne((r) => r.url === '/api/audit/provenance');
    expect([provenance.request.params.get('table'), provenance.request.params.get('id')]).toEqual(['customers', 'c1']);
    provenance.flush({
      table: 'customers',
      id: 'c1',
      written: true,
      writes: [
        {
          syncId: 's1',
          comparisonId: 'cmp0',
          insertedAt: '2026-11-29T09:00:00.000Z',
          requestedBy: 'ada@example.com',
          approvedBy: [{ actorId: 'u2', actorEmail: 'bob@example.com', at: '2026-11-29T08:59:00.000Z' }],
          reason: 'Ticket CRM-1: signed in Dev',
          productionFingerprint: 'ab'.repeat(32),
        },
      ],
    });
    await fixture.whenStable();
    const shown = el().querySelector('[data-testid="provenance-write"]')?.textContent ?? '';
    expect(shown).toContain('sync s1');
    expect(shown).toContain('ada@example.com');
    expect(shown).toContain('bob@example.com');
    expect(shown).toContain('Ticket CRM-1: signed in Dev');
  });

  it('asks for no provenance of a record Production does not have', async () => {
    http
      .expectOne((r) => r.url === '/api/dev/comparisons/cmp/records/customers/c1')
      .flush({ ...detail, state: 'missingInProduction', changedSinceComparison: false });
    await fixture.whenStable();
    http.expectNone((r) => r.url === '/api/audit/provenance');
    expect(el().querySelector('[data-testid="provenance"]')).toBeNull();
  });
});
