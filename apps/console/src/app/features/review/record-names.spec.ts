import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RecordNames } from './record-names';

describe(RecordNames.name, () => {
  let names: RecordNames;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    names = TestBed.inject(RecordNames);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks only for unknown records, by table and id alone (the API refuses other fields)', () => {
    names.remember([['customers:c1', 'Known Customer']]);
    let done = false;
    names
      .resolve([
        { table: 'customers', id: 'c1' },
        // A per-record result and a plan entry, as the sync pages pass them.
        { table: 'customer_notes', id: 'n1', status: 'inserted', reason: null } as never,
        { table: 'customers', id: 'c2', parent: true } as never,
        { table: 'customers', id: 'c2' },
      ])
      .subscribe(() => (done = true));
    const request = http.expectOne('/api/dev/record-summaries');
    expect(request.request.body).toEqual({
      records: [
        { table: 'customer_notes', id: 'n1' },
        { table: 'customers', id: 'c2' },
      ],
    });
    request.flush({
      records: [
        { table: 'customer_notes', id: 'n1', summary: 'Renewal call' },
        { table: 'customers', id: 'c2', summary: null },
      ],
    });
    expect(done).toBe(true);
    expect(names.name('customer_notes', 'n1')).toBe('Renewal call');
    expect(names.name('customers', 'c2')).toBeUndefined();
    expect(names.name('customers', 'c1')).toBe('Known Customer');
  });
});
