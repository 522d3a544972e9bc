// Refresh Development from Production (issue 16), black-box: the BUILT server
// started as the README says with a rules file (REFRESH_RULES), the console
// flow in Chromium (tick the records missing in Development, confirm with the
// Dev database, the records and the data rules named, read the stored
// refresh), the real CLI binary once, and a rules file the server refuses.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { RefreshResult, StoredRefresh } from '@vantix/contracts';
import { insertUsers, makeTestUser, runCliProcess, startServerProcess } from '@vantix/testing';
import { seriousViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';
import { ConsoleServer, startConsoleServer } from './support/server';

const prodUser = makeTestUser('admin', `prod-only-${randomUUID().slice(0, 6)}@vantix.test`);
const ids = { carol: randomUUID(), sam: randomUUID(), note: randomUUID() };

function rulesFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vantix-e2e-rules-')), name);
  writeFileSync(file, text);
  return file;
}

describe('refresh Development from Production (issue 16)', () => {
  let api: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let prodBefore = '';
  let refreshId = '';

  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const prodChecksum = async () =>
    (
      await api.query<{ sum: string }>(
        'production',
        `SELECT md5(concat_ws('|', (SELECT string_agg(t::text, ',' ORDER BY id) FROM users t),
                (SELECT string_agg(t::text, ',' ORDER BY id) FROM customers t),
                (SELECT string_agg(t::text, ',' ORDER BY id) FROM customer_notes t))) AS sum`,
      )
    )[0].sum;

  async function expectAccessible(state: string): Promise<void> {
    const found = await seriousViolations(page);
    if (found.length) {
      await screenshot(page, `refresh-axe-${state}`);
    }
    expect({ state, found }).toEqual({ state, found: [] });
  }

  beforeAll(async () => {
    const rules = rulesFile(
      'rules.yaml',
      'customers.email: mask-email\ncustomers.phone: mask-phone\ncustomer_notes.body: mask-text\nusers.email: mask-email\n',
    );
    api = await startConsoleServer(
      async ({ production }) => {
        await insertUsers(production, [prodUser]);
        const customer = `INSERT INTO customers (id, name, email, phone, owner_id) VALUES ($1, $2, $3, $4, $5)`;
        await production.query(customer, [
          ids.carol,
          'Carol Refresh',
          'carol@prod.example',
          '+1 555 0100',
          prodUser.id,
        ]);
        await production.query(customer, [ids.sam, 'Sam Refresh', 'sam@prod.example', null, null]);
        await production.query(
          `INSERT INTO customer_notes (id, customer_id, author_id, body) VALUES ($1, $2, $3, 'Carol asked for a discount')`,
          [ids.note, ids.carol, prodUser.id],
        );
      },
      { env: { REFRESH_RULES: rules } },
    );
    prodBefore = await prodChecksum();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('the console: tick the customers missing in Development, confirm, read the stored refresh', async () => {
    await page.goto(`${api.baseUrl}/dev-console/login`);
    await page.getByLabel('E-mail').fill(api.users.admin.email);
    await page.getByLabel('Password').fill(api.users.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await byTestId('compare').click();
    await page.waitForURL(/\/comparisons\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await byTestId('tab-customers').click();
    await page.getByRole('button', { name: /Missing in Development \(2\)/ }).click();
    const list = byTestId('refresh-list-customers');
    await list.locator('[data-record-id]').first().waitFor();
    await list.getByTestId('select-all-customers-missingInDevelopment').click();
    await expectAccessible('missing-in-development-selected');
    await byTestId('refresh-development-customers').click();

    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('refresh-rules').waitFor();
    expect(await dialog.getByTestId('refresh-target').textContent()).toMatch(/e2e_dev/);
    const records = (await dialog.getByTestId('refresh-records').textContent()) ?? '';
    expect(records).toMatch(/Carol Refresh/);
    expect(records).toMatch(/Sam Refresh/);
    expect(records).toMatch(/\(parent, added\)/);
    const rules = (await dialog.getByTestId('refresh-rules').textContent()) ?? '';
    expect(rules).toMatch(/customers\.email: mask-email/);
    expect(rules).toMatch(/users\.password_hash: unusable/);
    await expectAccessible('refresh-confirmation');
    await dialog.getByTestId('refresh-reason').fill('E2E: reproduce a Production ticket');
    await dialog.getByTestId('confirm-refresh').click();

    await page.waitForURL(/\/refreshes\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    refreshId = page.url().split('/').pop() ?? '';
    await page.getByText('Development refreshed').waitFor();
    expect(await byTestId('refresh-summary').textContent()).toMatch(/3 inserted/);
    await expectAccessible('refresh-page');

    // Exactly the selected records and their parent, rules applied; Production untouched.
    const customers = await api.query<{ id: string; email: string; phone: string | null }>(
      'development',
      'SELECT id, email, phone FROM customers WHERE id = ANY($1) ORDER BY name',
      [[ids.carol, ids.sam]],
    );
    expect(customers.map((c) => c.id)).toEqual([ids.carol, ids.sam]);
    expect(customers.every((c) => /^user-[0-9a-f]{16}@example\.invalid$/.test(c.email))).toBe(true);
    expect(customers[0].email).not.toBe(customers[1].email);
    expect(customers[0].phone).toMatch(/^\+\d \d{3} \d{4}$/);
    const [user] = await api.query<{ password_hash: string }>(
      'development',
      'SELECT password_hash FROM users WHERE id = $1',
      [prodUser.id],
    );
    expect(user.password_hash).toMatch(/^!refreshed-not-usable-/);
    expect(await api.query('development', 'SELECT 1 FROM customer_notes WHERE id = $1', [ids.note])).toHaveLength(0);
    const login = await fetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: prodUser.email, password: prodUser.password }),
    });
    expect(login.status).toBe(401);
    expect(await prodChecksum()).toBe(prodBefore);
  });

  it('the CLI: refresh-dev from the re-comparison, the note comes with its text masked', async () => {
    const stored = await api.getAsAdmin<StoredRefresh>(`/api/dev/refreshes/${refreshId}`);
    expect(stored.recheckComparisonId).toEqual(expect.any(String));
    const { JWT_SECRET: _secret, ...cliEnv } = api.env;
    const run = await runCliProcess(
      [
        'refresh-dev',
        '--comparison',
        stored.recheckComparisonId ?? '',
        '--tables',
        'customer_notes',
        '--reason',
        'E2E: the note too, from the CLI',
        '--json',
      ],
      cliEnv,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as RefreshResult;
    expect(result).toMatchObject({ status: 'committed', summary: { inserted: 1, skipped: 0, failed: 0 } });
    expect(result.plan.dataRules).toEqual([
      { table: 'customer_notes', columns: [{ column: 'body', rule: 'mask-text', source: 'file' }] },
    ]);
    const [note] = await api.query<{ body: string }>('development', 'SELECT body FROM customer_notes WHERE id = $1', [
      ids.note,
    ]);
    expect(note.body).toHaveLength('Carol asked for a discount'.length);
    expect(note.body).not.toBe('Carol asked for a discount');
    expect(await prodChecksum()).toBe(prodBefore);
  });

  it('refuses to start with a rules file that names an unknown rule, naming it', async () => {
    const bad = rulesFile('bad.json', JSON.stringify({ 'customers.email': 'hash-it' }));
    await expect(
      startServerProcess({ env: { ...api.env, REFRESH_RULES: bad }, startTimeoutMs: 20_000 }),
    ).rejects.toThrow(/REFRESH_RULES rule "customers.email": "hash-it" is not a rule/);
  });
});
