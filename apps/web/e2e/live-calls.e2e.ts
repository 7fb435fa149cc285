import { expect, test } from '@playwright/test';
import { e2eServers } from './env.ts';
import { onboardBusiness, registerLocally, shot } from './helpers.ts';

/**
 * Live calls on real servers: a browser test call runs in one tab (the local engine answers) while the
 * owner watches it in another on the live page: the call is listed, its transcript grows as the caller
 * types, a whispered note lands in the timeline, and hanging up from the live page ends the call for the
 * caller (who hears a goodbye first). Screenshots at desktop and mobile width.
 */
const servers = e2eServers();
const web = servers.webUrl;

test('a call in progress appears on the live page, its transcript grows, and staff hang it up', async ({
  page,
  context,
}) => {
  await registerLocally(page, web, {
    name: 'Lena Live',
    email: 'lena@live.example',
    password: 'a long live password',
  });
  const businessId = await onboardBusiness(page, web, {
    name: 'Cedar Vet Clinic',
    serviceName: 'Checkup',
    serviceMinutes: '30',
  });

  // The caller's side: a browser test call.
  await page.goto(`${web}/b/${businessId}/test`);
  await page.getByRole('button', { name: 'Start test call' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('On the call', { timeout: 60_000 });
  await expect(page.getByTestId('live-transcript')).toContainText(/Cedar Vet Clinic/i, { timeout: 60_000 });

  // The owner's side, in another tab of the same session: the live page lists the call.
  const staff = await context.newPage();
  await staff.goto(`${web}/b/${businessId}/live`);
  await expect(staff.getByRole('link', { name: 'Live calls' })).toHaveAttribute('aria-current', 'page');
  const listed = staff.getByTestId('live-call-list').getByRole('link');
  await expect(listed).toHaveCount(1, { timeout: 20_000 });
  await expect(listed.first()).toContainText('Browser test call');
  // Keyboard: focus the call and open it with Enter.
  await listed.first().focus();
  await staff.keyboard.press('Enter');
  await expect(staff).toHaveURL(/\/live\?call=/);
  const transcript = staff.getByTestId('live-transcript');
  await expect(transcript).toContainText(/Cedar Vet Clinic/i, { timeout: 20_000 });

  // The transcript grows while the call goes on: a typed caller line, then the agent's answer.
  const lines = transcript.locator('li');
  const before = await lines.count();
  await page.waitForTimeout(1_100); // a person's pace, under the typed-line flood limit
  await page.getByLabel('Type a message').fill('what are your opening hours');
  await page.getByLabel('Type a message').press('Enter');
  await expect(transcript).toContainText('what are your opening hours', { timeout: 30_000 });
  await expect.poll(() => lines.count(), { timeout: 60_000 }).toBeGreaterThan(before + 1);
  await shot(staff, '40-live-call-desktop');

  // A whispered note is recorded in the call's timeline (the local engine logs it; it is never spoken).
  await staff
    .getByRole('textbox', { name: 'Whisper to the agent' })
    .fill('She is a returning client, offer the first free slot.');
  await staff.getByRole('button', { name: 'Send note' }).click();
  await expect(staff.getByRole('status')).toContainText(/note/i);
  await expect(transcript).toContainText('returning client', { timeout: 20_000 });

  // A number outside the allowed destinations is refused with its reason, next to the form.
  await staff.getByRole('textbox', { name: 'Take over: transfer to your phone' }).fill('+19005550123');
  await staff.getByRole('button', { name: 'Transfer to me' }).click();
  await expect(staff.getByRole('status')).toContainText(/premium-rate/i);

  await staff.setViewportSize({ width: 375, height: 812 });
  await shot(staff, '41-live-call-mobile');
  const overflow = await staff.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Hang up from the live page: the caller's page sees the call end.
  await staff.getByRole('button', { name: 'Hang up' }).click();
  await staff.getByRole('button', { name: 'Confirm hang up' }).click();
  await expect(staff.getByTestId('live-call-state')).toContainText(/Ended/, { timeout: 30_000 });
  await expect(transcript).toContainText('Staff hung up the call');
  await expect(page.getByTestId('call-status')).toHaveText('Call ended', { timeout: 30_000 });
  await staff.reload();
  await expect(staff.getByText('No calls in progress')).toBeVisible({ timeout: 20_000 });
  await shot(staff, '42-live-none-mobile');
});
