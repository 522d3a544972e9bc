import { createTestDatabase, createTestRole, TestDatabase, TestRole, trustEnv } from '@vantix/testing';

/**
 * main.ts itself, run in this process with its environment: a configuration
 * the safety checks refuse, or an audit store the start cannot migrate, must
 * stop the start with exit code 1 and one line that says why — without a
 * password, and without a server that would answer every login with 503.
 */
describe('start-up refusal (main.ts)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  async function start(env: Record<string, string>): Promise<{ code: number; message: string }> {
    const given: Record<string, string | undefined> = {
      // Only what the test gives: the runner's own APP_ENV or NODE_ENV must not decide the outcome.
      PATH: saved['PATH'],
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
      ...trustEnv(),
      APP_ENV: 'production',
      ...env,
    };
    // An empty value stands for "not set".
    process.env = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== ''));
    const errors: string[] = [];
    jest
      .spyOn(console, 'error')
      .mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const exited = new Promise<number>((resolve) => {
      jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
        resolve(code ?? 0);
        return undefined as never;
      }) as typeof process.exit);
    });
    jest.isolateModules(() => {
      require('./main');
    });
    const code = await exited;
    return { code, message: errors.join('\n') };
  }

  it('refuses a remote database URL without sslmode, naming the variable', async () => {
    const { code, message } = await start({
      DATABASE_URL_DEV: 'postgres://sync@127.0.0.1:5432/crm_dev',
      DATABASE_URL_PROD: 'postgres://sync:Prod-Pw@crm-prod.example.com:5432/crm',
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
    });
    expect(code).toBe(1);
    expect(message).toBe(
      'Vantix Sync did not start: Invalid configuration: DATABASE_URL_PROD reaches crm-prod.example.com:5432/crm, which is not on this machine, with no sslmode: add sslmode=verify-full (or require, verify-ca) so the connection is encrypted',
    );
  });

  it.each([
    ['sslmode=require&sslmode=disable', 'gives the parameter "sslmode" more than once'],
    ['host=crm-prod.example.com&host=127.0.0.1', 'gives the parameter "host" more than once'],
    ['uselibpqcompat=true', 'sets uselibpqcompat'],
  ])('refuses a Prod URL with %s, naming the variable', async (query, reason) => {
    const { code, message } = await start({
      DATABASE_URL_DEV: 'postgres://sync@127.0.0.1:5432/crm_dev',
      DATABASE_URL_PROD: `postgres://sync:Prod-Pw@127.0.0.1:5432/crm?${query}`,
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
    });
    expect(code).toBe(1);
    expect(message).toMatch(
      new RegExp(`^Vantix Sync did not start: Invalid configuration: DATABASE_URL_PROD ${reason}`),
    );
    expect(message).not.toContain('Prod-Pw');
  });

  it('refuses to start without APP_ENV once databases are configured', async () => {
    const { code, message } = await start({
      APP_ENV: '',
      DATABASE_URL_DEV: 'postgres://sync@127.0.0.1:5432/crm_dev',
      DATABASE_URL_PROD: 'postgres://sync@127.0.0.1:5432/crm_prod',
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
    });
    expect(code).toBe(1);
    expect(message).toBe(
      'Vantix Sync did not start: Invalid configuration: APP_ENV is required when a database is configured: set it to production (no /api/dev routes) or development',
    );
  });

  it.each<Record<string, string>>([{ APP_ENV: 'production' }, { APP_ENV: '', NODE_ENV: 'production' }])(
    'refuses to start the embedded demo under %j, printing no password',
    async (env) => {
      const { code, message } = await start(env);
      expect(code).toBe(1);
      expect(message).toMatch(
        /^Vantix Sync did not start: Invalid configuration: (APP_ENV|NODE_ENV)=production but no database is configured/,
      );
      expect(message.split('\n')).toHaveLength(1);
    },
  );

  it('refuses a JWT secret shorter than 32 characters', async () => {
    const { code, message } = await start({
      DATABASE_URL_DEV: 'postgres://sync@127.0.0.1:5432/crm_dev',
      DATABASE_URL_PROD: 'postgres://sync@127.0.0.1:5432/crm_prod',
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
      JWT_SECRET: 'too-short',
    });
    expect(code).toBe(1);
    expect(message).toBe(
      'Vantix Sync did not start: Invalid configuration: JWT_SECRET must be at least 32 characters long',
    );
  });

  describe('with an audit store its role may not migrate', () => {
    let dev: TestDatabase;
    let prod: TestDatabase;
    let audit: TestDatabase;
    let role: TestRole;
    beforeAll(async () => {
      [dev, prod, audit] = await Promise.all([
        createTestDatabase('refusal_dev', 'crm'),
        createTestDatabase('refusal_prod', 'crm'),
        createTestDatabase('refusal_audit', 'none'),
      ]);
      role = await createTestRole('refusal_app');
    });
    afterAll(async () => {
      await Promise.all([dev?.drop(), prod?.drop(), audit?.drop()]);
      await role?.drop();
    });

    it('refuses in one line naming the command the owner runs, password redacted', async () => {
      const { code, message } = await start({
        DATABASE_URL_DEV: dev.url,
        DATABASE_URL_PROD: prod.url,
        AUDIT_DATABASE_URL: role.urlFor(audit.url, 'Audit-App-Pw'),
      });
      expect(code).toBe(1);
      expect(message.split('\n')).toHaveLength(1);
      const store = `${new URL(audit.url).host}/${audit.name}`;
      expect(message).toMatch(
        new RegExp(
          `^Vantix Sync did not start: the audit store ${store} has \\d+ migration\\(s\\) to apply and the role "${role.name}" may not \\(permission denied for schema public\\): ` +
            `run npm run migrate -- audit "postgres://${role.name}:\\*\\*\\*@${store}" as the database owner`,
        ),
      );
      expect(message).not.toContain('Audit-App-Pw');
    });
  });
});
