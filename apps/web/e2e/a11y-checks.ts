import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { screenshotDir } from './env.ts';

/** The widths every page must work at: a laptop and a small phone (iPhone SE/mini class). */
export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 375, height: 812 },
] as const;

/** WCAG 2.1 A and AA rules: what the "no serious or critical violations" is measured against. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per serious/critical violation and node, so a failure says what to fix and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    );
}

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - window.innerWidth;
  });
}

/** The elements sticking out past the right edge, to name in a failure message. */
async function widestElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const out: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.right > limit + 1 && out.length < 5) {
        const id = element.id ? `#${element.id}` : '';
        const cls =
          typeof element.className === 'string'
            ? `.${element.className.split(' ').slice(0, 3).join('.')}`
            : '';
        out.push(`${element.tagName.toLowerCase()}${id}${cls} right=${Math.round(box.right)}`);
      }
    }
    return out;
  });
}

/**
 * Checks the page has no serious/critical axe violation and no horizontal scroll; screenshots on request.
 * Soft assertions: one run reports every page that fails, not only the first.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  // `load`, not `networkidle`: a page may keep a connection open (live updates) and never go idle.
  await page.waitForLoadState('load');
  const overflow = await horizontalOverflow(page);
  expect
    .soft(overflow, `${label} scrolls sideways by ${overflow}px: ${(await widestElements(page)).join(', ')}`)
    .toBeLessThanOrEqual(0);
  expect.soft(await seriousViolations(page), `${label}: axe violations`).toEqual([]);
  if (screenshotDir !== undefined) {
    mkdirSync(screenshotDir, { recursive: true });
    const file = label
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    await page.screenshot({ path: join(screenshotDir, `${file}.png`), fullPage: true });
  }
}

/** The dashboard's pages as the app itself lists them: sidebar links, then every settings sub-page link. */
export async function discoverDashboardPaths(
  page: Page,
  webUrl: string,
  businessId: string,
): Promise<string[]> {
  const base = `/b/${businessId}`;
  await page.goto(`${webUrl}${base}`);
  const navLinks = await page
    .getByRole('navigation', { name: 'Dashboard' })
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  await page.goto(`${webUrl}${base}/settings`);
  const settingsLinks = await page
    .locator(`main a[href^="${base}/settings/"]`)
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  return [...new Set([...navLinks, ...settingsLinks])];
}
