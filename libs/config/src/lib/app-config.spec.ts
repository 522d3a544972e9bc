import { ConfigError, loadConfig } from './app-config';
import { redactConnectionString } from './redact';

const SECRET = 'x'.repeat(32);

describe(loadConfig.name, () => {
  it('is demo mode when no database is configured', () => {
    const config = loadConfig({});
    expect(config.demo).toBe(true);
    expect(config.databases).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.appEnv).toBe('development');
  });

  it('falls back to DATABASE_URL for Prod, as the CRM does', () => {
    const config = loadConfig({
      DATABASE_URL_DEV: 'postgres://u:p@127.0.0.1:5432/crm_dev',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/crm',
      AUDIT_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/vx_audit',
      JWT_SECRET: SECRET,
      AUDIT_HMAC_KEY: SECRET,
    });
    expect(config.demo).toBe(false);
    expect(config.databases?.production).toBe('postgres://u:p@127.0.0.1:5432/crm');
  });

  it.each([
    [{ DATABASE_URL_DEV: 'mysql://h/db' }, /^Invalid configuration: DATABASE_URL_DEV must start with postgres/],
    [{ DATABASE_URL_DEV: 'not a url' }, /DATABASE_URL_DEV is not a URL/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ APP_ENV: 'staging' }, /APP_ENV/],
    [{ DATABASE_URL_DEV: 'postgres://h/dev' }, /DATABASE_URL_PROD \(or DATABASE_URL\) is required/],
    [
      {
        DATABASE_URL_DEV: 'postgres://h/dev',
        DATABASE_URL_PROD: 'postgres://h/prod',
        AUDIT_DATABASE_URL: 'postgres://h/a',
      },
      /JWT_SECRET is required outside demo mode/,
    ],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never shows a password', () => {
    expect(redactConnectionString('postgres://admin:s3cret@db.example.com:5432/crm')).toBe(
      'postgres://admin:***@db.example.com:5432/crm',
    );
  });
});
