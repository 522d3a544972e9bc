// The console in Debian's Chromium against the BUILT server (node
// dist/apps/api/main.js, started as `npm start` starts it, with only the
// README's variables) on fresh PostgreSQL databases — the audit store empty —
// serving the production build of the console at /dev-console. One browser
// page walks through the admin's day in order.
import { readFileSync } from 'node:fs';
import { ComparisonReport, EVIDENCE_FORMAT, SyncEvidence } from '@vantix/contracts';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';
import { SeededRecords, seedDriftedCrm } from './support/seed';
import { ConsoleServer, startConsoleServer } from './support/server';

describe('console at /dev-console', () => {
  let api: ConsoleServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: SeededRecords;
  const consoleErrors: string[] = [];
  /** Every Content-Security-Policy violation Chromium reports, on any page of the walk. */
  const cspViolations: string[] = [];
  /** The console routes the walk visited (path without ids), to show the CSP check covered every page. */
  const visitedRoutes = new Set<string>();

  const url = (path: string) => `${base}/dev-console${path}`;
  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

  async function logIn(email: string, password: string): Promise<void> {
    await page.goto(url('/login'));
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  beforeAll(async () => {
    api = await startConsoleServer(async ({ development, production }, admin) => {
      seeded = await seedDriftedCrm(development, production, admin.id);
    });
    base = api.baseUrl;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    // The page reports its own violations (securitypolicyviolation) through a binding, before any script of it runs.
    await context.exposeBinding('vxReportCspViolation', (_source, text: string) => void cspViolations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { vxReportCspViolation(text: string): void }).vxReportCspViolation;
        report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
      });
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push(message.text());
      }
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) {
        visitedRoutes.add(
          new URL(frame.url()).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/^\/dev-console/, ''),
        );
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('serves the console with the status bar: before login each database up or down, and nothing that maps the deployment', async () => {
    await page.goto(url('/'));
    await page.waitForURL(/\/dev-console\/login/);
    await expectText('db-dev', /up/);
    await expectText('db-prod', /up/);
    // The public health names no host and no database: those are for a signed-in admin.
    expect(await byTestId('db-prod').textContent()).not.toContain(new URL(api.urls.production).pathname.slice(1));
    expect(await byTestId('environment').count()).toBe(0);
    expect(await page.content()).not.toMatch(/postgres(ql)?:\/\/[^\s"]*:[^\s"]*@/);
    await screenshot(page, '01-login');
  });

  it('refuses a wrong password inline', async () => {
    await logIn(api.users.admin.email, 'not-the-password');
    await expectText('login-error', /Wrong e-mail or password/);
    expect(page.url()).toMatch(/\/login/);
    await screenshot(page, '02-login-wrong-password');
  });

  it('refuses a non-admin with the reason', async () => {
    await logIn(api.users.agent.email, api.users.agent.password);
    await expectText('login-error', /not an admin/);
    expect(page.url()).toMatch(/\/login/);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await screenshot(page, '03-login-not-admin');
  });

  it('logs the admin in and opens the comparison page', async () => {
    await logIn(api.users.admin.email, api.users.admin.password);
    await page.waitForURL(/\/dev-console\/comparison$/);
    await expectText('signed-in-user', new RegExp(escape(api.users.admin.email)));
    await page.getByRole('button', { name: 'Compare Dev vs Prod Database' }).waitFor();
    // Signed in, the status bar shows the details: the environment and where each database is.
    await expectText('environment', /development/);
    await expectText('db-prod', new RegExp(escape(new URL(api.urls.production).pathname.slice(1))));
    expect(await page.content()).not.toMatch(/postgres(ql)?:\/\/[^\s"]*:[^\s"]*@/);
  });

  it('compares Dev with Prod: per-table cards, recommendations, history', async () => {
    await byTestId('compare').click();
    await page.waitForURL(/\/comparisons\/[0-9a-f-]{36}$/, {
      timeout: 120_000,
    });
    await expectText('missing-prod-customers', /5,003/);
    await expectText('missing-prod-customer_notes', /2/);
    await expectText('card-customers', /Missing in Dev\s*1/);
    await expectText('card-customers', /Differing\s*1/);
    await byTestId('recommendations').waitFor();
    await page.locator('[data-testid="history"] a').first().waitFor();
    await screenshot(page, '04-comparison');
  });

  it('lists records missing in Dev (to tick for a refresh of Dev) and differing records read-only, with their changed columns', async () => {
    await byTestId('tab-customers').click();
    await page.getByRole('button', { name: /Missing in Development \(1\)/ }).click();
    await page.getByRole('button', { name: /Differing \(1\)/ }).click();
    const missingInDev = byTestId('refresh-list-customers');
    await missingInDev.getByText('Paula Prodonly').waitFor();
    const differing = page.locator('vx-record-list').filter({ hasText: 'differing' }).last();
    await differing.getByText('Dora Differs').waitFor();
    expect(await differing.locator('.columns').first().textContent()).toMatch(/email/);
    // Records missing in Dev can be ticked to refresh Development (issue 16); differing ones are read-only.
    expect(await missingInDev.locator('input[type="checkbox"]').count()).toBeGreaterThan(0);
    expect(await differing.locator('input[type="checkbox"]').count()).toBe(0);
    await screenshot(page, '04b-read-only-lists');
  });

  it('exports the report as CSV with every record, also those beyond the capped lists', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('export-csv').click()]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('table,kind,id,summary,createdAt,columns');
    // One row per record the API counts, across all tables and kinds.
    const id = page.url().split('/').pop() as string;
    const report = await api.getAsAdmin<ComparisonReport>(`/api/dev/comparisons/${id}`);
    const counted = report.tables.reduce(
      (sum, t) => sum + t.missingInProduction.count + t.missingInDevelopment.count + t.differing.count,
      0,
    );
    expect(counted).toBeGreaterThan(5003);
    expect(lines.length - 1).toBe(counted);
    expect(csv).toMatch(/customers,differing,[0-9a-f-]+,Dora Differs[^\r\n]*,email/);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), byTestId('export-json').click()]);
    const exported = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as ComparisonReport;
    const customers = exported.tables.find((t) => t.table === 'customers');
    expect(customers?.missingInProduction.records).toHaveLength(5003);
  });

  it('"Select all" of 5,000+ customers asks for the Production host and database, then Cancel leaves everything as it was', async () => {
    await byTestId('tab-customers').click();
    // Virtual scrolling: with every record loaded, only the rows in view are in the DOM.
    await page.getByText('Loading…').waitFor({ state: 'detached', timeout: 60_000 });
    const list = page.locator('vx-record-list').first();
    const viewport = list.locator('cdk-virtual-scroll-viewport');
    expect(await list.locator('.row').count()).toBeLessThan(40);
    const scrolled = await viewport.evaluate(async (element) => {
      const started = performance.now();
      element.scrollTop = element.scrollHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - started;
    });
    expect(scrolled).toBeLessThan(1000);
    expect(await list.locator('.row').count()).toBeLessThan(40);
    await byTestId('select-all-customers').locator('input').check();
    await expectText('selected-count-customers', /5003 of 5003 selected/);
    await byTestId('execute-sync').click();
    await expectText('plan-total', /5003/);
    // Cancel is where the focus lands.
    await expectFocusOn('cancel-sync');
    const confirm = byTestId('confirm-sync');
    expect(await confirm.isDisabled()).toBe(true);
    const prodDb = new URL(api.urls.production).pathname.slice(1);
    await byTestId('typed-database').fill('crm_wrong');
    expect(await confirm.isDisabled()).toBe(true);
    // The database name alone is not enough (Dev may share it): host and database, as the status bar shows them.
    await byTestId('typed-database').fill(prodDb);
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId('typed-database').fill(((await byTestId('typed-expected').textContent()) ?? '').trim());
    // The right target alone is not enough either: every sync says why.
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId('sync-reason').fill('Ticket CRM-42: the new customers of the spring campaign');
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, '05-confirm-typed-name', false);
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
    await byTestId('select-all-customers').locator('input').uncheck();
    await expectText('selected-total', /^\s*0 record/);
    const prodCustomers = await api.query<{ n: string }>('production', 'SELECT count(*) AS n FROM customers');
    expect(Number(prodCustomers[0].n)).toBe(5);
  });

  it('selects two customers through the search and a note whose customer is also missing', async () => {
    await byTestId('search-customers-missingInProduction').fill('Zephyr');
    await page.locator(`[data-record-id="${seeded.zephyrAlpha}"] input[type="checkbox"]`).check();
    // The second one by keyboard: focus its checkbox and press Space.
    await page.locator(`[data-record-id="${seeded.zephyrBeta}"] input[type="checkbox"]`).focus();
    await page.keyboard.press('Space');
    await expectText('selected-count-customers', /2 of 5003 selected/);
    await byTestId('tab-customer_notes').click();
    await page.locator(`[data-record-id="${seeded.note}"]`).waitFor();
    expect(await page.locator(`[data-record-id="${seeded.note}"]`).textContent()).toContain('Quentin Parent');
    await page.locator(`[data-record-id="${seeded.note}"] input[type="checkbox"]`).check();
    await expectText('selected-total', /3 record\(s\) selected/);
    expect(await byTestId('execute-sync').isEnabled()).toBe(true);
    await screenshot(page, '06-sync-panel');
  });

  it('confirms: the dialog refuses for the missing parent, then plans it in with "Include parents"', async () => {
    await byTestId('execute-sync').click();
    await expectText('missing-parents', new RegExp(seeded.parentCustomer));
    expect(await byTestId('confirm-sync').isDisabled()).toBe(true);
    await screenshot(page, '07-confirm-missing-parent', false);
    await byTestId('include-parents').click();
    await expectText('plan-parents', new RegExp(`Quentin Parent.*${seeded.parentCustomer}`));
    await expectText('plan-total', /4/);
    await expectFocusOn('cancel-sync');
    expect(await page.locator('[data-testid="typed-database"]').count()).toBe(0);
    await expectText('prod-database', new RegExp(new URL(api.urls.production).pathname.slice(1)));
    await byTestId('sync-reason').fill('Ticket CRM-42: Zephyr customers signed the contract');
    await screenshot(page, '08-confirm-plan', false);
    await byTestId('confirm-sync').click();
  });

  it('shows the per-record results and the re-comparison with those records gone from "missing in Production"', async () => {
    await byTestId('sync-results').waitFor({ timeout: 120_000 });
    await expectText('count-inserted', /4 inserted/);
    await expectText('count-failed', /0 failed/);
    await expectText('recheck-missing-customers', /5003\s*→\s*5000/);
    await expectText('recheck-missing-customer_notes', /2\s*→\s*1/);
    await expectText('record-results', /Zephyr Alpha/);
    // The page now shows the stored re-comparison.
    await expectText('missing-prod-customers', /5,000/);
    await byTestId('tab-customers').click();
    await byTestId('search-customers-missingInProduction').fill('Zephyr');
    await page.getByText('No record matches the search.').waitFor();
    const inProd = await api.query<{ id: string }>(
      'production',
      'SELECT id FROM customers WHERE id = ANY($1::uuid[])',
      [[seeded.zephyrAlpha, seeded.zephyrBeta, seeded.parentCustomer]],
    );
    expect(inProd).toHaveLength(3);
    await expectText('selected-total', /^\s*0 record/);
    await screenshot(page, '09-results');
  });

  it('finds the sync in the audit history with a valid chain, and opens its details', async () => {
    await page.getByRole('tab', { name: 'Audit history' }).click();
    await expectText('chain-badge', /Chain verified/);
    const committed = page.locator('tr[data-type="sync.committed"]');
    await committed.first().waitFor();
    expect(await committed.first().textContent()).toMatch(/4 inserted, 0 skipped, 0 failed/);
    await screenshot(page, '10-audit');

    await page.getByLabel('Type').click();
    await page.getByRole('option', { name: 'sync.committed' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-events"] tr[data-type]')];
      return rows.length > 0 && rows.every((row) => row.getAttribute('data-type') === 'sync.committed');
    });

    // By actor: the agent only logged in.
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByLabel('Actor (e-mail)').fill(api.users.agent.email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-events"] tr[data-type]')];
      return rows.length > 0 && rows.every((row) => row.getAttribute('data-type')?.startsWith('auth.'));
    });
    // By date: nothing happened yesterday.
    await page.getByRole('button', { name: 'Reset' }).click();
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-US');
    await page.getByLabel('From date').fill(yesterday);
    await page.getByLabel('To date').fill(yesterday);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No event matches the filters.').waitFor();
    await page.getByRole('button', { name: 'Reset' }).click();

    await committed.first().locator('a').click();
    await expectText('payload', /"inserted": 4/);
    await byTestId('comparison-link').waitFor();
    await byTestId('recheck-link').waitFor();
    await screenshot(page, '11-audit-event');
  });

  it('draws the drift of missing-in-Production records over past comparisons', async () => {
    await page.goto(url('/audit'));
    await page.getByRole('tab', { name: 'Drift over time' }).click();
    await byTestId('drift-chart').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, '12-drift-chart');
  });

  it("finds which sync wrote a customer from the audit page, and downloads that sync's evidence", async () => {
    await page.getByRole('tab', { name: 'Record provenance' }).click();
    await page.getByLabel('Record id').fill(seeded.zephyrAlpha);
    await page.keyboard.press('Enter');
    await expectText('provenance-reason', /Ticket CRM-42/);
    expect(await seriousViolations(page)).toEqual([]);
    await byTestId('provenance-sync').click();
    await byTestId('sync-page').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('download-evidence').click()]);
    const evidence = JSON.parse(readFileSync(await download.path(), 'utf8')) as SyncEvidence;
    expect(evidence.format).toBe(EVIDENCE_FORMAT);
    expect(evidence.sync.reason).toMatch(/Ticket CRM-42/);
    expect(evidence.records.find((r) => r.id === seeded.zephyrAlpha)).toMatchObject({
      status: 'inserted',
      matchesReview: true,
    });
  });

  it('keeps the layout whole at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(url('/comparison'));
    await page.locator('[data-testid="history"] a').first().click();
    await byTestId('card-customers').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '13-comparison-1024');
    await page.getByRole('tab', { name: 'Audit history' }).click();
    await page.locator('tr[data-type]').first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, '14-audit-1024');
  });

  it('logs out back to the login page, and a dropped session returns there too', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(url('/audit'));
    await page.waitForURL(/\/login\?returnUrl=%2Faudit/);
    expect(consoleErrors.filter((e) => !/401|403|409/.test(e))).toEqual([]);
  });

  it('had no Content-Security-Policy violation on any console page it visited', () => {
    expect([...visitedRoutes]).toEqual(
      expect.arrayContaining(['/login', '/comparison', '/comparisons/:id', '/audit', '/audit/events/:id']),
    );
    expect(cspViolations).toEqual([]);
  });

  /** The dialog moves the focus after its opening animation: wait for it, as a person would. */
  async function expectFocusOn(testId: string): Promise<void> {
    await page
      .waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId, { timeout: 10_000 })
      .catch(async () => {
        const actual = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        throw new Error(`the focus is on "${actual}", not on "${testId}"`);
      });
  }

  async function expectText(testId: string, pattern: RegExp): Promise<void> {
    const locator = byTestId(testId).first();
    await locator.waitFor();
    await page
      .waitForFunction(
        ({ id, source, flags }) =>
          new RegExp(source, flags).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
        { id: testId, source: pattern.source, flags: pattern.flags },
      )
      .catch(async (error: unknown) => {
        throw new Error(
          `[data-testid="${testId}"] never matched ${pattern}: it reads "${(await locator.textContent())?.trim()}" (${String(error)})`,
        );
      });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
