import { ConfigError, loadConfig } from './app-config';

describe('SYNC_APPROVALS and SYNC_APPROVAL_TTL_HOURS', () => {
  it('lets an admin sync alone, with a day to approve, by default', () => {
    expect(loadConfig({}).approvals).toEqual({ required: 1, ttlHours: 24 });
  });

  it('reads two-person approval and its time to live', () => {
    expect(loadConfig({ SYNC_APPROVALS: '2', SYNC_APPROVAL_TTL_HOURS: '4' }).approvals).toEqual({
      required: 2,
      ttlHours: 4,
    });
  });

  it.each([
    [{ SYNC_APPROVALS: '3' }, /^Invalid configuration: SYNC_APPROVALS must be 1 .* or 2 /],
    [{ SYNC_APPROVALS: 'two' }, /SYNC_APPROVALS must be 1/],
    [{ SYNC_APPROVAL_TTL_HOURS: '0' }, /SYNC_APPROVAL_TTL_HOURS must be a whole number of hours from 1 to 720/],
    [{ SYNC_APPROVAL_TTL_HOURS: '721' }, /SYNC_APPROVAL_TTL_HOURS must be/],
    [{ SYNC_APPROVAL_TTL_HOURS: '1.5' }, /SYNC_APPROVAL_TTL_HOURS must be/],
    [{ SYNC_APPROVAL_TTL_HOURS: 'a day' }, /SYNC_APPROVAL_TTL_HOURS must be/],
  ])('refuses %j at start with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
