import { databaseNameOf, fromPublicHealth } from './health-store';

describe(fromPublicHealth.name, () => {
  it('shows each database up or down before login, with no host, version or environment to show', () => {
    const view = fromPublicHealth({
      status: 'degraded',
      databases: { development: { status: 'ok' }, production: { status: 'down' }, audit: { status: 'ok' } },
    });
    expect(view.status).toBe('degraded');
    expect(view.environment).toBe('');
    expect(view.databases.map(({ role, reachable, target }) => ({ role, reachable, target }))).toEqual([
      { role: 'development', reachable: true, target: '' },
      { role: 'production', reachable: false, target: '' },
      { role: 'audit', reachable: true, target: '' },
    ]);
    expect(databaseNameOf(view.databases[1].target)).toBe('');
  });
});
