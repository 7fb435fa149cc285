import { expect, test } from '@playwright/test';
import { e2eServers } from './env.ts';
import { onboardBusiness, registerLocally, shot } from './helpers.ts';

/**
 * Billing on real servers with a loopback Polar: an owner opens Billing (the trial), buys the Starter
 * plan through Polar's hosted checkout (the fake pays at once and sends the signed webhooks to
 * POST /api/webhooks/polar), comes back to the plan active, then places a browser test call and sees its
 * minutes counted (the worker embedded in the voice server records usage on `call.ended`).
 */
const servers = e2eServers();
const web = servers.webUrl;

test('owner buys a plan through Polar checkout and sees a test call’s minutes counted', async ({ page }) => {
  await registerLocally(page, web, {
    name: 'Bea Billing',
    email: 'bea@billing.example',
    password: 'a long billing password',
  });
  const businessId = await onboardBusiness(page, web, {
    name: 'Willow Physio',
    serviceName: 'Assessment',
    serviceMinutes: '45',
  });

  await page.goto(`${web}/b/${businessId}/billing`);
  await expect(page.getByTestId('billing-plan')).toHaveText('Trial');
  await expect(page.getByTestId('billing-minutes')).toHaveText('0 / 30');
  await shot(page, '20-billing-trial');

  await page.getByRole('button', { name: 'Choose Starter' }).click();
  // Polar's checkout page (the fake) completes the payment and sends the browser back.
  await expect(page).toHaveURL(new RegExp(`/b/${businessId}/billing\\?checkout=success`));
  await expect(page.getByRole('status')).toContainText('Starter');
  await expect(page.getByTestId('billing-plan')).toHaveText('Starter');
  await expect(page.getByText('active', { exact: true })).toBeVisible();
  await expect(page.getByTestId('billing-minutes')).toHaveText('0 / 300');
  await shot(page, '21-billing-starter');

  // The customer portal opens on Polar.
  await page.getByRole('button', { name: 'Invoices, payment method and cancellation' }).click();
  await expect(page).toHaveURL(new RegExp(`^${servers.polarUrl}/portal/`));
  await expect(page.getByRole('heading', { name: 'Customer portal' })).toBeVisible();

  // A short test call.
  await page.goto(`${web}/b/${businessId}/test`);
  await page.getByRole('button', { name: 'Start test call' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('On the call', { timeout: 60_000 });
  await expect(page.getByTestId('live-transcript')).toContainText(/Willow Physio/i, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Call ended', { timeout: 30_000 });

  // Its minutes appear on the billing page once the cold path has recorded them.
  await expect(async () => {
    await page.goto(`${web}/b/${businessId}/billing`);
    await expect(page.getByTestId('billing-minutes')).toHaveText(/^[1-9]\d* \/ 300$/, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(/· 1 call$/)).toBeVisible();
  await shot(page, '22-billing-usage');
});
