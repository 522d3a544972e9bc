import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { ProvenanceSearch } from './provenance-search';

describe(ProvenanceSearch.name, () => {
  let fixture: ComponentFixture<ProvenanceSearch>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const submit = async () => {
    el().querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const typeId = async (id: string) => {
    const input = el().querySelector<HTMLInputElement>('[data-testid="provenance-id"]') as HTMLInputElement;
    input.value = id;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ProvenanceSearch],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProvenanceSearch);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('asks for nothing without an id, and says what is missing', async () => {
    await typeId('   ');
    await submit();
    http.expectNone('/api/audit/provenance');
    expect(el().textContent).toContain("Enter the record's id.");
  });

  it('looks the record up and says when Vantix Sync never wrote it', async () => {
    await typeId(' c-42 ');
    await submit();
    const request = http.expectOne((r) => r.url === '/api/audit/provenance');
    expect([request.request.params.get('table'), request.request.params.get('id')]).toEqual(['customers', 'c-42']);
    request.flush({ table: 'customers', id: 'c-42', written: false, writes: [] });
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="provenance-never"]')?.textContent).toContain(
      'Vantix Sync never wrote this record',
    );
  });
});
