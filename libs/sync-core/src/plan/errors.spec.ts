import { InvalidSelectionError } from './errors';

describe(InvalidSelectionError.name, () => {
  it('names each offender, and the allowed tables for an unknown one', () => {
    const error = new InvalidSelectionError(
      [
        { table: 'invoices', id: null, reason: 'unknown table' },
        { table: 'customers', id: '1 OR 1=1', reason: 'invalid id' },
      ],
      ['users', 'customers'],
    );
    expect(error.message).toBe(
      'Invalid selection: invoices (unknown table; a table must be one of users, customers), customers 1 OR 1=1 (invalid id)',
    );
    expect(error.name).toBe('InvalidSelectionError');
  });

  it('names at most ten offenders and counts the rest', () => {
    const invalid = Array.from({ length: 12 }, (_, i) => ({
      table: 'customers',
      id: String(i),
      reason: 'not in development' as const,
    }));
    expect(new InvalidSelectionError(invalid).message).toMatch(/customers 9 \(not in development\) and 2 more$/);
  });
});
