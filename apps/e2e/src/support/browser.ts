import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

/** Git-ignored (the root .gitignore has tmp): looked at by a person after each run. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', '..', 'tmp', 'screenshots');

/** Debian's Chromium, never a downloaded one (see TOOLCHAIN.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The whole page, or only the viewport for dialogs (the backdrop covers the viewport only). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}
