import { NOT_ADMIN_MESSAGE, loginErrorMessage } from './login-page';

describe('loginErrorMessage', () => {
  it('says the same for a wrong e-mail and a wrong password', () => {
    expect(loginErrorMessage(401, 'invalid e-mail or password')).toBe('Wrong e-mail or password.');
  });

  it('names a non-admin account', () => {
    expect(loginErrorMessage(403, 'forbidden')).toBe(NOT_ADMIN_MESSAGE);
  });

  it("keeps the API's words for the rate limit", () => {
    expect(loginErrorMessage(429, 'too many login attempts for this e-mail; try again in 42 seconds')).toBe(
      'Too many login attempts for this e-mail; try again in 42 seconds.',
    );
    expect(loginErrorMessage(429, 'slow down')).toBe('Too many login attempts: slow down');
  });

  it('passes other failures through', () => {
    expect(loginErrorMessage(503, 'the audit store is unavailable')).toBe('The audit store is unavailable.');
  });
});
