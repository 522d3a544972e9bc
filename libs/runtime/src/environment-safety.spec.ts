import { DatabaseUrls } from '@vantix/config';
import { createTestDatabase, TestDatabase } from '@vantix/testing';
import {
  checkEnvironmentSafety,
  checkTlsRequirement,
  EnvironmentSafetyError,
  normalisedTarget,
} from './environment-safety';
import { configuredUrls } from './testing/configured-urls';

function urlsFor(development: string, production: string, audit?: string): DatabaseUrls {
  return configuredUrls({ development, production, audit });
}

async function refusal(urls: DatabaseUrls): Promise<EnvironmentSafetyError> {
  const error = await checkEnvironmentSafety(urls).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvironmentSafetyError);
  return error as EnvironmentSafetyError;
}

describe('normalisedTarget', () => {
  it.each([
    ['postgres://a:pw@localhost/crm', 'postgresql://b@127.0.0.1:5432/crm'],
    ['postgres://a@localhost:5432/crm', 'postgres://a@[::1]/crm?sslmode=disable&application_name=x'],
    ['postgres://a@127.0.0.1/crm', 'postgres://a@127.0.0.2:5432/crm?connect_timeout=5'],
    ['postgres://a@DB.Example.com/crm?sslmode=require', 'postgres://b@db.example.com:5432/crm?sslmode=verify-full'],
    ['postgres://a@db.example.com/crm?host=/var/run/postgresql', 'postgres://a@localhost/crm'],
    ['postgres://a@ignored.example.com/crm?host=localhost&port=5432', 'postgres://a@127.0.0.1/crm'],
  ])('treats %s and %s as the same database', (a, b) => {
    expect(normalisedTarget(a)).toBe(normalisedTarget(b));
  });

  it.each([
    ['postgres://a@localhost/crm', 'postgres://a@localhost/crm_prod'],
    ['postgres://a@localhost:5432/crm', 'postgres://a@localhost:5433/crm'],
    ['postgres://a@dev.example.com/crm', 'postgres://a@prod.example.com/crm'],
    ['postgres://a@localhost/crm', 'postgres://a@localhost/crm?port=5433'],
  ])('tells %s and %s apart', (a, b) => {
    expect(normalisedTarget(a)).not.toBe(normalisedTarget(b));
  });
});

describe('checkTlsRequirement', () => {
  it.each([
    'postgres://u:Secret-Pw@db.example.com/crm',
    'postgres://u:Secret-Pw@db.example.com/crm?sslmode=prefer',
    'postgres://u:Secret-Pw@db.example.com/crm?sslmode=disable',
    'postgres://u:Secret-Pw@db.example.com/crm?sslmode=no-verify',
    'postgres://u:Secret-Pw@10.0.0.5:5432/crm?ssl=true',
    // pg connects where ?host= says, whatever the authority claims.
    'postgres://u:Secret-Pw@localhost/crm?host=db.example.com',
  ])('refuses %s, naming the database without its password', (url) => {
    expect(() => checkTlsRequirement('production', url)).toThrow(EnvironmentSafetyError);
    expect(() => checkTlsRequirement('production', url)).toThrow(
      /production database .* is not on this machine .*sslmode=require/,
    );
    expect(() => checkTlsRequirement('production', url)).not.toThrow(/Secret-Pw/);
  });

  it.each([
    'postgres://u@db.example.com/crm?sslmode=require',
    'postgres://u@db.example.com/crm?sslmode=verify-ca&sslrootcert=/etc/ca.pem',
    'postgres://u@db.example.com/crm?sslmode=verify-full',
    'postgres://u@localhost/crm',
    'postgres://u@127.0.0.1:5432/crm',
    'postgres://u@[::1]/crm',
    'postgres://u@db.example.com/crm?host=%2Fvar%2Frun%2Fpostgresql',
  ])('accepts %s', (url) => {
    expect(() => checkTlsRequirement('development', url)).not.toThrow();
  });
});

describe(checkEnvironmentSafety.name, () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    [first, second] = await Promise.all([
      createTestDatabase('safety_a', 'none'),
      createTestDatabase('safety_b', 'none'),
    ]);
  });
  afterAll(() => Promise.all([first.drop(), second.drop()]));

  it('accepts two different databases on the same server', async () => {
    await expect(checkEnvironmentSafety(urlsFor(first.url, second.url))).resolves.toBeUndefined();
  });

  it('refuses Dev and Prod URLs that name the same database, before connecting', async () => {
    // Port 1 accepts no connection: the refusal comes from the URLs alone.
    const error = await refusal(
      urlsFor('postgres://a:Pw-1@localhost:1/crm', 'postgresql://b:Pw-2@127.0.0.1:1/crm?application_name=prod'),
    );
    expect(error.message).toMatch(/point at the same database/);
    expect(error.message).not.toMatch(/Pw-1|Pw-2/);
  });

  it('refuses the same real database reached under two spellings', async () => {
    const viaLocalhost = first.url.replace('127.0.0.1', 'localhost');
    const error = await refusal(urlsFor(first.url, `${viaLocalhost}?application_name=prod`));
    expect(error.message).toMatch(/same database/);
  });

  it('refuses an audit store that is the Prod database', async () => {
    const error = await refusal(urlsFor(first.url, second.url, second.url.replace('127.0.0.1', 'localhost')));
    expect(error.message).toMatch(/AUDIT_DATABASE_URL points at the Prod database/);
  });

  it('refuses a remote database without sslmode before connecting to anything', async () => {
    const error = await refusal(urlsFor(first.url, 'postgres://sync:Prod-Pw@crm-prod.example.com:5432/crm'));
    expect(error.message).toMatch(/production database crm-prod\.example\.com:5432\/crm is not on this machine/);
    expect(error.message).not.toContain('Prod-Pw');
  });

  it('says so when a database cannot be reached, without the password', async () => {
    const error = await refusal(urlsFor(first.url, 'postgres://postgres:Unreachable-Pw@127.0.0.1:1/crm'));
    expect(error.message).toMatch(/cannot reach the Dev or Prod database/);
    expect(error.message).not.toContain('Unreachable-Pw');
  });
});
