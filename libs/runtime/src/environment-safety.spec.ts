import { DatabaseUrls } from '@vantix/config';
import { createTestDatabase, createTestRole, onDatabase, TestDatabase, TestRole } from '@vantix/testing';
import { checkEnvironmentSafety, EnvironmentSafetyError } from './environment-safety';

const UNUSED_AUDIT = 'postgres://postgres@127.0.0.1:5432/postgres';

function urlsFor(development: string, production: string, audit = UNUSED_AUDIT): DatabaseUrls {
  return { development, production, audit };
}

async function refusal(urls: DatabaseUrls): Promise<EnvironmentSafetyError> {
  const error = await checkEnvironmentSafety(urls).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvironmentSafetyError);
  expect((error as Error).message).not.toContain('\n');
  return error as EnvironmentSafetyError;
}

/** Runs SQL as the test server's superuser inside one database. */
async function asOwner(url: string, sql: string): Promise<void> {
  await onDatabase(url, (client) => client.query(sql));
}

/** Connections to a database left open by a check (each check must close everything it opened). */
async function sessionsOf(url: string): Promise<number> {
  return onDatabase(UNUSED_AUDIT, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [new URL(url).pathname.slice(1)],
    );
    return rows[0].n;
  });
}

describe(checkEnvironmentSafety.name, () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let third: TestDatabase;
  let role: TestRole;
  beforeAll(async () => {
    [first, second, third] = await Promise.all([
      createTestDatabase('safety_a', 'none'),
      createTestDatabase('safety_b', 'none'),
      createTestDatabase('safety_c', 'none'),
    ]);
    // A role that may not read pg_control_system() in these databases (PostgreSQL grants it to
    // PUBLIC; managed services often do not): the check must still tell one database from two.
    for (const db of [first, second, third]) {
      await asOwner(db.url, 'REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC');
    }
    role = await createTestRole('safety_reader');
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop(), third?.drop()]);
    await role?.drop();
  });

  it('accepts two different databases on the same server, and leaves no connection behind', async () => {
    await expect(checkEnvironmentSafety(urlsFor(first.url, second.url, third.url))).resolves.toBeUndefined();
    expect(await sessionsOf(first.url)).toBe(0);
    expect(await sessionsOf(third.url)).toBe(0);
  });

  it('accepts two different databases for a role that may not read pg_control_system()', async () => {
    await expect(
      checkEnvironmentSafety(urlsFor(role.urlFor(first.url), role.urlFor(second.url), role.urlFor(third.url))),
    ).resolves.toBeUndefined();
  });

  it('refuses the same database under two spellings, by server identity once connected', async () => {
    const viaLocalhost = first.url.replace('127.0.0.1', 'localhost');
    const error = await refusal(urlsFor(first.url, `${viaLocalhost}?application_name=prod`, third.url));
    expect(error.message).toMatch(
      /^DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database "vx_safety_a_\w+" on the same server .*Production would be compared with itself/,
    );
  });

  it('refuses the same database when the role may not read pg_control_system(): the markers decide', async () => {
    const dev = role.urlFor(first.url, 'Dev-Pw');
    const prod = role.urlFor(first.url.replace('127.0.0.1', 'localhost'), 'Prod-Pw');
    const error = await refusal(urlsFor(dev, prod, role.urlFor(third.url)));
    expect(error.message).toMatch(/DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database/);
    expect(error.message).not.toMatch(/Dev-Pw|Prod-Pw/);
  });

  it('refuses an audit store that is the Prod database, by identity', async () => {
    const error = await refusal(
      urlsFor(first.url, second.url, role.urlFor(second.url.replace('127.0.0.1', 'localhost'))),
    );
    expect(error.message).toMatch(
      /^AUDIT_DATABASE_URL and DATABASE_URL_PROD reach the same database .*the audit log needs its own database/,
    );
  });

  it('refuses a URL the driver would read differently (a parameter twice), naming the variable', async () => {
    const error = await refusal(urlsFor(first.url, `${second.url}?port=1&port=5432`, third.url));
    expect(error.message).toBe(
      'DATABASE_URL_PROD gives the parameter "port" more than once: the driver would use only the last one; give it once',
    );
  });

  it('refuses a remote database without sslmode before connecting to anything', async () => {
    const error = await refusal(urlsFor(first.url, 'postgres://sync:Prod-Pw@crm-prod.example.com:5432/crm'));
    expect(error.message).toMatch(
      /^DATABASE_URL_PROD reaches crm-prod\.example\.com:5432\/crm, which is not on this machine/,
    );
    expect(error.message).not.toContain('Prod-Pw');
  });

  it('says so when a database cannot be reached, without the password', async () => {
    const error = await refusal(urlsFor(first.url, 'postgres://postgres:Unreachable-Pw@127.0.0.1:1/crm', third.url));
    expect(error.message).toMatch(/cannot reach the Dev or Prod database/);
    expect(error.message).not.toContain('Unreachable-Pw');
    expect(await sessionsOf(first.url)).toBe(0);
  });
});
