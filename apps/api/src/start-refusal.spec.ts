/**
 * main.ts itself, run in this process with its environment: a configuration
 * the safety checks refuse must stop the start with exit code 1 and one line
 * that says why — without a password.
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
      require('../../main');
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
});
