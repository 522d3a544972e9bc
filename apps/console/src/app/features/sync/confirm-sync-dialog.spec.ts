import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ApiErrorBody, SyncResult } from '@vantix/contracts';
import { ConfirmSyncData, ConfirmSyncDialog, withoutRefused } from './confirm-sync-dialog';

function dryRun(
  total: number,
  parents: string[] = [],
  droppedColumns: SyncResult['plan']['droppedColumns'] = [],
): SyncResult {
  return {
    id: 'dry',
    status: 'dry_run',
    summary: { inserted: 0, skipped: 0, failed: 0 },
    results: [],
    plan: {
      total,
      adminAccounts: { count: 0, ids: [], passwordHashesIncluded: true },
      tables: [
        ...(parents.length ? [{ table: 'customers', selected: [], addedParents: parents }] : []),
        {
          table: 'customer_notes',
          selected: Array.from({ length: total - parents.length }, (_, i) => `n${i}`),
          addedParents: [],
        },
      ],
      generatedColumns: [],
      sequences: [],
      droppedColumns,
    },
    recheck: null,
  };
}

/** The plan's refusal of c7: Production's p9 already holds its e-mail (a unique-key conflict). */
const C7_TAKES_P9_EMAIL = {
  table: 'customers',
  id: 'c7',
  column: 'email',
  value: null,
  productionType: null,
  constraint: 'customers_email_key',
  conflictsWith: { table: 'customers', id: 'p9' },
  reason: 'production record p9 already has the same email (unique key "customers_email_key")',
};

