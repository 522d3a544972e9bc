// Two-person approval against the BUILT server started with SYNC_APPROVALS=2
// (README "Configuration"): over HTTP, then in Chromium with two browser
// contexts — the requester's and another admin's — on fresh databases.
import { randomUUID } from 'node:crypto';
import { PendingSyncResponse, Page as ApiPage, StoredSync, SyncListItem, SyncResult } from '@vantix/contracts';
import { insertUsers, makeTestUser } from '@vantix/testing';
import { Browser, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchChromium, screenshot } from './support/browser';
import { ConsoleServer, startConsoleServer } from './support/server';

const approver = makeTestUser('admin');
const records = { alpha: randomUUID(), beta: randomUUID(), gamma: randomUUID() };

describe('two-person approval (SYNC_APPROVALS=2)', () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer(
      async ({ development, production }, admin) => {
        await insertUsers(development, [approver]);
        await insertUsers(production, [approver]);
        const at = '2026-11-01T09:00:00.000Z';
        for (const [name, id] of Object.entries(records)) {
          await development.query(
            `INSERT INTO customers (id, name, company, email, owner_id, created_at, updated_at)
             VALUES ($1, $2, 'Approval GmbH', $3, $4, $5, $5)`,
            [id, `Approval ${name[0].toUpperCase()}${name.slice(1)}`, `${name}@approval.example`, admin.id, at],
          );
        }
      },
      { env: { SYNC_APPROVALS: '2', SYNC_APPROVAL_TTL_HOURS: '2' } },
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function call<T>(
    token: string,
    method: string,
    path: string,
    body?: object,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  async function token(email: string, password: string): Promise<string> {
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }
  const inProduction = async (id: string) =>
    (await server.query('production', 'SELECT 1 FROM customers WHERE id = $1', [id])).length === 1;

  it('over HTTP: 202 pending, self-approval 409, another admin approves and exactly the request is written', async () => {
    const requesterToken = await token(server.users.admin.email, server.users.admin.password);
    const approverToken = await token(approver.email, approver.password);
    const comparison = await call<{ id: string }>(requesterToken, 'POST', '/api/dev/compare-databases', {});
    expect(comparison.status).toBe(201);
    const requested = await call<PendingSyncResponse>(requesterToken, 'POST', '/api/dev/sync-to-production', {
      comparisonId: comparison.body.id,
      confirm: true,
      reason: 'E2E: two people sign off Approval Alpha',
      selections: [{ table: 'customers', ids: [records.alpha] }],
    });
    expect(requested.status).toBe(202);
    expect(requested.body.status).toBe('pending_approval');
    expect(await inProduction(records.alpha)).toBe(false);

    const pending = await call<ApiPage<SyncListItem>>(approverToken, 'GET', '/api/dev/syncs?status=pending_approval');
    expect(pending.body.items.map((i) => i.id)).toEqual([requested.body.id]);
    const own = await call<{ message: string }>(requesterToken, 'POST', `/api/dev/syncs/${requested.body.id}/approve`);
    expect(own.status).toBe(409);
    expect(own.body.message).toMatch(/another admin must approve it/);
    expect(await inProduction(records.alpha)).toBe(false);

    const approved = await call<SyncResult>(approverToken, 'POST', `/api/dev/syncs/${requested.body.id}/approve`);
    expect(approved.status).toBe(201);
    expect(approved.body.results).toEqual([
      { table: 'customers', id: records.alpha, status: 'inserted', reason: null },
    ]);
    expect(await inProduction(records.alpha)).toBe(true);
    const stored = await call<StoredSync>(requesterToken, 'GET', `/api/dev/syncs/${requested.body.id}`);
    expect(stored.body.status).toBe('committed');
    expect(stored.body.approvals.map((a) => a.actorEmail)).toEqual([approver.email]);
    const types = await server.query<{ type: string }>(
      'audit',
      `SELECT type FROM audit_events WHERE payload->>'syncId' = $1 ORDER BY seq`,
      [requested.body.id],
    );
    expect(types.map((t) => t.type)).toEqual([
      'sync.pending_approval',
      'sync.approval_refused',
      'sync.approved',
      'sync.committed',
    ]);
  });

  it('in Chromium: one admin requests, another approves from "Pending approvals" by keyboard; axe finds nothing serious', async () => {
    const requester = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const other = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    for (const page of [requester, other]) {
      page.setDefaultTimeout(60_000);
    }
    await logIn(requester, server.users.admin.email, server.users.admin.password);
    // The comparison is made over HTTP and opened by its address: /comparison would first open the newest
    // stored report (the previous test's re-comparison), and a late answer for it would reset the selection.
    const comparison = await call<{ id: string }>(
      await token(server.users.admin.email, server.users.admin.password),
      'POST',
      '/api/dev/compare-databases',
      {},
    );
    await requester.goto(`${server.baseUrl}/dev-console/comparisons/${comparison.body.id}`);
    await requester.locator('[data-testid="recommendations"]').waitFor();
    await requester.locator('[data-testid="search-customers-missingInProduction"]').fill('Approval Beta');
    await requester.locator(`[data-record-id="${records.beta}"] input[type="checkbox"]`).check();
    await requester.waitForFunction(() =>
      /^\s*1 record/.test(document.querySelector('[data-testid="selected-total"]')?.textContent ?? ''),
    );
    await requester.locator('[data-testid="execute-sync"]').click();
    await requester.locator('[data-testid="sync-reason"]').fill('E2E: Approval Beta signed the contract');
    await requester.locator('[data-testid="confirm-sync"]').click();
    await requester.locator('[data-testid="sync-pending"]').waitFor();
    expect(await requester.locator('[data-testid="sync-pending"]').textContent()).toMatch(/awaits approval/);
    expect(await inProduction(records.beta)).toBe(false);
    await requester.locator('[data-testid="sync-pending-link"]').click();
    await requester.waitForURL(/\/dev-console\/approvals$/);
    const mine = requester.locator('[data-testid="pending-sync"]');
    await mine.waitFor();
    expect(await mine.locator('[data-testid="cancel-sync"]').count()).toBe(1);
    expect(await mine.locator('[data-testid="approve-sync"]').count()).toBe(0);
    await screenshot(requester, 'approvals-01-requester');

    await logIn(other, approver.email, approver.password);
    await other.locator('nav a', { hasText: 'Pending approvals' }).click();
    await other.waitForURL(/\/dev-console\/approvals$/);
    const card = other.locator('[data-testid="pending-sync"]');
    await card.waitFor();
    expect(await card.locator('[data-testid="pending-reason"]').textContent()).toContain(
      'E2E: Approval Beta signed the contract',
    );
    await other.waitForFunction(() =>
      /Approval Beta/.test(document.querySelector('[data-testid="pending-records"]')?.textContent ?? ''),
    );
    expect(await seriousViolations(other)).toEqual([]);
    await screenshot(other, 'approvals-02-approver');
    // Keyboard only: Tab reaches "Approve and sync", Enter presses it.
    await tabTo(other, 'approve-sync');
    await other.keyboard.press('Enter');
    await other.waitForFunction(() =>
      /Approved sync .*: 1 inserted/.test(
        document.querySelector('[data-testid="approvals-outcome"]')?.textContent ?? '',
      ),
    );
    expect(await inProduction(records.beta)).toBe(true);
    await other.locator('[data-testid="no-pending-approvals"]').waitFor();
    expect(await seriousViolations(other)).toEqual([]);
  });

  it('in Chromium: another admin rejects with a reason; the requester sees it on the sync page', async () => {
    const requesterToken = await token(server.users.admin.email, server.users.admin.password);
    const comparison = await call<{ id: string }>(requesterToken, 'POST', '/api/dev/compare-databases', {});
    const requested = await call<PendingSyncResponse>(requesterToken, 'POST', '/api/dev/sync-to-production', {
      comparisonId: comparison.body.id,
      confirm: true,
      reason: 'E2E: Approval Gamma, please',
      selections: [{ table: 'customers', ids: [records.gamma] }],
    });
    expect(requested.status).toBe(202);
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(60_000);
    await logIn(page, approver.email, approver.password);
    await page.goto(`${server.baseUrl}/dev-console/approvals`);
    const card = page.locator(`[data-sync-id="${requested.body.id}"]`);
    await card.locator('[data-testid="reject-sync"]').click();
    const confirm = card.locator('[data-testid="confirm-reject"]');
    expect(await confirm.isDisabled()).toBe(true);
    await card.locator('[data-testid="reject-reason"]').fill('E2E: not during the freeze');
    await confirm.click();
    await page.waitForFunction(() =>
      /Rejected/.test(document.querySelector('[data-testid="approvals-outcome"]')?.textContent ?? ''),
    );
    await page.goto(`${server.baseUrl}/dev-console/syncs/${requested.body.id}`);
    await page.waitForFunction(() =>
      /Rejected by .*: E2E: not during the freeze/.test(
        document.querySelector('[data-testid="sync-approval"]')?.textContent ?? '',
      ),
    );
    expect(await page.locator('[data-testid="sync-status"]').textContent()).toMatch(/rejected/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await inProduction(records.gamma)).toBe(false);
  });

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${server.baseUrl}/dev-console/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/dev-console\/comparison$/);
  }

  async function tabTo(page: Page, testId: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) {
        return;
      }
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${testId}`);
  }
});
