import { expect, test } from '@playwright/test';
import { e2eServers } from './env.ts';
import { onboardBusiness, registerLocally, shot } from './helpers.ts';

/**
 * Phone numbers in-app against a loopback Twilio REST API: the owner connects a Twilio account (a wrong
 * token is refused first), searches numbers by area code, buys one after a confirmation showing its
 * monthly price, and sees it answering for the business with its webhooks set; Twilio's own record of the
 * number carries our voice, status and SMS URLs. A number the account already had is attached the same
 * way. Then the bought number is released back to Twilio.
 */
const servers = e2eServers();
const web = servers.webUrl;
const { twilio } = servers;

/** The number as Twilio's REST API lists it on the account (read straight from the fake). */
async function twilioRecordOf(phoneNumber: string): Promise<Record<string, unknown> | undefined> {
  const url = new URL(`/2010-04-01/Accounts/${twilio.accountSid}/IncomingPhoneNumbers.json`, twilio.url);
  url.searchParams.set('PhoneNumber', phoneNumber);
  const basic = Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64');
  const response = await fetch(url, { headers: { authorization: `Basic ${basic}` } });
  const page = (await response.json()) as { incoming_phone_numbers: Array<Record<string, unknown>> };
  return page.incoming_phone_numbers[0];
}

test('owner connects Twilio, buys a number with its webhooks set, and releases it', async ({ page }) => {
  await registerLocally(page, web, {
    name: 'Nora Numbers',
    email: 'nora@numbers.example',
    password: 'a long numbers password',
  });
  const businessId = await onboardBusiness(page, web, {
    name: 'Harbor Dental',
    serviceName: 'Check-up',
    serviceMinutes: '30',
  });

  await page.goto(`${web}/b/${businessId}`);
  await page
    .getByRole('navigation', { name: 'Dashboard' })
    .getByRole('link', { name: 'Phone numbers' })
    .click();
  await expect(page).toHaveURL(`${web}/b/${businessId}/numbers`);
  await expect(page.getByRole('heading', { name: 'Phone numbers', level: 1 })).toBeVisible();

  // Credentials are checked with Twilio before they are kept.
  await page.getByLabel('Account SID').fill(twilio.accountSid);
  await page.getByLabel('Auth token or API key secret').fill('not-the-right-token-000');
  await page.getByRole('button', { name: 'Connect Twilio account' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Twilio refused the credentials' })).toBeVisible();
  // The SID is kept as typed; the secret is not.
  await expect(page.getByLabel('Account SID')).toHaveValue(twilio.accountSid);
  await page.getByLabel('Auth token or API key secret').fill(twilio.authToken);
  await page.getByRole('button', { name: 'Connect Twilio account' }).click();
  await expect(page.getByTestId('twilio-account')).toContainText(twilio.accountSid);
  await expect(page.getByTestId('twilio-account')).toContainText('E2E Twilio');

  // A number the account already has is offered for attaching; attaching points its webhooks at us.
  await expect(page.getByTestId('unattached-numbers')).toContainText('+13105550150');
  await page.getByRole('button', { name: 'Attach +13105550150' }).click();
  await expect(
    page.getByTestId('routed-number').filter({ hasText: '+13105550150' }).getByText('Webhooks set'),
  ).toBeVisible();
  expect(await twilioRecordOf('+13105550150')).toMatchObject({
    voice_url: `${servers.voiceUrl}/twilio/voice`,
  });

  // Search by area code; the confirmation shows the monthly price from the search result.
  await page.getByLabel('Area code').fill('415');
  await page.getByRole('button', { name: 'Search numbers' }).click();
  const offers = page.getByTestId('number-offers');
  await expect(offers.getByRole('row')).toHaveCount(2);
  await expect(offers).toContainText('+14155550142');
  await expect(offers).not.toContainText('+12125550144');
  await expect(offers).toContainText('1.15 USD a month');
  await shot(page, '60-numbers-search');
  await page.getByRole('button', { name: 'Buy +14155550142' }).click();
  const dialog = page.getByRole('dialog', { name: 'Buy +14155550142?' });
  await expect(dialog.getByTestId('confirm-price')).toHaveText('1.15 USD a month');
  await dialog.getByLabel('Label').fill('Front desk');
  await shot(page, '61-numbers-confirm');
  await dialog.getByRole('button', { name: 'Buy for 1.15 USD a month' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bought +14155550142' })).toBeVisible();

  // Listed as answering here, with the webhooks Twilio holds for it being ours.
  await page.reload();
  const routed = page.getByTestId('routed-number').filter({ hasText: '+14155550142' });
  await expect(routed).toContainText('Front desk');
  await expect(routed).toContainText('Webhooks set');
  await shot(page, '62-numbers-bought');
  expect(await twilioRecordOf('+14155550142')).toMatchObject({
    voice_url: `${servers.voiceUrl}/twilio/voice`,
    voice_method: 'POST',
    status_callback: `${servers.voiceUrl}/twilio/status`,
    status_callback_method: 'POST',
    sms_url: `${servers.voiceUrl}/twilio/sms`,
    friendly_name: 'Front desk',
  });

  // Release it (after confirming): gone from Twilio and from the business.
  await routed.getByRole('button', { name: 'Release +14155550142' }).click();
  await page
    .getByRole('dialog', { name: 'Release +14155550142?' })
    .getByRole('button', { name: 'Release number' })
    .click();
  await expect(page.getByTestId('routed-number')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('routed-numbers')).not.toContainText('+14155550142');
  expect(await twilioRecordOf('+14155550142')).toBeUndefined();
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, '63-numbers-mobile');
});
