import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startDemoEnvironment } from './demo-environment';

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

describe(startDemoEnvironment.name, () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'vx-demo-')), 'data');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('boots three embedded databases, seeds a drifted pair once, and keeps the data across restarts', async () => {
    const first = await startDemoEnvironment(dataDir);
    // It holds the demo admin's password and the JWT secret: its owner's only.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    let devCustomers: number;
    try {
      expect(first.freshlySeeded).toBe(true);
      devCustomers = await count(first.urls.development, 'SELECT count(*) AS n FROM customers');
      const prodCustomers = await count(first.urls.production, 'SELECT count(*) AS n FROM customers');
      expect(devCustomers).toBeGreaterThanOrEqual(300);
      expect(prodCustomers).toBeGreaterThanOrEqual(300);
      expect(devCustomers).not.toBe(prodCustomers);
      expect(
        await count(first.urls.development, "SELECT count(*) AS n FROM users WHERE role <> 'admin'"),
      ).toBeGreaterThan(0);
      expect(await count(first.urls.audit, 'SELECT count(*) AS n FROM audit_events')).toBe(0);
      // The second admin, for two-person approval: an admin in both databases, with the same id.
      for (const url of [first.urls.development, first.urls.production]) {
        expect(
          await count(
            url,
            `SELECT count(*) AS n FROM users WHERE email = '${first.credentials.approver.email}' AND role = 'admin'`,
          ),
        ).toBe(1);
      }
      // A note whose customer exists only in Dev: the "sync parents together" case.
      expect(
        await count(
          first.urls.development,
          `SELECT count(*) AS n FROM customer_notes n JOIN customers c ON c.id = n.customer_id
            WHERE c.created_at > now() - interval '400 days' AND c.updated_at = c.created_at`,
        ),
      ).toBeGreaterThan(0);
      await count(
        first.urls.production,
        "INSERT INTO users (id, email, name, role, password_hash) VALUES (gen_random_uuid(), 'kept@x.example', 'Kept', 'agent', 'x') RETURNING 1 AS n",
      );
    } finally {
      await first.stop();
    }
    const second = await startDemoEnvironment(dataDir);
    try {
      expect(second.freshlySeeded).toBe(false);
      expect(second.credentials).toEqual(first.credentials);
      expect(await count(second.urls.development, 'SELECT count(*) AS n FROM customers')).toBe(devCustomers);
      expect(
        await count(second.urls.production, "SELECT count(*) AS n FROM users WHERE email = 'kept@x.example'"),
      ).toBe(1);
    } finally {
      await second.stop();
    }
    // Six PGlite starts and one seed: over 120 s on 2 cores shared with other jobs (load average ~15).
  }, 300_000);
});
