import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { STORED_SYNC_STATUSES, SyncListItem } from '@vantix/contracts';
import { HistoryPage, describeCounts, statusTone } from './history-page';

const item = (id: string, extra: Partial<SyncListItem> = {}): SyncListItem => ({
  id,
  comparisonId: 'cmp',
  requestedAt: '2026-11-30T10:00:00.000Z',
  finishedAt: '2026-11-30T10:00:02.000Z',
  requestedBy: 'admin@example.test',
  reason: 'Recover the notes lost in the outage',
  status: 'committed',
  summary: { inserted: 3, skipped: 1, failed: 0 },
  expiresAt: null,
  ...extra,
});

describe(HistoryPage.name, () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HistoryPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideNoopAnimations()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists stored syncs newest first, each a link to its page; older ones by cursor; refreshes link to theirs', () => {
    const fixture = TestBed.createComponent(HistoryPage);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;

    const first = http.expectOne((r) => r.url === '/api/dev/syncs');
    expect(first.request.params.get('limit')).toBe('25');
    expect(first.request.params.has('status')).toBe(false);
    first.flush({ items: [item('s1'), item('s2', { status: 'pending_approval', summary: null })], nextCursor: 'c1' });
    fixture.detectChanges();
    const links = () => Array.from(el.querySelectorAll<HTMLAnchorElement>('a[data-history-id]'));
    expect(links().map((a) => a.getAttribute('href'))).toEqual(['/syncs/s1', '/syncs/s2']);
    expect(el.textContent).toContain('3 inserted · 1 skipped · 0 failed');
    expect(el.textContent).toContain('waiting for a second admin');

    (
      Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Load older')) as HTMLElement
    ).click();
    const older = http.expectOne((r) => r.url === '/api/dev/syncs');
    expect(older.request.params.get('cursor')).toBe('c1');
    older.flush({ items: [item('s3')], nextCursor: null });
    fixture.detectChanges();
    expect(links()).toHaveLength(3);

    const page = fixture.componentInstance as unknown as { filters: HistoryPage['filters']; search(): void };
    page.filters.setValue({ direction: 'to_development', status: 'rolled_back' });
    page.search();
    const refreshes = http.expectOne((r) => r.url === '/api/dev/refreshes');
    expect(refreshes.request.params.get('status')).toBe('rolled_back');
    expect(refreshes.request.params.has('cursor')).toBe(false);
    refreshes.flush({ items: [item('r1', { status: 'rolled_back' })], nextCursor: null });
    fixture.detectChanges();
    expect(links().map((a) => a.getAttribute('href'))).toEqual(['/refreshes/r1']);
  });

  it('says why an answer failed, and what an empty filter means', () => {
    const fixture = TestBed.createComponent(HistoryPage);
    fixture.detectChanges();
    http
      .expectOne((r) => r.url === '/api/dev/syncs')
      .flush({ message: 'audit store unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('The history could not be loaded');
    expect(el.textContent).toContain('Nothing stored yet with this filter.');
  });

  it('counts', () => {
    expect(describeCounts(item('x', { status: 'rejected', summary: null }))).toBe('no records written');
  });

  it('colours every stored status: written green, refused or failed red, open blue, ended without writing grey', () => {
    expect(STORED_SYNC_STATUSES.map((status) => [status, statusTone(status)])).toEqual([
      ['running', 'info'],
      ['committed', 'ok'],
      ['rolled_back', 'bad'],
      ['nothing_to_do', 'neutral'],
      ['failed', 'bad'],
      ['pending_approval', 'info'],
      ['rejected', 'bad'],
      ['cancelled', 'neutral'],
      ['expired', 'neutral'],
    ]);
  });
});
