import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';

/** axe-core's browser build, evaluated in the page (not a script tag, which the console's CSP would block). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Waits until no finite animation or transition is running (a dialog fading
 * in, a ripple): mid-fade colours are blended with what is behind them, and
 * axe would measure a contrast the admin never sees once the page is still.
 * Endless ones (progress bars, spinners) are left running.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 10_000 },
  );
}

/**
 * Runs axe-core on the page once it is still and returns the serious and
 * critical violations (the bar: none), each with the elements it found.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await settled(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
