import { HealthResponse } from '@vantix/contracts';
import { printBanner } from '../app/runtime/banner';
import { startTestApi, TestApi } from '../testing';

// The Production role's privileges, surfaced where an operator looks: the
// health endpoint and the start banner. (That a role with only SELECT and
// INSERT can sync is tested in libs/sync-core/src/privileges.)
describe('hardening: least privilege of the Production role', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ skipLogin: true });
  });
  afterAll(() => api?.close());

  it('GET /api/health/details lists the privileges on the four CRM tables and warns about a superuser that could UPDATE, DELETE and TRUNCATE, or rewrite the audit log', async () => {
    const token = await api.login(api.users.admin.email, api.users.admin.password);
    const response = await api.http.get('/api/health/details').set(api.bearer(token)).expect(200);
    const health = response.body as HealthResponse;
    expect(health.productionPrivileges).toEqual(
      ['users', 'customers', 'customer_notes', 'customer_files'].map((table) => ({
        table,
        select: true,
        insert: true,
        update: true,
        delete: true,
        truncate: true,
      })),
    );
    // The test databases are reached as the superuser postgres: exactly what the warnings are for.
    expect(health.warnings).toEqual([
      expect.stringMatching(/"postgres" is a superuser/),
      expect.stringMatching(
        /holds UPDATE, DELETE, TRUNCATE on users, customers, customer_notes, customer_files, which Vantix Sync never needs/,
      ),
      // The same superuser runs the audit store: it could disable the audit log's triggers.
      expect.stringMatching(
        /the audit store role "postgres" is a superuser: it could disable the audit log's triggers/,
      ),
    ]);
  });

  it('prints the warnings in the start banner, outside the demo', () => {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    try {
      printBanner(api.runtime, ['the Production role "crm" holds DELETE on customers, which Vantix Sync never needs']);
      printBanner(
        {
          ...api.runtime,
          demo: {
            dataDir: '/tmp/demo',
            credentials: {
              admin: { email: 'a', password: 'b' },
              approver: { email: 'e', password: 'f' },
              agent: { email: 'c', password: 'd' },
              jwtSecret: 'x'.repeat(32),
              auditHmacKey: 'k'.repeat(32),
            },
          },
        },
        ['superuser'],
      );
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toContain('  WARNING:      the Production role "crm" holds DELETE on customers');
    expect(printed[1]).not.toContain('WARNING');
    // The demo's second admin, so two-person approval can be tried with two browsers.
    expect(printed[1]).toContain('  Demo approver: e / f (a second admin, for SYNC_APPROVALS=2)');
  });
});