describe(ConfirmSyncDialog.name, () => {
  let fixture: ComponentFixture<ConfirmSyncDialog>;
  let http: HttpTestingController;
  let close: jest.Mock;
  const data: ConfirmSyncData = {
    comparisonId: 'cmp-1',
    selections: [{ table: 'customer_notes', all: true }],
    selectedCount: 3,
    productionTarget: '127.0.0.1:5433/crm_prod',
    productionDatabase: 'crm_prod',
    summaries: new Map([['customers:c7', 'Quentin Parent — Quill & Co']]),
  };

  const el = () => fixture.nativeElement as HTMLElement;
  function find<T extends Element>(selector: string): T {
    const found = el().querySelector<T>(selector);
    if (!found) {
      throw new Error(`${selector} is not rendered`);
    }
    return found;
  }
  const confirmButton = () => find<HTMLButtonElement>('[data-testid="confirm-sync"]');
  const typedInput = () => el().querySelector<HTMLInputElement>('[data-testid="typed-database"]');
  const REASON = 'Ticket CRM-42: approved by sales';
  async function giveReason(text = REASON): Promise<void> {
    const field = el().querySelector<HTMLTextAreaElement>('[data-testid="sync-reason"]');
    if (!field) {
      throw new Error('no reason field');
    }
    field.value = text;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    close = jest.fn();
    await TestBed.configureTestingModule({
      imports: [ConfirmSyncDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConfirmSyncDialog);
    await fixture.whenStable();
  });

  afterEach(() => {
    answerNames();
    http.verify();
  });

  /** The dialog asks the API for names it does not know (the notes here); answer with none known. */
  function answerNames() {
    for (const request of http.match('/api/dev/record-summaries')) {
      const records = (request.request.body as { records: { table: string; id: string }[] }).records;
      request.flush({ records: records.map((r) => ({ ...r, summary: null })) });
    }
  }

  function answerPlan(body: SyncResult | ApiErrorBody, status = 200) {
    const request = http.expectOne('/api/dev/sync-to-production');
    const sent = request.request.body;
    if (status === 200) {
      request.flush(body);
    } else {
      request.flush(body, { status, statusText: 'Conflict' });
    }
    return sent;
  }

  it('plans with a dry run first and names the Production database', async () => {
    const sent = answerPlan(dryRun(3));
    await fixture.whenStable();
    expect(sent).toEqual({
      comparisonId: 'cmp-1',
      confirm: true,
      dryRun: true,
      includeParents: false,
      allowAdminAccounts: false,
      selections: data.selections,
    });
    expect(el().querySelector('[data-testid="prod-database"]')?.textContent).toContain('127.0.0.1:5433/crm_prod');
    expect(el().querySelector('[data-testid="plan-total"]')?.textContent).toContain('3');
  });

  it('confirms up to 100 records without typing the database, once a reason of 10+ characters is given', async () => {
    answerPlan(dryRun(100));
    await fixture.whenStable();
    expect(typedInput()).toBeNull();
    expect(confirmButton().disabled).toBe(true);
    await giveReason('too short');
    expect(confirmButton().disabled).toBe(true);
    confirmButton().click();
    expect(close).not.toHaveBeenCalled();
    await giveReason();
    expect(confirmButton().disabled).toBe(false);
    confirmButton().click();
    expect(close).toHaveBeenCalledWith({
      includeParents: false,
      acknowledgeDroppedColumns: [],
      reason: REASON,
      allowAdminAccounts: false,
      selections: data.selections,
    });
  });

  it('shows the Development-only columns whose values are not copied, and confirming acknowledges exactly them', async () => {
    const dropped = [{ table: 'customers', columns: ['nickname', 'loyalty_points'] }];
    answerPlan(dryRun(2, [], dropped));
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="plan-dropped-columns"]')?.textContent).toContain(
      'customers: nickname, loyalty_points',
    );
    await giveReason();
    confirmButton().click();
    expect(close).toHaveBeenCalledWith({
      includeParents: false,
      acknowledgeDroppedColumns: dropped,
      reason: REASON,
      allowAdminAccounts: false,
      selections: data.selections,
    });
  });

  it('names the records it will write, the first 20 and then "and N more"', async () => {
    answerPlan(dryRun(23, ['c7']));
    await fixture.whenStable();
    const items = el().querySelectorAll('[data-testid="plan-records"] li');
    expect(items).toHaveLength(20);
    expect(items[0].textContent).toContain('Quentin Parent — Quill & Co');
    expect(el().querySelector('[data-testid="plan-more"]')?.textContent).toContain('and 3 more');
  });

  it('for more than 100 records keeps Confirm disabled until the Production host and database are typed', async () => {
    answerPlan(dryRun(101));
    await fixture.whenStable();
    await giveReason();
    expect(confirmButton().disabled).toBe(true);

    const input = find<HTMLInputElement>('[data-testid="typed-database"]');
    for (const wrong of ['crm_dev', 'crm_prod']) {
      input.value = wrong;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
      expect(confirmButton().disabled).toBe(true);
      confirmButton().click();
      expect(close).not.toHaveBeenCalled();
    }

    input.value = '127.0.0.1:5433/crm_prod';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(confirmButton().disabled).toBe(false);
    confirmButton().click();
    expect(close).toHaveBeenCalledWith({
      includeParents: false,
      acknowledgeDroppedColumns: [],
      reason: REASON,
      allowAdminAccounts: false,
      selections: data.selections,
    });
  });

  it('shows the refusal for missing parents and re-plans with includeParents', async () => {
    answerPlan(
      {
        statusCode: 409,
        error: 'Conflict',
        message: '1 selected record needs a parent that is not in production',
        details: {
          missingParents: [{ table: 'customers', id: 'c7', neededBy: [{ table: 'customer_notes', id: 'n1' }] }],
        },
      },
      409,
    );
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="missing-parents"]')?.textContent).toContain('c7');
    expect(confirmButton().disabled).toBe(true);

    find<HTMLButtonElement>('[data-testid="include-parents"]').click();
    const sent = answerPlan(dryRun(3, ['c7']));
    await fixture.whenStable();
    expect(sent.includeParents).toBe(true);
    expect(el().querySelector('[data-testid="plan-parents"]')?.textContent).toContain(
      'Quentin Parent — Quill & Co (c7)',
    );
    await giveReason();
    confirmButton().click();
    expect(close).toHaveBeenCalledWith({
      includeParents: true,
      acknowledgeDroppedColumns: [],
      reason: REASON,
      allowAdminAccounts: false,
      selections: data.selections,
    });
  });

  it('names the sequences the sync will advance and the columns Production computes itself', async () => {
    const plan = dryRun(3);
    plan.plan.sequences = [
      { table: 'customer_notes', column: 'seq_no', sequence: 'public.customer_notes_seq_no_seq', largestValue: '4711' },
    ];
    plan.plan.generatedColumns = [{ table: 'customers', columns: ['search_text'] }];
    answerPlan(plan);
    await fixture.whenStable();
    const sequences = find('[data-testid="plan-sequences"]').textContent ?? '';
    expect(sequences).toContain('public.customer_notes_seq_no_seq');
    expect(sequences).toContain('customer_notes.seq_no');
    expect(sequences).toContain('4711');
    expect(find('[data-testid="plan-generated-columns"]').textContent).toContain('customers (search_text)');
  });

  it('names the admin accounts the API refused, re-plans with allowAdminAccounts, then wants the target typed', async () => {
    answerPlan(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid selection: users u1 (an admin account: …)',
        details: {
          invalid: [
            {
              table: 'users',
              id: 'u1',
              reason:
                'an admin account: it would be copied with its password hash and be an admin of Production; set allowAdminAccounts to copy it',
            },
          ],
        },
      },
      400,
    );
    await fixture.whenStable();
    expect(find('[data-testid="admin-accounts"]').textContent).toMatch(/1 admin account\(s\) selected.*password hash/s);
    expect(find('[data-testid="admin-accounts"]').textContent).toContain('u1');
    expect(confirmButton().disabled).toBe(true);

    find<HTMLButtonElement>('[data-testid="allow-admin-accounts"]').click();
    const plan = dryRun(1);
    plan.plan.tables = [{ table: 'users', selected: ['u1'], addedParents: [] }];
    plan.plan.adminAccounts = { count: 1, ids: ['u1'], passwordHashesIncluded: true };
    const sent = answerPlan(plan);
    await fixture.whenStable();
    expect(sent.allowAdminAccounts).toBe(true);
    expect(find('[data-testid="plan-admin-accounts"]').textContent).toMatch(/1 admin account\(s\).*password hashes/s);
    await giveReason();
    // One record, but an admin account: the Production target must be typed.
    expect(confirmButton().disabled).toBe(true);
    const input = find<HTMLInputElement>('[data-testid="typed-database"]');
    input.value = '127.0.0.1:5433/crm_prod';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    confirmButton().click();
    expect(close).toHaveBeenCalledWith({
      includeParents: false,
      acknowledgeDroppedColumns: [],
      reason: REASON,
      allowAdminAccounts: true,
      selections: data.selections,
    });
  });

  it('a selection that also fails on another ground is an error, not an admin-account choice', async () => {
    answerPlan(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid selection: customers x (invalid id), users u1 (an admin account: …)',
        details: {
          invalid: [
            { table: 'customers', id: 'x', reason: 'invalid id' },
            { table: 'users', id: 'u1', reason: 'an admin account: …' },
          ],
        },
      },
      400,
    );
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="admin-accounts"]')).toBeNull();
    expect(el().textContent).toContain('Invalid selection: customers x (invalid id)');
  });

  it('lists the unique-key conflicts by name, names the Production record holding the key, and cannot confirm', async () => {
    answerPlan(
      {
        statusCode: 400,
        error: 'Bad Request',
        message:
          '1 record(s) cannot be synced as they are: customers c7: production record p9 already has the same email',
        details: {
          refused: [C7_TAKES_P9_EMAIL],
        },
      },
      400,
    );
    await fixture.whenStable();
    const refused = find('[data-testid="refused-records"]').textContent ?? '';
    expect(refused).toContain('Quentin Parent — Quill & Co (c7)');
    expect(refused).toContain('Production already has unnamed customers record (p9) with the same email');
    expect(refused).toContain('customers_email_key');
    expect(el().querySelector('[data-testid="sync-reason"]')).toBeNull();
    expect(confirmButton().disabled).toBe(true);
  });

  it('leaves refused records out of an id selection, never out of "all" or a parent brought along', () => {
    answerPlan(dryRun(3));
    const ids = [
      { table: 'users', ids: ['u1', 'u2'] },
      { table: 'customers', ids: ['c1'] },
    ];
    expect(withoutRefused(ids, [{ table: 'users', id: 'u2' }])).toEqual([
      { table: 'users', ids: ['u1'] },
      { table: 'customers', ids: ['c1'] },
    ]);
    expect(withoutRefused(ids, [{ table: 'customers', id: 'c1' }])).toEqual([{ table: 'users', ids: ['u1', 'u2'] }]);
    expect(withoutRefused(ids, [{ table: 'customers', id: 'c9' }])).toBeNull();
    expect(withoutRefused([{ table: 'users', all: true }], [{ table: 'users', id: 'u1' }])).toBeNull();
  });

  it('"Leave these out" plans again without the refused records, names them, and confirms the narrowed selection', async () => {
    // The first fixture planned the default selection; this one is made for a selection by ids.
    answerPlan(dryRun(3));
    const original = data.selections;
    data.selections = [{ table: 'customers', ids: ['c7', 'c8'] }];
    try {
      fixture = TestBed.createComponent(ConfirmSyncDialog);
      await fixture.whenStable();
      answerPlan(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: '1 record(s) cannot be synced as they are',
          details: {
            refused: [C7_TAKES_P9_EMAIL],
          },
        },
        400,
      );
      await fixture.whenStable();
      find<HTMLButtonElement>('[data-testid="leave-out-refused"]').click();
      const plan = dryRun(1);
      plan.plan.tables = [{ table: 'customers', selected: ['c8'], addedParents: [] }];
      const sent = answerPlan(plan);
      await fixture.whenStable();
      expect(sent.selections).toEqual([{ table: 'customers', ids: ['c8'] }]);
      expect(find('[data-testid="plan-left-out"]').textContent).toContain('Quentin Parent — Quill & Co (c7)');
      await giveReason();
      confirmButton().click();
      expect(close).toHaveBeenCalledWith(
        expect.objectContaining({ selections: [{ table: 'customers', ids: ['c8'] }] }),
      );
    } finally {
      data.selections = original;
    }
  });

  it('marks Cancel as the initially focused button', () => {
    answerPlan(dryRun(3));
    const cancel = el().querySelector('[data-testid="cancel-sync"]');
    expect(cancel?.hasAttribute('cdkFocusInitial')).toBe(true);
  });
});
