import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { RefreshPlan } from '@vantix/contracts';
import { ConfirmRefreshData, ConfirmRefreshDialog } from './confirm-refresh-dialog';

const plan: RefreshPlan = {
  total: 3,
  tables: [
    { table: 'users', selected: [], addedParents: ['u1'] },
    { table: 'customers', selected: ['c1', 'c2'], addedParents: [] },
  ],
  adminAccounts: { count: 1, ids: ['u1'], passwordHashesIncluded: false },
  generatedColumns: [],
  sequences: [],
  droppedColumns: [],
  developmentDatabase: '127.0.0.1:5432/crm_dev',
  dataRules: [
    { table: 'users', columns: [{ column: 'password_hash', rule: 'unusable', source: 'default' }] },
    { table: 'customers', columns: [{ column: 'email', rule: 'mask-email', source: 'file' }] },
  ],
};

describe(ConfirmRefreshDialog.name, () => {
  let fixture: ComponentFixture<ConfirmRefreshDialog>;
  let close: jest.Mock;
  const el = () => fixture.nativeElement as HTMLElement;
  const text = (id: string) => el().querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
  const confirm = () => el().querySelector<HTMLButtonElement>('[data-testid="confirm-refresh"]') as HTMLButtonElement;

  beforeEach(() => {
    close = jest.fn();
    const data: ConfirmRefreshData = {
      plan,
      names: new Map([
        ['customers:c1', 'Carol Refresh'],
        ['users:u1', 'Pat Prod'],
      ]),
    };
    TestBed.configureTestingModule({
      imports: [ConfirmRefreshDialog],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    fixture = TestBed.createComponent(ConfirmRefreshDialog);
    fixture.detectChanges();
  });

  it('names the Development database, the records (by name where known, parents marked) and the rules', () => {
    expect(text('refresh-target')).toContain('127.0.0.1:5432/crm_dev');
    const records = text('refresh-records');
    expect(records).toMatch(/Carol Refresh/);
    expect(records).toMatch(/c2/);
    expect(records).toMatch(/Pat Prod\s*\(parent, added\)/);
    const rules = text('refresh-rules');
    expect(rules).toMatch(/users\.password_hash: unusable/);
    expect(rules).toMatch(/customers\.email: mask-email/);
  });

  it('confirms only with a reason of at least 10 characters, and returns it', () => {
    const reason = el().querySelector<HTMLTextAreaElement>('[data-testid="refresh-reason"]') as HTMLTextAreaElement;
    reason.value = 'too short';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(confirm().disabled).toBe(true);
    reason.value = '  Ticket CRM-7: reproduce  ';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(confirm().disabled).toBe(false);
    confirm().click();
    expect(close).toHaveBeenCalledWith({ reason: 'Ticket CRM-7: reproduce' });
  });
});
