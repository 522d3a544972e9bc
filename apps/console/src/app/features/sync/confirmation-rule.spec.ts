import { TYPED_CONFIRMATION_THRESHOLD, canConfirm, requiresTypedConfirmation } from './confirmation-rule';

describe('confirmation rule', () => {
  it('asks for the typed database name above 100 records only', () => {
    expect(TYPED_CONFIRMATION_THRESHOLD).toBe(100);
    expect(requiresTypedConfirmation(1)).toBe(false);
    expect(requiresTypedConfirmation(100)).toBe(false);
    expect(requiresTypedConfirmation(101)).toBe(true);
    expect(requiresTypedConfirmation(5000)).toBe(true);
  });

  it('lets up to 100 records be confirmed without typing', () => {
    expect(canConfirm(3, 'crm_prod', '')).toBe(true);
    expect(canConfirm(100, 'crm_prod', '')).toBe(true);
  });

  it('never confirms an empty plan', () => {
    expect(canConfirm(0, 'crm_prod', 'crm_prod')).toBe(false);
  });

  it('wants the host with the database: a name Dev shares is not enough', () => {
    const prod = 'prod.db.internal:5432/postgres';
    expect(canConfirm(101, prod, 'postgres')).toBe(false);
    expect(canConfirm(101, prod, 'dev.db.internal:5432/postgres')).toBe(false);
    expect(canConfirm(101, prod, prod)).toBe(true);
  });

  it('needs the exact Production target for more than 100 records', () => {
    expect(canConfirm(101, 'crm_prod', '')).toBe(false);
    expect(canConfirm(101, 'crm_prod', 'crm_pro')).toBe(false);
    expect(canConfirm(101, 'crm_prod', 'CRM_PROD')).toBe(false);
    expect(canConfirm(101, 'crm_prod', 'crm_dev')).toBe(false);
    expect(canConfirm(101, 'crm_prod', 'crm_prod')).toBe(true);
    expect(canConfirm(101, 'crm_prod', '  crm_prod ')).toBe(true);
  });

  it('cannot be satisfied while the Production database name is unknown', () => {
    expect(canConfirm(500, '', '')).toBe(false);
  });

  it('always wants the target typed when an admin account comes along, however small the sync', () => {
    const prod = 'prod.db.internal:5432/crm';
    expect(requiresTypedConfirmation(1, 1)).toBe(true);
    expect(requiresTypedConfirmation(1, 0)).toBe(false);
    expect(canConfirm(1, prod, '', 1)).toBe(false);
    expect(canConfirm(1, prod, 'crm', 1)).toBe(false);
    expect(canConfirm(1, prod, prod, 1)).toBe(true);
    expect(canConfirm(1, prod, '', 0)).toBe(true);
  });
});
