import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_BUSINESS_ID, PLAN_CATALOGUE } from '@receptionist/domain';
import { WIDTHS } from './a11y-checks.ts';
import { e2eServers, screenshotDir } from './env.ts';
import { onboardBusiness, registerLocally, shot } from './helpers.ts';

/**
 * The visitor's front page: what the product does, the plans as configured, a demo call that really
 * connects without an account, and signed-in owners sent on to their business.
 */
const web = e2eServers().webUrl;

test('a visitor reads what it does and the configured plans, at both widths', async ({ browser }) => {
  for (const size of WIDTHS) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    const response = await page.goto(`${web}/`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(`${web}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your phone line, answered.');
    await expect(page.getByRole('heading', { name: 'What it does' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Call the demo' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();

    // Every plan of the catalogue, with the name and minutes the billing rules use.
    const cards = page.getByTestId('pricing-plans').getByRole('listitem');
    await expect(cards).toHaveCount(Object.keys(PLAN_CATALOGUE).length);
    for (const [plan, entry] of Object.entries(PLAN_CATALOGUE)) {
      const card = page.locator(`[data-plan="${plan}"]`);
      await expect(card.getByTestId('plan-name')).toHaveText(entry.name);
      await expect(card.getByTestId('plan-minutes')).toHaveText(
        entry.includedMinutes.toLocaleString('en-US'),
      );
    }
    // Served by our own origin only: no font, script or image from anywhere else.
    const foreign = await page.evaluate(
      (origin) =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => !url.startsWith(origin) && !url.startsWith('data:')),
      web,
    );
    expect(foreign).toEqual([]);
    if (screenshotDir !== undefined) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, `landing-${size.name}.png`), fullPage: true });
    }
    await shot(page, `landing-${size.name}`);
    await context.close();
  }
});

test('"Call the demo" connects a visitor to the demo business without an account', async ({ page }) => {
  await page.goto(`${web}/`);
  await page.getByRole('link', { name: 'Call the demo' }).click();
  await expect(page).toHaveURL(`${web}/demo`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Call the demo');
  await page.getByRole('button', { name: 'Start test call' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('On the call', { timeout: 60_000 });
  await expect(page.getByTestId('live-transcript')).toContainText(/Bright Smile/i, { timeout: 60_000 });
  await shot(page, 'landing-demo-call');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Call ended', { timeout: 30_000 });

  // The anonymous ticket can only ever name the demo business, whatever the request asks for.
  const ticket = await page.request.post(`${web}/api/demo/sessions`, {
    data: { businessId: 'biz_someone_else' },
    headers: { origin: web },
  });
  expect(ticket.status()).toBe(201);
  const { ticket: token } = (await ticket.json()) as { ticket: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
  expect(claims).toMatchObject({ kind: 'browser', businessId: DEMO_BUSINESS_ID, userId: 'visitor' });
  // Another site cannot mint demo calls with a visitor's browser.
  const foreign = await page.request.post(`${web}/api/demo/sessions`, {
    data: {},
    headers: { origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
});

test('a signed-in owner who opens / goes straight to their business', async ({ page }) => {
  await registerLocally(page, web, {
    name: 'Lena Landing',
    email: 'landing@example.com',
    password: 'front page visitor',
  });
  await onboardBusiness(page, web, {
    name: 'Landing Bakery',
    serviceName: 'Cake tasting',
    serviceMinutes: '20',
  });
  await page.goto(`${web}/`);
  await expect(page).toHaveURL(/\/b\/[^/]+$/);
  await expect(page.getByRole('navigation', { name: 'Dashboard' })).toBeVisible();
  // Sign-in and register also send a signed-in owner on instead of showing a form.
  await page.goto(`${web}/sign-in?mode=register`);
  await expect(page).toHaveURL(/\/b\/[^/]+$/);
});
