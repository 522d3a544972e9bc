import { databaseErrorFields, describeDatabaseError } from './database-error';

function pgError(fields: Record<string, string>, message = 'refused'): Error {
  return Object.assign(new Error(message), fields);
}

describe(describeDatabaseError.name, () => {
  it.each([
    ['23503', 'foreign key'],
    ['23505', 'unique'],
    ['23514', 'check'],
    ['23P01', 'exclusion'],
  ])('names a %s violation by its kind and constraint', (code, kind) => {
    const error = pgError({ code, constraint: 'the_constraint', detail: 'Key (email)=(secret@x.test) exists' });
    expect(describeDatabaseError(error)).toBe(`violates ${kind} constraint "the_constraint"`);
  });

  it('names the column of a not-null violation', () => {
    expect(describeDatabaseError(pgError({ code: '23502', column: 'body' }))).toBe(
      'violates not-null constraint on column "body"',
    );
  });

  it('cuts the quoted value off a data error and adds the SQLSTATE', () => {
    const error = pgError({ code: '22P02' }, 'invalid input syntax for type uuid: "my-secret-value"');
    expect(describeDatabaseError(error)).toBe('invalid input syntax for type uuid (SQLSTATE 22P02)');
  });

  it('never reads the detail, which may quote row values', () => {
    const error = pgError({ code: '23505', constraint: 'users_email_key', detail: 'Key (email)=(a@b.c)' });
    expect(describeDatabaseError(error)).not.toContain('a@b.c');
  });
});

describe(databaseErrorFields.name, () => {
  it('reads code, constraint, table and column by shape, null when absent', () => {
    expect(databaseErrorFields(pgError({ code: '23503', constraint: 'fk', table: 'notes' }))).toEqual({
      code: '23503',
      constraint: 'fk',
      table: 'notes',
      column: null,
    });
    expect(databaseErrorFields('not an error')).toEqual({ code: null, constraint: null, table: null, column: null });
  });
});
