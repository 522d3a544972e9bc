import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthUser, StoredSync } from '@vantix/contracts';
import { PendingSyncCard } from './pending-sync-card';

const pending: StoredSync = {
  id: 'sync-1',
  comparisonId: 'cmp-1',
  requestedAt: '2026-11-30T10:00:00.000Z',
  finishedAt: null,
  requestedBy: 'ada@vantix.test',
  reason: 'Ticket CRM-7: the spring customers',
  status: 'pending_approval',
  summary: null,
  expiresAt: '2026-12-01T10:00:00.000Z',
  plan: {
    tables: [{ table: 'customers', selected: ['c1', 'c2'], addedParents: [] }],
    total: 2,
    adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true },
    generatedColumns: [],
    sequences: [],
    droppedColumns: [],
  },
  results: [],
  recheckComparisonId: null,
  error: null,
  approvals: [],
  decision: null,
};

function user(email: string, mayWriteToProduction = true): AuthUser {
  return { id: email, email, name: email, role: 'admin', mayWriteToProduction };
}

describe(PendingSyncCard.name, () => {
  let fixture: ComponentFixture<PendingSyncCard>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const button = (id: string) => el().querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);

  async function render(me: AuthUser): Promise<void> {
    await TestBed.configureTestingModule({
      imports: [PendingSyncCard],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PendingSyncCard);
    fixture.componentRef.setInput('sync', pending);
    fixture.componentRef.setInput('me', me);
    await fixture.whenStable();
    // The records are named through the summaries endpoint, table and id only.
    const names = http.expectOne('/api/dev/record-summaries');
    expect(names.request.body).toEqual({
      records: [
        { table: 'customers', id: 'c1' },
        { table: 'customers', id: 'c2' },
      ],
    });
    names.flush({
      records: [
        { table: 'customers', id: 'c1', summary: 'Acme Ltd' },
        { table: 'customers', id: 'c2', summary: null },
      ],
    });
    await fixture.whenStable();
  }

  it('shows another admin the reason, the records by name, and Approve / Reject', async () => {
    await render(user('bob@vantix.test'));
    expect(el().querySelector('[data-testid="pending-reason"]')?.textContent).toContain('Ticket CRM-7');
    const records = el().querySelector('[data-testid="pending-records"]')?.textContent ?? '';
    expect(records).toContain('Acme Ltd');
    expect(records).toContain('c2'); // no name known: the id
    expect(button('approve-sync')?.disabled).toBe(false);
    expect(button('cancel-sync')).toBeNull();

    button('approve-sync')?.click();
    const approve = http.expectOne('/api/dev/syncs/sync-1/approve');
    expect(approve.request.method).toBe('POST');
    let done = '';
    fixture.componentInstance.done.subscribe((message) => (done = message));
    approve.flush({ id: 'sync-1', status: 'committed', summary: { inserted: 2, skipped: 0, failed: 0 } });
    expect(done).toMatch(/Approved sync sync-1: 2 inserted/);
  });

  it('asks for a reason of 10+ characters before a rejection is sent', async () => {
    await render(user('bob@vantix.test'));
    button('reject-sync')?.click();
    await fixture.whenStable();
    const reason = el().querySelector<HTMLTextAreaElement>('[data-testid="reject-reason"]');
    expect(button('confirm-reject')?.disabled).toBe(true);
    if (reason) {
      reason.value = 'too short';
      reason.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    expect(button('confirm-reject')?.disabled).toBe(true);
    if (reason) {
      reason.value = 'Not during the freeze';
      reason.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    button('confirm-reject')?.click();
    const reject = http.expectOne('/api/dev/syncs/sync-1/reject');
    expect(reject.request.body).toEqual({ reason: 'Not during the freeze' });
  });

  it('offers the requester Cancel only, and shows an API refusal', async () => {
    await render(user('ADA@vantix.test'));
    expect(button('approve-sync')).toBeNull();
    button('cancel-sync')?.click();
    http
      .expectOne('/api/dev/syncs/sync-1/cancel')
      .flush(
        { statusCode: 409, message: 'sync sync-1 cannot be cancelled: the request expired' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="pending-error"]')?.textContent).toContain('the request expired');
  });

  it('keeps Approve disabled for an admin who may not write to Production', async () => {
    await render(user('carl@vantix.test', false));
    expect(button('approve-sync')?.disabled).toBe(true);
    expect(el().textContent).toContain('Only an admin of Production may approve or reject.');
  });
});
