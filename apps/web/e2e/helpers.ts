import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { screenshotsDir } from './paths.ts';

/** Full-page screenshot under test-results/e2e/screenshots, for people to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

/**
 * Each test owner signs up from an address of their own, as separate people would: the sign-up limit (5 an
 * hour per IP) is meant for one client, and the e2e files register more owners than that. The address goes
 * in X-Forwarded-For, whose last entry the rate limiter reads, as a reverse proxy would set it.
 */
function ownerAddress(email: string): string {
  const digest = createHash('sha256').update(email).digest();
  return `10.${digest[0] ?? 0}.${digest[1] ?? 0}.${digest[2] ?? 0}`;
}

export async function registerLocally(
  page: Page,
  webUrl: string,
  user: { name: string; email: string; password: string },
) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': ownerAddress(user.email) });
  await page.goto(`${webUrl}/sign-in?mode=register`);
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/** Runs the onboarding wizard; returns the new business id (from the setup page URL). */
export async function onboardBusiness(
  page: Page,
  webUrl: string,
  business: {
    name: string;
    serviceName: string;
    serviceMinutes: string;
    faq?: [string, string];
    transfer?: [string, string];
    /** A second break on Monday, after the default lunch break: [start, end]. */
    secondMondayBreak?: [string, string];
  },
  screenshotPrefix?: string,
): Promise<string> {
  await page.goto(`${webUrl}/onboarding`);
  await page.getByRole('textbox', { name: 'Business name' }).fill(business.name);
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-1-business`);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Opening hours')).toBeVisible();
  if (business.secondMondayBreak) {
    await page.getByRole('button', { name: 'Add a break on monday' }).click();
    await page.getByLabel('monday break 2 starts').fill(business.secondMondayBreak[0]);
    await page.getByLabel('monday break 2 ends').fill(business.secondMondayBreak[1]);
  }
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-2-hours`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Service name').first().fill(business.serviceName);
  await page.getByLabel('Minutes').first().fill(business.serviceMinutes);
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-3-services`);
  await page.getByRole('button', { name: 'Next' }).click();
  if (business.faq) {
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByLabel('Question').fill(business.faq[0]);
    await page.getByLabel('Answer').fill(business.faq[1]);
  }
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-4-faq`);
  await page.getByRole('button', { name: 'Next' }).click();
  if (business.transfer) {
    await page.getByRole('button', { name: 'Add destination' }).click();
    await page.getByLabel('Destination name').fill(business.transfer[0]);
    await page.getByLabel('Destination number').fill(business.transfer[1]);
  }
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-5-transfers`);
  await page.getByRole('button', { name: 'Create business' }).click();
  await expect(page).toHaveURL(/\/b\/[^/]+\/setup$/);
  const match = /\/b\/([^/]+)\/setup$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`unexpected setup URL ${page.url()}`);
  return match[1];
}
