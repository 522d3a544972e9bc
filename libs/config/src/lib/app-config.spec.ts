import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadCliConfig, loadConfig } from './app-config';
import { databaseEndpoint } from './connection-string';
import { describeTarget, redactConnectionString } from './redact';

const SECRET = 'x'.repeat(32);
const DATABASES = {
  DATABASE_URL_DEV: 'postgres://u:p@127.0.0.1:5432/crm_dev',
  DATABASE_URL_PROD: 'postgres://u:p@127.0.0.1:5432/crm',
  AUDIT_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/vx_audit',
};
const DEPLOYED = { ...DATABASES, JWT_SECRET: SECRET, AUDIT_HMAC_KEY: SECRET, APP_ENV: 'production' };

function refusalOf(load: () => unknown): Error {
  let error: unknown;
  try {
    load();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).not.toContain('\n');
  return error as Error;
}

describe(loadConfig.name, () => {
  it('is demo mode when no database is configured, bound to this machine only', () => {
    const config = loadConfig({});
    expect(config.demo).toBe(true);
    expect(config.databases).toBeNull();
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.appEnv).toBe('development');
    expect(config.logFormat).toBe('auto');
  });

  it('falls back to DATABASE_URL for Prod, as the CRM does', () => {
    const config = loadConfig({ ...DEPLOYED, DATABASE_URL_PROD: undefined, DATABASE_URL: DATABASES.DATABASE_URL_PROD });
    expect(config.demo).toBe(false);
    expect(config.databases?.production).toBe('postgres://u:p@127.0.0.1:5432/crm');
  });

  it('binds where HOST says', () => {
    expect(loadConfig({ ...DEPLOYED, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...DEPLOYED, HOST: '::' }).host).toBe('::');
  });

  it.each([
    [{ DATABASE_URL_DEV: 'mysql://h/db' }, /^Invalid configuration: DATABASE_URL_DEV must start with postgres/],
    [{ DATABASE_URL_DEV: 'not a url' }, /DATABASE_URL_DEV is not a URL/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ APP_ENV: 'staging' }, /APP_ENV/],
    [{ HOST: 'every interface' }, /HOST must be an IP address or a host name/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT/],
    [
      { DATABASE_URL_DEV: 'postgres://localhost/dev', APP_ENV: 'development' },
      /DATABASE_URL_PROD \(or DATABASE_URL\) is required/,
    ],
    [
      {
        DATABASE_URL_DEV: 'postgres://localhost/dev',
        DATABASE_URL_PROD: 'postgres://localhost/prod',
        AUDIT_DATABASE_URL: 'postgres://localhost/a',
        APP_ENV: 'development',
      },
      /JWT_SECRET is required outside demo mode/,
    ],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(refusalOf(() => loadConfig(env as NodeJS.ProcessEnv)).message).toMatch(message);
  });

  describe('APP_ENV and the embedded demo', () => {
    it('requires APP_ENV once a database is configured, rather than exposing /api/dev by default', () => {
      expect(refusalOf(() => loadConfig({ ...DEPLOYED, APP_ENV: undefined })).message).toBe(
        'Invalid configuration: APP_ENV is required when a database is configured: set it to production (no /api/dev routes) or development',
      );
      expect(loadConfig({ ...DEPLOYED, APP_ENV: 'development' }).appEnv).toBe('development');
      expect(loadConfig(DEPLOYED).appEnv).toBe('production');
    });

    it.each([
      { APP_ENV: 'production' },
      { NODE_ENV: 'production' },
      { APP_ENV: 'development', NODE_ENV: 'production' },
    ])('refuses to start the demo under %j', (env) => {
      const message = refusalOf(() => loadConfig(env)).message;
      expect(message).toMatch(/^Invalid configuration: (APP_ENV|NODE_ENV)=production but no database is configured/);
      expect(message).toMatch(/set DATABASE_URL_DEV, DATABASE_URL_PROD and AUDIT_DATABASE_URL/);
    });

    it('runs the demo as development by default', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).demo).toBe(true);
    });
  });

  describe('the CLI', () => {
    it('needs no JWT_SECRET: it issues no tokens', () => {
      const config = loadCliConfig({ ...DEPLOYED, JWT_SECRET: undefined });
      expect(config.jwtSecret).toBeNull();
      expect(config.databases?.development).toBe(DATABASES.DATABASE_URL_DEV);
    });

    it('checks everything else as the API does', () => {
      expect(
        refusalOf(() => loadCliConfig({ ...DEPLOYED, JWT_SECRET: undefined, APP_ENV: undefined })).message,
      ).toMatch(/APP_ENV is required/);
      expect(
        refusalOf(() => loadCliConfig({ ...DEPLOYED, DATABASE_URL_PROD: 'postgres://u:Pw@db.example.com/crm' }))
          .message,
      ).toMatch(/DATABASE_URL_PROD reaches db\.example\.com:5432\/crm, which is not on this machine/);
    });
  });

  describe('connection strings, read as the driver (pg-connection-string) reads them', () => {
    const remote = 'postgres://sync:Secret-Pw@db.example.com:5432/crm';
    it.each([
      [`${remote}?sslmode=require&sslmode=disable`, /DATABASE_URL_PROD gives the parameter "sslmode" more than once/],
      ['postgres://sync:Secret-Pw@localhost/crm?host=a.example.com&host=localhost', /"host" more than once/],
      ['postgres://sync:Secret-Pw@localhost/crm?port=5433&port=5432', /"port" more than once/],
      [`${remote}?uselibpqcompat=true&sslmode=require`, /DATABASE_URL_PROD sets uselibpqcompat/],
      ['postgres://sync:Secret-Pw@localhost/crm?uselibpqcompat=false', /sets uselibpqcompat/],
      [remote, /DATABASE_URL_PROD reaches db\.example\.com:5432\/crm, which is not on this machine, with no sslmode/],
      [`${remote}?sslmode=prefer`, /with sslmode=prefer: add sslmode=verify-full/],
      [`${remote}?sslmode=disable`, /with sslmode=disable/],
      [`${remote}?sslmode=no-verify`, /with sslmode=no-verify/],
      ['postgres://sync:Secret-Pw@10.0.0.5:5432/crm?ssl=true', /reaches 10\.0\.0\.5:5432\/crm, .* no sslmode/],
      // The driver connects where ?host= says, whatever the authority claims.
      ['postgres://sync:Secret-Pw@localhost/crm?host=db.example.com', /reaches db\.example\.com:5432\/crm/],
      [
        `${remote}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`,
        /cannot be read by the database driver: .*ENOENT/,
      ],
      ['postgres://sync:Secret-Pw@localhost/', /names no database/],
    ])('refuses %s, naming the variable and never the password', (url, message) => {
      const error = refusalOf(() => loadConfig({ ...DEPLOYED, DATABASE_URL_PROD: url }));
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('Secret-Pw');
    });

    it.each([
      'postgres://u@db.example.com/crm?sslmode=require',
      'postgres://u@db.example.com/crm?sslmode=verify-full',
      'postgres://u@localhost/crm',
      'postgres://u@127.0.0.1:5432/crm?sslmode=disable',
      'postgres://u@[::1]/crm',
      'postgres://u@db.example.com/crm?host=%2Fvar%2Frun%2Fpostgresql',
      'postgres:///crm?host=/var/run/postgresql',
    ])('accepts %s', (url) => {
      expect(loadConfig({ ...DEPLOYED, DATABASE_URL_PROD: url }).databases?.production).toBe(url);
    });

    it('accepts verify-ca with a CA file the driver can read', () => {
      const ca = join(mkdtempSync(join(tmpdir(), 'vx-ca-')), 'ca.pem');
      writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
      const url = `postgres://u@db.example.com/crm?sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`;
      expect(loadConfig({ ...DEPLOYED, DATABASE_URL_PROD: url }).databases?.production).toBe(url);
    });

    it('shows the host, port and database the driver connects to', () => {
      expect(describeTarget('postgres://u:p@localhost/crm?host=db.example.com&port=6543&sslmode=require')).toBe(
        'db.example.com:6543/crm',
      );
      expect(describeTarget('postgres://u@[::1]/crm')).toBe('[::1]:5432/crm');
      expect(databaseEndpoint('postgres://u@x/crm?host=%2Ftmp').host).toBe('/tmp');
    });
  });

  it('never shows a password', () => {
    expect(redactConnectionString('postgres://admin:s3cret@db.example.com:5432/crm')).toBe(
      'postgres://admin:***@db.example.com:5432/crm',
    );
    expect(redactConnectionString('postgres://admin@db.example.com/crm?password=s3cret')).not.toContain('s3cret');
  });
});
