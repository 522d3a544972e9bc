// The console built for review (issue 15), in Debian's Chromium against the
// BUILT server on fresh databases: record detail with Dev and Prod side by
// side, names everywhere, the grid, recommendations that select, the result in
// view, the freshness banner, the comparison scope, axe-core on every page
// state (0 serious or critical) and a 390 px phone. One page, in order.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { SCREENSHOT_DIR, launchChromium, screenshot } from './support/browser';
import { SeededRecords, seedDriftedCrm } from './support/seed';
import { ConsoleServer, startConsoleServer } from './support/server';

/** Committed: the closing note of the issue shows these. */
const COMMITTED_SCREENSHOTS = join(__dirname, '..', 'screenshots');

describe('console review (issue 15)', () => {
  let api: ConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: SeededRecords;
  const fileId = randomUUID();
  // Users only in Dev: an admin account, and an agent whose e-mail a Production-only user already has.
  const newAdmin = randomUUID();
  const clashing = randomUUID();
  const holder = randomUUID();
  let firstReportUrl = '';
  let storedSyncUrl = '';

  const url = (path: string) => `${api.baseUrl}/dev-console${path}`;
  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const row = (id: string) => page.locator(`[data-record-id="${id}"]`).first();

  beforeAll(async () => {
    api = await startConsoleServer(async ({ development, production }, admin) => {
      seeded = await seedDriftedCrm(development, production, admin.id);
      // Quentin Parent (missing in Prod) also has a file in Dev: a customer with its note and file to recover.
      await development.query(
        `INSERT INTO customer_files (id, customer_id, uploaded_by, file_name, mime_type, size_bytes, storage_key)
         VALUES ($1, $2, $3, 'renewal-contract-with-a-rather-long-name.pdf',
                 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 48213, 'files/quentin/1')`,
        [fileId, seeded.parentCustomer, admin.id],
      );
      const insertUser = `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
                          VALUES ($1, $2, $3, $4, 'not-a-real-hash', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`;
      await development.query(insertUser, [newAdmin, 'ada@dev.example', 'Ada Admin', 'admin']);
      await development.query(insertUser, [clashing, 'casey@example.com', 'Casey Clash', 'agent']);
      await production.query(insertUser, [holder, 'casey@example.com', 'Casey Holder', 'agent']);
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** axe-core on the page as it is: no serious or critical violation. */
  async function expectAccessible(state: string): Promise<void> {
    const found = await seriousViolations(page);
    if (found.length) {
      await screenshot(page, `axe-${state}`);
    }
    expect({ state, found }).toEqual({ state, found: [] });
  }

  async function expectText(testId: string, pattern: RegExp): Promise<void> {
    await byTestId(testId).first().waitFor();
    await page
      .waitForFunction(
        ({ id, source, flags }) =>
          new RegExp(source, flags).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
        { id: testId, source: pattern.source, flags: pattern.flags },
        { timeout: 30_000 },
      )
      .catch(async () => {
        throw new Error(
          `[data-testid="${testId}"] never matched ${pattern}: "${await byTestId(testId).first().textContent()}"`,
        );
      });
  }

  async function keep(name: string, fullPage = false): Promise<void> {
    await screenshot(page, name, fullPage);
    mkdirSync(COMMITTED_SCREENSHOTS, { recursive: true });
    copyFileSync(join(SCREENSHOT_DIR, `${name}.png`), join(COMMITTED_SCREENSHOTS, `${name}.png`));
  }

  async function inViewport(testId: string): Promise<boolean> {
    return byTestId(testId)
      .first()
      .evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
  }

  it('login page: accessible; logging in with no comparison yet shows the empty comparison page', async () => {
    await page.goto(url('/login'));
    await page.getByLabel('E-mail').waitFor();
    await expectAccessible('login');
    await page.getByLabel('E-mail').fill(api.users.admin.email);
    await page.getByLabel('Password').fill(api.users.admin.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/comparison$/);
    await byTestId('scope').waitFor();
    await expectAccessible('comparison-empty');
  });

  it('the status bar shows the health warnings as text (the e2e Production role is a superuser)', async () => {
    await expectText('health-warnings-summary', /\d+ health warnings?/);
    await byTestId('health-warnings-summary').focus();
    await page.keyboard.press('Enter');
    await expectText('health-warnings', /superuser/);
    await expectAccessible('status-bar-warnings');
    await byTestId('health-warnings-summary').click();
  });

  it('compares all tables; the report advises in plain words and every state is accessible', async () => {
    await byTestId('compare').click();
    await page.waitForURL(/\/comparisons\/[0-9a-f-]{36}$/, { timeout: 120_000 });
    firstReportUrl = page.url();
    await expectText('missing-prod-customers', /5,003/);
    // The dependencies are read: the note and the file of Quentin need their customer.
    await page.locator('[data-priority="parents"][data-table="customer_notes"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-priority="ready"][data-table="customers"]').textContent()).toMatch(/5,003|5003/);
    expect(await page.locator('[data-priority="parents"]').first().textContent()).toMatch(
      /Needs parents.*Copy them together with the records they belong to/,
    );
    await page.getByText('Loading…').first().waitFor({ state: 'detached', timeout: 60_000 });
    await expectAccessible('report');
    await keep('report');
  });

  it('shows a visible focus ring on every control the keyboard reaches', async () => {
    await page.locator('h1').click();
    const missing: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || active === document.body) {
          return null;
        }
        // A checkbox's input is invisible: its ring is drawn around the box.
        const drawn = (active.closest('.mat-mdc-checkbox')?.querySelector('.mdc-checkbox') as HTMLElement) ?? active;
        const style = getComputedStyle(drawn);
        // An outlined form field shows focus by thickening its own outline in the primary colour.
        const field = active.closest('.mat-mdc-form-field.mat-focused')?.querySelector('.mdc-notched-outline__leading');
        const visible =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
          (field ? parseFloat(getComputedStyle(field).borderTopWidth) >= 2 : false);
        return {
          visible,
          name: `${active.tagName.toLowerCase()}.${active.className} "${(active.textContent ?? '').trim().slice(0, 30)}"`,
        };
      });
      if (ring && !ring.visible) {
        missing.push(ring.name);
      }
    }
    expect(missing).toEqual([]);
  });

  it('"Select these" selects exactly the recommendation\'s records and brings the selection into view', async () => {
    await page.locator('[data-priority="parents"][data-table="customer_notes"] [data-testid="select-these"]').click();
    await expectText('selected-total', /^\s*1 record\(s\) selected/);
    await expectText('selected-count-customer_notes', /1 of 2 selected/);
    expect(await inViewport('selection-bar')).toBe(true);
    expect(await row(seeded.note).locator('input[type="checkbox"]').isChecked()).toBe(true);
  });

  it('the grid: headers that sort, flags, a date column that never moves, the needs-parents filter', async () => {
    await byTestId('tab-customer_notes').click();
    const grid = page.locator('vx-record-list').first();
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Record/), expect.stringMatching(/Created/)]),
    );
    await row(seeded.note).getByTestId('flag-parent-missing').waitFor();
    await byTestId('filter-customer_notes').selectOption('needsParents');
    expect(await grid.locator('[role="row"][data-record-id]').count()).toBe(1);
    await byTestId('filter-customer_notes').selectOption('ready');
    expect(await row(seeded.note).count()).toBe(0);
    await byTestId('filter-customer_notes').selectOption('all');
    await expectAccessible('report-customer_notes-grid');

    await byTestId('tab-customer_files').click();
    const fileRow = row(fileId);
    await fileRow.waitFor();
    const created = fileRow.locator('.created');
    const headerCreated = page.locator('vx-record-list').first().locator('[role="columnheader"].created');
    // The long file name and MIME type are ellipsed: the date column starts where the header's does.
    const [cellBox, headBox] = [await created.boundingBox(), await headerCreated.boundingBox()];
    expect(Math.abs((cellBox?.x ?? 0) - (headBox?.x ?? -100))).toBeLessThan(2);
    await expectAccessible('report-customer_files-grid');

    await byTestId('tab-customers').click();
    await byTestId('sort-created-missingInProduction').click();
    await page.locator('vx-record-list').first().locator('[role="columnheader"][aria-sort="ascending"]').waitFor();
    await expectAccessible('report-customers-grid');
  });

  it('recovers a customer with its note and file in one action', async () => {
    await byTestId('search-customers-missingInProduction').fill('Quentin');
    await row(seeded.parentCustomer).getByTestId('select-with-children').click();
    await expectText('selected-count-customers', /1 of 5003 selected/);
    await expectText('tab-customer_files', /1 missing in Production, 1 selected/);
    // The note was already selected by the recommendation: three records in all.
    await expectText('selected-total', /^\s*3 record\(s\) selected/);
  });

  it('opens a differing record: Development and Production side by side, the changed cell marked', async () => {
    await page.getByRole('button', { name: /Differing \(1\)/ }).click();
    const differing = page.locator('vx-record-list').filter({ hasText: 'differing' }).last();
    const open = differing.getByTestId('open-detail').first();
    await open.focus();
    await page.keyboard.press('Enter');
    await byTestId('record-detail').waitFor();
    await expectText('detail-state', /on both sides, with different values: 1 column\(s\) differ/);
    expect(await byTestId('dev-email').textContent()).toContain('dora@dev.example.com');
    expect(await byTestId('prod-email').textContent()).toContain('dora@prod.example.com');
    expect(await page.locator('tr.changed').count()).toBe(1);
    expect(await page.locator('tr.changed').getAttribute('data-column')).toBe('email');
    await expectText('detail-parents', /in Production/);
    // Production's copy was not written by Vantix Sync: the detail says so.
    await expectText('provenance-never', /Vantix Sync never wrote this record/);
    await expectAccessible('detail-differing');
    await keep('detail-diff');
    await page.keyboard.press('Escape');
    await byTestId('record-detail').waitFor({ state: 'detached' });
    // The focus goes back to the row it came from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-detail');
  });

  it('opens a customer missing in Production: its children in Development, by name', async () => {
    await row(seeded.parentCustomer).getByTestId('open-detail').click();
    await expectText('detail-children', /1 note.*1 missing in Production/s);
    await expectText('detail-children', /Renewal call/);
    await expectText('detail-children', /1 file/);
    await expectText('value-name', /Quentin Parent/);
    await expectAccessible('detail-missing');
    await byTestId('detail-close').click();
    await byTestId('record-detail').waitFor({ state: 'detached' });
  });

  it('the dialog names every record it will write, warns about stored files, and wants nothing typed for 3', async () => {
    await byTestId('execute-sync').click();
    await expectText('plan-total', /3/);
    await expectText('plan-records', /Quentin Parent — Quill & Co/);
    await expectText('plan-records', /Renewal call/);
    await expectText('plan-records', /renewal-contract/);
    await byTestId('files-note').waitFor();
    expect(await byTestId('typed-database').count()).toBe(0);
    await expectAccessible('dialog');
    // The committed picture shows the whole dialog, the reason given and Confirm enabled.
    await byTestId('sync-reason').fill('Ticket CRM-8: Quentin signed, his renewal call and contract go to Production');
    await page.setViewportSize({ width: 1280, height: 1300 });
    await keep('confirmation');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
  });

  it('names the missing parent in the refusal and in the plan ("Include parents")', async () => {
    await byTestId('search-customers-missingInProduction').fill('');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.locator('[data-priority="parents"][data-table="customer_notes"] [data-testid="select-these"]').click();
    await byTestId('execute-sync').click();
    await expectText('missing-parents', /Quentin Parent — Quill & Co/);
    await expectAccessible('dialog-refusal');
    await byTestId('include-parents').click();
    await expectText('plan-parents', /Quentin Parent — Quill & Co/);
    await expectText('plan-records', /customers \(parent\):\s*Quentin Parent/);
    await byTestId('sync-reason').fill('Ticket CRM-9: the renewal call and its customer');
    await byTestId('confirm-sync').click();
  });

  it('after Confirm the result has the focus, is in view, and a live region reads the counts', async () => {
    await byTestId('sync-results').waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'results-heading',
      undefined,
      { timeout: 10_000 },
    );
    expect(await inViewport('results-heading')).toBe(true);
    await expectText('results-announcement', /2 inserted, 0 skipped, 0 failed/);
    await expectText('record-results', /Quentin Parent — Quill & Co/);
    await expectText('record-results', /Renewal call/);
    await expectAccessible('results');
    await keep('result');
  });

  it('the result links to the stored sync, whose page survives a reload', async () => {
    await byTestId('sync-page-link').click();
    await page.waitForURL(/\/dev-console\/syncs\/[0-9a-f-]{36}$/);
    await page.reload();
    await expectText('sync-status', /Sync committed/);
    await expectText('sync-reason-text', /Ticket CRM-9/);
    await expectText('sync-page-records', /Quentin Parent — Quill & Co/);
    await expectText('sync-page-records', /Renewal call/);
    await expectAccessible('stored-sync');
    // The history lists it, newest first, with a link back to the same page.
    const syncUrl = page.url();
    storedSyncUrl = syncUrl;
    await page.locator('nav a', { hasText: 'Sync history' }).click();
    const row = byTestId('history').locator(`a[data-history-id="${syncUrl.split('/').pop()}"]`);
    await row.waitFor();
    await expectText('history', /committed/);
    await expectText('history', /Ticket CRM-9/);
    await expectAccessible('sync-history');
    await row.click();
    await page.waitForURL(syncUrl);
  });

  it('an older report says so, with "Run a new comparison"', async () => {
    await page.goto(firstReportUrl);
    await expectText('stale-banner', /not the latest/);
    await byTestId('compare-again').waitFor();
    await expectAccessible('report-stale');
    await byTestId('open-latest').click();
    await byTestId('stale-banner').waitFor({ state: 'detached' });
  });

  it('a large sync wants the Production host and database typed, not a name Dev could share', async () => {
    await byTestId('tab-customers').click();
    await byTestId('select-all-customers').locator('input').check();
    await byTestId('execute-sync').click();
    await expectText('plan-total', /5002/);
    const target = ((await byTestId('typed-expected').textContent()) ?? '').trim();
    expect(target).toBe(((await byTestId('db-prod').locator('.target').textContent()) ?? '').trim());
    expect(target).toMatch(/^[^/]+:\d+\/\w*e2e_prod/);
    const confirm = byTestId('confirm-sync');
    await byTestId('sync-reason').fill('Ticket CRM-10: every customer of the spring campaign');
    await byTestId('typed-database').fill(target.split('/').pop() as string);
    expect(await confirm.isDisabled()).toBe(true);
    await byTestId('typed-database').fill(target);
    expect(await confirm.isEnabled()).toBe(true);
    await expectAccessible('dialog-typed');
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
    await byTestId('select-all-customers').locator('input').uncheck();
  });

  it('names an admin account before it may come along, and a unique-key conflict that refuses the sync', async () => {
    await byTestId('tab-users').click();
    await row(newAdmin).getByText('admin account').waitFor();
    await expectAccessible('report-users-grid');
    await row(newAdmin).locator('input[type="checkbox"]').check();
    await byTestId('execute-sync').click();
    await expectText('admin-accounts', /1 admin account\(s\) selected.*ada@dev\.example \(admin\)/s);
    expect(await byTestId('confirm-sync').isDisabled()).toBe(true);
    await byTestId('allow-admin-accounts').click();
    await expectText('plan-admin-accounts', /password hashes.*ada@dev\.example \(admin\)/s);
    // One record, but an admin account: the Production target must be typed.
    await byTestId('sync-reason').fill('Ticket CRM-11: Ada runs the Production CRM from Monday');
    await byTestId('typed-database').waitFor();
    expect(await byTestId('confirm-sync').isDisabled()).toBe(true);
    await expectAccessible('dialog-admin-accounts');
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
    await row(newAdmin).locator('input[type="checkbox"]').uncheck();

    await row(clashing).locator('input[type="checkbox"]').check();
    await byTestId('execute-sync').click();
    await expectText(
      'refused-records',
      // A user is named by its e-mail and role: both are "casey@example.com (agent)", told apart by id.
      new RegExp(
        `casey@example\\.com \\(agent\\) \\(${clashing}\\).*Production already has casey@example\\.com \\(agent\\) \\(${holder}\\) with the same email.*users_email_key`,
        's',
      ),
    );
    expect(await byTestId('confirm-sync').isDisabled()).toBe(true);
    await expectAccessible('dialog-conflict');
    // With a customer selected too, the refused user can be left out and the rest planned.
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
    await byTestId('tab-customers').click();
    await byTestId('search-customers-missingInProduction').fill('Zephyr Alpha');
    await row(seeded.zephyrAlpha).locator('input[type="checkbox"]').check();
    await byTestId('execute-sync').click();
    await byTestId('leave-out-refused').click();
    await expectText('plan-left-out', new RegExp(`casey@example\\.com \\(agent\\) \\(${clashing}\\)`));
    await expectText('plan-records', /Zephyr Alpha/);
    await expectText('plan-total', /^\s*1 record/);
    await page.keyboard.press('Escape');
    await byTestId('confirm-sync').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await byTestId('search-customers-missingInProduction').fill('');
  });

  it('compares only the chosen tables; /comparison opens the latest report', async () => {
    for (const table of ['users', 'customers', 'customer_files']) {
      await byTestId(`scope-${table}`).locator('input').uncheck();
    }
    await byTestId('compare').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="card-"]').length === 1, undefined, {
      timeout: 120_000,
    });
    await byTestId('card-customer_notes').waitFor();
    const latest = page.url();
    await page.goto(url('/comparison'));
    await page.waitForURL(latest);
    await byTestId('card-customer_notes').waitFor();
  });

  it('audit history, an event and the drift chart are accessible', async () => {
    await page.goto(url('/audit'));
    await page.locator('tr[data-type]').first().waitFor();
    await expectAccessible('audit');
    await page.locator('tr[data-type="sync.committed"] a').first().click();
    await byTestId('payload').waitFor();
    await expectAccessible('audit-event');
    await page.goto(url('/audit'));
    await page.getByRole('tab', { name: 'Drift over time' }).click();
    await byTestId('drift-chart').waitFor();
    await expectAccessible('drift-chart');
  });

  it('works on a 390 px phone without sideways page scroll, and at 1024 px', async () => {
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(firstReportUrl);
    await byTestId('card-customers').waitFor();
    await byTestId('tab-customers').click();
    await page.locator('vx-record-list').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible('report-390');
    await screenshot(page, 'review-390-report');
    await page.goto(url('/audit'));
    await page.locator('tr[data-type]').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The stored sync's per-record table scrolls inside itself, not the page.
    await page.goto(storedSyncUrl);
    await byTestId('sync-page-records').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible('stored-sync-390');
    await page.goto(url('/history'));
    await byTestId('history').locator('a[data-history-id]').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(url('/login'));
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(firstReportUrl);
    await byTestId('card-customers').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    // Every count of every card is visible, none cut off.
    const hidden = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid^="card-"] dd')].filter((dd) => dd.scrollWidth > dd.clientWidth + 1)
          .length,
    );
    expect(hidden).toBe(0);
  });
});
