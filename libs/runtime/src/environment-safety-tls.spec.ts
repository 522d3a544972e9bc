import { Client } from 'pg';
import { checkConnectionString, ConnectionStringError, DatabaseUrls } from '@vantix/config';
import { startSslPostgresServer, SslPostgresServer } from '@vantix/testing';
import { checkEnvironmentSafety } from './environment-safety';

/** What pg_stat_ssl says about the connection a URL makes. */
async function sslOf(connectionString: string): Promise<{ ssl: boolean; version: string | null }> {
  const client = new Client({
    connectionString,
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{
      ssl: boolean;
      version: string | null;
    }>('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0];
  } finally {
    await client.end();
  }
}

function urlsFor(development: string, production: string): DatabaseUrls {
  return { development, production, audit: 'postgres://postgres@127.0.0.1:5432/postgres' };
}

describe('TLS of the database connections (a throwaway PostgreSQL 15 with ssl=on)', () => {
  let server: SslPostgresServer;
  let lan: string;

  beforeAll(async () => {
    server = await startSslPostgresServer();
    if (!server.lanAddress) {
      throw new Error('this machine has no non-loopback IPv4 address to test a remote-looking URL with');
    }
    lan = server.lanAddress;
    const admin = new Client({ connectionString: server.url('127.0.0.1') });
    await admin.connect();
    await admin.query('CREATE DATABASE crm_dev');
    await admin.query('CREATE DATABASE crm_prod');
    await admin.end();
  }, 120_000);
  afterAll(() => server?.stop());

  it('encrypts a connection to a non-loopback address whose URL has sslmode=require', async () => {
    const url = server.url(lan, 'crm_dev', `sslmode=require&sslrootcert=${encodeURIComponent(server.certFile)}`);
    expect(() => checkConnectionString(url)).not.toThrow();
    expect(await sslOf(url)).toEqual({
      ssl: true,
      version: expect.stringMatching(/^TLSv1\.[23]$/),
    });
  });

  it('verifies the certificate under require (pg 8 treats it as verify-full): an unknown self-signed one is refused', async () => {
    await expect(sslOf(server.url(lan, 'crm_dev', 'sslmode=require'))).rejects.toThrow(/self[- ]signed/i);
  });

  it('refuses uselibpqcompat, under which require accepts any certificate (a man in the middle included)', async () => {
    const compat = server.url(lan, 'crm_dev', 'uselibpqcompat=true&sslmode=require');
    // What the check prevents: the unknown self-signed certificate is accepted.
    expect((await sslOf(compat)).ssl).toBe(true);
    expect(() => checkConnectionString(compat)).toThrow(/sets uselibpqcompat/);
  });

  it('refuses sslmode given twice: the driver reads the last one and would connect in plaintext', async () => {
    const twice = server.url(lan, 'crm_dev', 'sslmode=require&sslmode=disable');
    expect(await sslOf(twice)).toEqual({ ssl: false, version: null });
    expect(() => checkConnectionString(twice)).toThrow(ConnectionStringError);
    expect(() => checkConnectionString(twice)).toThrow(/gives the parameter "sslmode" more than once/);
  });

  it('refuses the same remote URL without sslmode — which would have sent everything in plaintext', async () => {
    const plain = server.url(lan, 'crm_dev');
    expect(() => checkConnectionString(plain)).toThrow(ConnectionStringError);
    // What the check prevents: this server accepts plaintext, and pg would use it.
    expect(await sslOf(plain)).toEqual({ ssl: false, version: null });
    await expect(checkEnvironmentSafety(urlsFor(plain, server.url('127.0.0.1', 'crm_prod')))).rejects.toThrow(
      /^DATABASE_URL_DEV reaches .* which is not on this machine, with no sslmode/,
    );
  });

  it('never falls back to plaintext: sslmode=require against a server without TLS fails', async () => {
    // The shared test cluster on 127.0.0.1:5432 has ssl off.
    await expect(sslOf('postgres://postgres@127.0.0.1:5432/postgres?sslmode=require')).rejects.toThrow(
      /does not support SSL/i,
    );
  });

  it('refuses Dev and Prod that are one database reached under two addresses (same system identifier)', async () => {
    const tls = `sslmode=verify-full&sslrootcert=${encodeURIComponent(server.certFile)}`;
    const viaLan = server.url(lan, 'crm_dev', tls);
    const viaLoopback = server.url('127.0.0.1', 'crm_dev');
    await expect(checkEnvironmentSafety(urlsFor(viaLan, viaLoopback))).rejects.toThrow(
      /^DATABASE_URL_DEV and DATABASE_URL_PROD reach the same database "crm_dev" on the same server/,
    );
    // Two databases of that server are fine.
    await expect(checkEnvironmentSafety(urlsFor(viaLan, server.url('127.0.0.1', 'crm_prod')))).resolves.toBeUndefined();
  });
});
