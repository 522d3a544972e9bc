import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import {
  captureOutput,
  createTestDatabase,
  seedCustomers,
  seedOwner,
  insertUsers,
  TEST_SERVER_URL,
  TestDatabase,
} from '@vantix/testing';
import { startTestApi, TestApi } from '../testing';
import { Figures } from './support/figures';

const BCRYPT_HASH = /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}/;
const JWT = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/;

function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}

/**
 * Runs the API through its ordinary and its failure paths — logins right and
 * wrong, comparisons, a sync of users (whose rows carry bcrypt hashes), denied
 * requests, invalid bodies, Production down — with connection strings that
 * carry passwords (trust auth ignores them), then scans every log line, every
 * response, every audit payload and every stored report for a secret.
 */
describe('hardening: secrets', () => {
  let api: TestApi;
  let prodDb: TestDatabase;
  let auditDb: TestDatabase;
  let output: ReturnType<typeof captureOutput> | undefined;
  const responses: { path: string; status: number; body: string }[] = [];
  const connectionPasswords = [
    `prod-pw-${randomBytes(6).toString('hex')}`,
    `audit-pw-${randomBytes(6).toString('hex')}`,
  ];
  const figures = new Figures('secrets');

  beforeAll(async () => {
    [prodDb, auditDb] = await Promise.all([
      createTestDatabase('secrets_prod', 'crm'),
      // Empty: the API migrates its own store at start.
      createTestDatabase('secrets_audit', 'none'),
    ]);
    output = captureOutput();
    api = await startTestApi({
      env: { LOG_LEVEL: 'debug' },
      urls: {
        production: withPassword(prodDb.url, connectionPasswords[0]),
        audit: withPassword(auditDb.url, connectionPasswords[1]),
      },
    });
    const dev = api.pool('development');
    const prod = new Pool({ connectionString: prodDb.url, max: 1 });
    try {
      // Production decides who may write to it: the admin is an admin there too.
      await insertUsers(prod, [api.users.admin]);
      const owner = await seedOwner(dev, prod);
      await seedCustomers([dev], { owner, customers: 3, notesEach: 1 });
    } finally {
      await prod.end();
    }
  });

  afterAll(async () => {
    output?.restore();
    figures.print();
    await api?.close();
    await Promise.all([prodDb?.drop(), auditDb?.drop()]);
  });

  async function call(method: 'get' | 'post', path: string, token: string | null, body?: object) {
    let request = api.http[method](path);
    if (token !== null) {
      request = request.set('Authorization', `Bearer ${token}`);
    }
    const response = await (body ? request.send(body) : request);
    figures.answer(response.status);
    responses.push({
      path,
      status: response.status,
      body: JSON.stringify(response.body),
    });
    return response;
  }

  it('never writes a password, bcrypt hash, token, JWT secret or connection password to logs, responses, audit payloads or reports', async () => {
    const { admin, agent } = api.users;
    await call('post', '/api/auth/login', null, {
      email: admin.email,
      password: `${admin.password}-wrong`,
    });
    await call('post', '/api/auth/login', null, {
      email: 'nobody@vantix.test',
      password: agent.password,
    });
    const login = await call('post', '/api/auth/login', null, {
      email: admin.email,
      password: admin.password,
    });
    const token = login.body.accessToken as string;
    await call('get', '/api/auth/me', token);
    await call('get', '/api/health', null);
    await call('get', '/api/audit/verify', api.agentToken);
    await call('get', '/api/audit/verify', `${token}x`);
    const report = await call('post', '/api/dev/compare-databases', token, {});
    expect(report.status).toBe(201);
    // Users missing in Production: their rows carry the bcrypt hashes.
    await call('get', `/api/dev/comparisons/${report.body.id}/records?table=users&kind=missingInProduction`, token);
    await call('get', `/api/dev/comparisons/${report.body.id}`, token);
    await call('post', '/api/dev/sync-to-production', token, {
      comparisonId: report.body.id,
      confirm: false,
      selections: [],
    });
    const sync = await call('post', '/api/dev/sync-to-production', token, {
      comparisonId: report.body.id,
      confirm: true,
      reason: 'Spec: copy the reviewed records',
      includeParents: true,
      selections: [{ table: 'customer_notes', all: true }],
    });
    expect(sync.body).toMatchObject({ status: 'committed' });
    await call('get', '/api/audit/events?limit=200', token);

    // Production down: the errors name the database, never its password.
    const admin_ = new Client({ connectionString: TEST_SERVER_URL });
    await admin_.connect();
    try {
      await admin_.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [prodDb.name]);
      await admin_.query(`ALTER DATABASE "${prodDb.name}" RENAME TO "${prodDb.name}_down"`);
      try {
        expect((await call('post', '/api/dev/compare-databases', token, {})).status).toBe(503);
        expect((await call('get', '/api/health', null)).body.status).toBe('degraded');
      } finally {
        await admin_.query(`ALTER DATABASE "${prodDb.name}_down" RENAME TO "${prodDb.name}"`);
      }
    } finally {
      await admin_.end();
    }

    const logs = output?.text() ?? '';
    // The API's audit store is this file's own database (its URL carries a password), not the harness's.
    const store = new Client({ connectionString: auditDb.url });
    await store.connect();
    const rowsOf = async (sql: string) => JSON.stringify((await store.query(sql)).rows);
    const audit = await rowsOf('SELECT * FROM audit_events');
    const reports = (await rowsOf('SELECT * FROM comparisons')) + (await rowsOf('SELECT * FROM comparison_records'));
    await store.end();
    // The login answer carries its own token by design; every other response is scanned for tokens too.
    const answers = responses
      .filter((r) => !(r.path === '/api/auth/login' && r.status === 200))
      .map((r) => r.body)
      .join('\n');
    const secrets: [string, string][] = [
      ['admin password', admin.password],
      ['agent password', agent.password],
      ['JWT secret', api.runtime.jwtSecret],
      ['admin token', token],
      ['agent token', api.agentToken],
      ['Prod connection password', connectionPasswords[0]],
      ['audit connection password', connectionPasswords[1]],
    ];
    const found: string[] = [];
    for (const [where, text] of [
      ['logs', logs],
      ['responses', answers],
      ['audit payloads', audit],
      ['stored reports', reports],
    ] as const) {
      for (const [name, secret] of secrets) {
        if (text.includes(secret)) {
          found.push(`${name} in ${where}`);
        }
      }
      if (BCRYPT_HASH.test(text)) {
        found.push(`a bcrypt hash in ${where}`);
      }
      if (JWT.test(text)) {
        found.push(`a JWT in ${where}`);
      }
    }
    expect(found).toEqual([]);
    // The scan saw the material it guards: logs were written, hashes exist in Dev.
    expect(logs.length).toBeGreaterThan(1000);
    expect(audit).toContain('sync.committed');
    expect(reports).toContain(admin.email);
    expect(JSON.stringify(await api.query('development', 'SELECT password_hash FROM users'))).toMatch(BCRYPT_HASH);
    figures.set(
      'scanned',
      `${logs.split('\n').length} log lines, ${responses.length} responses, audit ${audit.length} B, reports ${reports.length} B`,
    );
    figures.set('secrets found', found.length);
  });
});
