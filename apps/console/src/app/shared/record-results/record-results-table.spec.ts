import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { RecordSyncResult } from '@vantix/contracts';
import { RecordResultsTable, describeResult } from './record-results-table';

const result = (i: number, extra: Partial<RecordSyncResult> = {}): RecordSyncResult => ({
  table: 'customers',
  id: `c${i}`,
  status: 'inserted',
  reason: null,
  ...extra,
});

describe(RecordResultsTable.name, () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RecordResultsTable],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('names each record of the page in view, the id beside it, and asks for the next page when it is opened', async () => {
    const fixture = TestBed.createComponent(RecordResultsTable);
    const results = Array.from({ length: 12 }, (_, i) => result(i));
    fixture.componentRef.setInput('results', results);
    fixture.componentRef.setInput('testId', 'records');
    fixture.componentRef.setInput('pageSize', 10);
    fixture.componentRef.setInput('knownNames', new Map([['customers:c1', 'Known from the panel']]));
    fixture.detectChanges();

    const first = http.expectOne('/api/dev/record-summaries');
    expect(first.request.body.records).toHaveLength(10);
    first.flush({ records: [{ table: 'customers', id: 'c0', summary: 'Ada Lovelace' }] });
    fixture.detectChanges();

    const cells = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-record-id]'));
    expect(cells).toHaveLength(10);
    expect(cells[0].textContent).toContain('Ada Lovelace');
    expect(cells[0].textContent).toContain('c0');
    expect(cells[1].textContent).toContain('Known from the panel');
    expect(cells[2].textContent).toContain('unnamed record');

    // The data source tells the paginator its length a tick later.
    await fixture.whenStable();
    fixture.detectChanges();
    const next = fixture.nativeElement.querySelector('button[aria-label="Next page"]') as HTMLButtonElement;
    next.click();
    fixture.detectChanges();
    const second = http.expectOne('/api/dev/record-summaries');
    expect(second.request.body.records).toEqual([
      { table: 'customers', id: 'c10' },
      { table: 'customers', id: 'c11' },
    ]);
    second.flush({ records: [] });
  });

  it('says which columns changed for a record changed since review', () => {
    expect(
      describeResult(result(1, { status: 'skipped', reason: 'changed since review', columns: ['name', 'email'] })),
    ).toBe('changed since review: name, email');
    expect(describeResult(result(2, { status: 'skipped', reason: 'already in production' }))).toBe(
      'already in production',
    );
    expect(describeResult(result(3))).toBe('');
  });
});
