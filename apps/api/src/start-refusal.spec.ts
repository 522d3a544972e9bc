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
    process.env = {
      ...saved,
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
      ...trustEnv(),
      ...env,
    };
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

  it('refuses Dev and Prod URLs that name the same database', async () => {
    const { code, message } = await start({
      DATABASE_URL_DEV: 'postgres://sync:Dev-Pw@localhost:5432/crm',
      DATABASE_URL_PROD: 'postgresql://sync:Prod-Pw@127.0.0.1/crm?application_name=prod',
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
    });
    expect(code).toBe(1);
    expect(message).toBe(
      'Vantix Sync did not start: DATABASE_URL_DEV and DATABASE_URL_PROD point at the same database (127.0.0.1:5432/crm): Production would be compared with itself',
    );
    expect(message).not.toMatch(/Dev-Pw|Prod-Pw/);
  });

  it('refuses a remote database URL without sslmode', async () => {
    const { code, message } = await start({
      DATABASE_URL_DEV: 'postgres://sync@127.0.0.1:5432/crm_dev',
      DATABASE_URL_PROD: 'postgres://sync:Prod-Pw@crm-prod.example.com:5432/crm',
      AUDIT_DATABASE_URL: 'postgres://sync@127.0.0.1:5432/audit',
    });
    expect(code).toBe(1);
    expect(message).toBe(
      'Vantix Sync did not start: the production database crm-prod.example.com:5432/crm is not on this machine and its URL has no sslmode=require, verify-ca or verify-full',
    );
  });

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
