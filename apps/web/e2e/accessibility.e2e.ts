import { expect, test } from '@playwright/test';
import { checkPage, discoverDashboardPaths, WIDTHS } from './a11y-checks.ts';
import { e2eServers } from './env.ts';
import { onboardBusiness, registerLocally } from './helpers.ts';

/**
 * Every page at a laptop and a phone width: no serious or critical axe-core violation (WCAG 2.1 AA rules)
 * and no sideways scroll. Dashboard pages are found at run time from the sidebar and the settings index,
 * so a page added to either is checked without touching this file.
 */
const web = e2eServers().webUrl;
const owner = { name: 'Alex Access', email: 'a11y@example.com', password: 'keyboard only please' };
let businessId = '';

test.describe.configure({ mode: 'serial' });

test('visitor pages: landing, sign-in, register, demo call', async ({ browser }) => {
  for (const size of WIDTHS) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    for (const [name, path] of [
      ['landing', '/'],
      ['sign-in', '/sign-in'],
      ['register', '/sign-in?mode=register'],
      ['demo', '/demo'],
    ] as const) {
      await page.goto(`${web}${path}`);
      await checkPage(page, `${size.name} ${name}`);
    }
    await context.close();
  }
});

test('every dashboard page, the test call and onboarding', async ({ page }) => {
  await registerLocally(page, web, owner);
  businessId = await onboardBusiness(page, web, {
    name: 'Access Dental',
    serviceName: 'Check-up',
    serviceMinutes: '30',
  });
  // One test call first, so the call list, the call page, customers and the charts have rows to lay out.
  await page.goto(`${web}/b/${businessId}/test`);
  await page.getByRole('button', { name: 'Start test call' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('On the call', { timeout: 60_000 });
  await expect(page.getByTestId('live-transcript')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Call ended', { timeout: 30_000 });
  const callLink = page.locator(`main a[href^="/b/${businessId}/calls/"]`).first();
  await expect(async () => {
    await page.goto(`${web}/b/${businessId}/calls`);
    await expect(callLink).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const callPath = await callLink.getAttribute('href');
  if (callPath === null) throw new Error('the call list links no call page');

  const paths = [...(await discoverDashboardPaths(page, web, businessId)), callPath];
  // The sidebar and the settings index each list several pages: an empty list would mean a broken finder.
  expect(paths.length).toBeGreaterThan(8);
  expect(paths.some((path) => path.startsWith(`/b/${businessId}/settings/`))).toBe(true);
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const path of paths) {
      await page.goto(`${web}${path}`);
      await checkPage(page, `${size.name} ${path.replace(`/b/${businessId}`, 'dashboard') || 'dashboard'}`);
    }
    // `/test` is the short address; it lands on the business's own test-call page.
    await page.goto(`${web}/test`);
    await expect(page).toHaveURL(/\/b\/[^/]+\/test$/);
    await checkPage(page, `${size.name} test shortcut`);
    await page.goto(`${web}/onboarding`);
    await checkPage(page, `${size.name} onboarding`);
  }
});

test('keyboard and phone: skip link, menu button, every nav link reachable by Tab', async ({ page }) => {
  await page.goto(`${web}/sign-in`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${web}/b/${businessId}/calls`);

  // The first Tab stop skips the navigation.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();

  // On a phone the navigation is folded behind a Menu button that says whether it is open.
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await checkPage(page, 'mobile menu open');

  // Tab walks through every nav link in order, each with a visible focus ring.
  const links = nav.getByRole('link');
  const count = await links.count();
  await page.locator('#dashboard-menu summary').focus();
  for (let index = 0; index < count; index++) {
    await page.keyboard.press('Tab');
    const link = links.nth(index);
    await expect(link).toBeFocused();
    const outline = await link.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline, `focus ring on ${await link.textContent()}`).not.toBe('none');
  }
  // Following a link closes the menu again.
  const lastHref = await links.nth(count - 1).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${web}${lastHref}`);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  // At desktop width there is no Menu button and the navigation is always shown.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(menu).toBeHidden();
  await expect(nav).toBeVisible();
});
