import { expect, type Locator, type Page, test } from '@playwright/test';
import { e2eServers } from './env.ts';
import { onboardBusiness, registerLocally, shot } from './helpers.ts';

/**
 * Every settings page on real servers: for each, a value the profile schema refuses shows the schema's
 * message beside its field (tied to it by aria-describedby), then a good value saves, survives a reload and
 * shows up in the index's summary. Then each page at 375 px wide, without sideways scrolling.
 */
const servers = e2eServers();
const web = servers.webUrl;
let businessId = '';

test.describe.configure({ mode: 'serial' });

async function open(page: Page, section: string): Promise<Locator> {
  await page.goto(`${web}/b/${businessId}/settings/${section}`);
  await page.waitForLoadState('networkidle');
  return page.getByTestId(`settings-form-${section}`);
}

async function save(form: Locator): Promise<void> {
  await form.getByRole('button', { name: 'Save', exact: true }).click();
}

async function expectSaved(form: Locator): Promise<void> {
  await save(form);
  await expect(form.getByRole('status')).toHaveText('Saved');
}

/** The field is marked invalid and its own description carries the schema's message. */
async function expectFieldError(field: Locator, message: RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForLoadState('networkidle');
}

test('an owner sets up the business through every settings page', async ({ page }) => {
  await registerLocally(page, web, {
    name: 'Stella Settings',
    email: 'stella@settings.example',
    password: 'settings are saved one page at a time',
  });
  businessId = await onboardBusiness(page, web, {
    name: 'Cedar Physio',
    serviceName: 'Assessment',
    serviceMinutes: '45',
    faq: ['Where can I park?', 'Behind the building.'],
    transfer: ['Front desk', '+12025550100'],
  });

  // Business details.
  let form = await open(page, 'business');
  await form.getByLabel('Currency').fill('dollars');
  await save(form);
  await expectFieldError(form.getByLabel('Currency'), /ISO 4217/);
  await form.getByLabel('Currency').fill('EUR');
  await form.getByLabel('Business name').fill('Cedar Physio & Sports');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Business name')).toHaveValue('Cedar Physio & Sports');
  await expect(page.getByLabel('Currency')).toHaveValue('EUR');
  await shot(page, '30-settings-business');

  // Hours: a second break on Monday; a blank break end is refused beside it.
  form = await open(page, 'hours');
  await form.getByRole('button', { name: 'Add a break on Monday' }).click();
  await form.getByLabel('Monday break 2 starts').fill('15:00');
  await form.getByLabel('Monday break 2 ends').fill('');
  await save(form);
  await expectFieldError(form.getByLabel('Monday break 2 ends'), /HH:mm/);
  await shot(page, '31-settings-hours-error');
  await form.getByLabel('Monday break 2 ends').fill('15:15');
  await form.getByLabel('Monday closes').fill('08:00');
  await save(form);
  await expectFieldError(form.getByLabel('Monday closes'), /closing time must be after opening time/);
  await form.getByLabel('Monday closes').fill('17:30');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Monday break 1 starts')).toHaveValue('12:00');
  await expect(page.getByLabel('Monday break 2 starts')).toHaveValue('15:00');
  await expect(page.getByLabel('Monday break 2 ends')).toHaveValue('15:15');
  await expect(page.getByLabel('Monday closes')).toHaveValue('17:30');
  await shot(page, '31-settings-hours');

  // Closures, with the date picker.
  form = await open(page, 'closures');
  await form.getByRole('button', { name: 'Add a closure' }).click();
  await form.getByLabel('Closure 1 first day').fill('2031-01-02');
  await form.getByLabel('Closure 1 last day').fill('2031-01-01');
  await save(form);
  await expectFieldError(form.getByLabel('Closure 1 last day'), /closure must end on or after it starts/);
  await form.getByLabel('Closure 1 first day').fill('2030-12-24');
  await form.getByLabel('Closure 1 last day').fill('2030-12-26');
  await form.getByLabel('Closure 1 reason (optional)').fill('Holidays');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Closure 1 first day')).toHaveValue('2030-12-24');
  await expect(page.getByLabel('Closure 1 last day')).toHaveValue('2030-12-26');
  await expect(page.getByLabel('Closure 1 reason (optional)')).toHaveValue('Holidays');
  await shot(page, '32-settings-closures');

  // After hours: a transfer needs a destination.
  form = await open(page, 'after-hours');
  await form.getByLabel('When a call comes in outside opening hours').selectOption('transfer');
  await save(form);
  await expectFieldError(form.getByLabel('Transfer to'), /transferDestinationId/);
  await form.getByLabel('Transfer to').selectOption({ label: 'Front desk (+12025550100)' });
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('When a call comes in outside opening hours')).toHaveValue('transfer');
  await expect(page.getByLabel('Transfer to')).toHaveValue('front-desk');
  await shot(page, '33-settings-after-hours');

  // Services: duration, price and buffer; a second service.
  form = await open(page, 'services');
  await form.getByLabel('Service 1 duration (minutes)').fill('2');
  await save(form);
  await expectFieldError(form.getByLabel('Service 1 duration (minutes)'), /Too small/);
  await shot(page, '34-settings-services-error');
  await form.getByLabel('Service 1 duration (minutes)').fill('60');
  await form.getByLabel('Service 1 price (EUR, optional)').fill('80');
  await form.getByLabel('Service 1 buffer after (minutes)').fill('10');
  await form.getByRole('button', { name: 'Add a service' }).click();
  await form.getByLabel('Service 2 name').fill('Sports massage');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Service 1 duration (minutes)')).toHaveValue('60');
  await expect(page.getByLabel('Service 1 price (EUR, optional)')).toHaveValue('80.00');
  await expect(page.getByLabel('Service 1 buffer after (minutes)')).toHaveValue('10');
  await expect(page.getByLabel('Service 2 name')).toHaveValue('Sports massage');
  await expect(page.getByLabel('Service 2 duration (minutes)')).toHaveValue('30');
  await shot(page, '34-settings-services');

  // FAQ: keywords are kept.
  form = await open(page, 'faq');
  await form.getByLabel('Answer 1').fill('');
  await save(form);
  await expectFieldError(form.getByLabel('Answer 1'), /Too small/);
  await form.getByLabel('Answer 1').fill('Behind the building, free for patients.');
  await form.getByLabel('Keywords 1 (optional)').fill('parking, car park');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Keywords 1 (optional)')).toHaveValue('parking, car park');
  await expect(page.getByLabel('Answer 1')).toHaveValue('Behind the building, free for patients.');
  await shot(page, '35-settings-faq');

  // Transfers: a second destination and the fallback number.
  form = await open(page, 'transfers');
  await form.getByRole('button', { name: 'Add a destination' }).click();
  await form.getByLabel('Destination 2 name').fill('Billing');
  await form.getByLabel('Destination 2 phone number').fill('not a number');
  await save(form);
  await expectFieldError(form.getByLabel('Destination 2 phone number'), /E\.164/);
  await form.getByLabel('Destination 2 phone number').fill('+1 (202) 555-0166');
  await form.getByLabel('Fallback number (optional)').fill('+12025550177');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Destination 2 phone number')).toHaveValue('+12025550166');
  await expect(page.getByLabel('Fallback number (optional)')).toHaveValue('+12025550177');
  await shot(page, '36-settings-transfers');

  // Languages: Spanish with its own greeting and the keypad choice.
  form = await open(page, 'languages');
  await form.getByLabel('Languages served').fill('en-US, x');
  await save(form);
  await expectFieldError(form.getByLabel('Languages served'), /Too small/);
  await form.getByLabel('Languages served').fill('en-US, es-MX');
  await form.getByLabel(/keypad language choice/).check();
  await form.getByLabel('Greeting (es-MX)').fill('Gracias por llamar a Cedar Physio.');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Languages served')).toHaveValue('en-US, es-MX');
  await expect(page.getByLabel(/keypad language choice/)).toBeChecked();
  await expect(page.getByLabel('Greeting (es-MX)')).toHaveValue('Gracias por llamar a Cedar Physio.');
  await shot(page, '37-settings-languages');

  // Greeting and disclosure.
  form = await open(page, 'greeting');
  await form.getByLabel('Greeting', { exact: true }).fill('');
  await save(form);
  await expectFieldError(form.getByLabel('Greeting', { exact: true }), /Too small/);
  await form.getByLabel('Greeting', { exact: true }).fill('Cedar Physio, how can I help?');
  await form.getByLabel('AI disclosure').fill('I am the practice’s AI assistant.');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Greeting', { exact: true })).toHaveValue('Cedar Physio, how can I help?');
  await expect(page.getByLabel('AI disclosure')).toHaveValue('I am the practice’s AI assistant.');
  await shot(page, '38-settings-greeting');

  // Booking rules, with the cancellation window; fields are reached in order by keyboard.
  form = await open(page, 'booking');
  await form.getByLabel('Book up to (days ahead)').fill('0');
  await save(form);
  await expectFieldError(form.getByLabel('Book up to (days ahead)'), /Too small/);
  await form.getByLabel('Book up to (days ahead)').fill('90');
  await form.getByLabel('Cancellation window (hours)').fill('24');
  await form.getByLabel('Cancellation window (hours)').press('Tab');
  await expect(form.getByLabel('Before a caller changes a booking')).toBeFocused();
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel('Cancellation window (hours)')).toHaveValue('24');
  await expect(page.getByLabel('Book up to (days ahead)')).toHaveValue('90');
  await shot(page, '39-settings-booking');

  // Call limits: the silences.
  form = await open(page, 'call-limits');
  await form.getByLabel(/^Silence before/).fill('2');
  await save(form);
  await expectFieldError(form.getByLabel(/^Silence before/), /Too small/);
  await form.getByLabel(/^Silence before/).fill('12');
  await form.getByLabel(/^Further silence/).fill('20');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel(/^Silence before/)).toHaveValue('12');
  await expect(page.getByLabel(/^Further silence/)).toHaveValue('20');
  await shot(page, '40-settings-call-limits');

  // Recording and retention.
  form = await open(page, 'recording');
  await form.getByLabel(/^Record calls/).check();
  await form.getByLabel('Keep recordings for (days)').fill('0');
  await save(form);
  await expectFieldError(form.getByLabel('Keep recordings for (days)'), /Too small/);
  await form.getByLabel('Keep recordings for (days)').fill('90');
  await expectSaved(form);
  await reload(page);
  await expect(page.getByLabel(/^Record calls/)).toBeChecked();
  await expect(page.getByLabel('Keep recordings for (days)')).toHaveValue('90');
  await shot(page, '41-settings-recording');

  // Staff: an invitation, and the only owner cannot be removed.
  await page.goto(`${web}/b/${businessId}/settings/staff`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Staff email').fill('helper@settings.example');
  await page.getByRole('button', { name: 'Invite staff' }).click();
  await expect(page.getByText(/Invitation for helper@settings.example/)).toBeVisible();
  await page.getByRole('button', { name: 'Remove stella@settings.example' }).click();
  await expect(page.getByText('The only owner cannot be removed')).toBeVisible();
  await shot(page, '42-settings-staff');

  // The index sums up what was saved.
  await page.goto(`${web}/b/${businessId}/settings`);
  const index = page.getByTestId('settings-sections');
  await expect(index.getByTestId('settings-link-booking')).toContainText('cancel up to 24 h before');
  await expect(index.getByTestId('settings-link-hours')).toContainText('6 breaks');
  await expect(index.getByTestId('settings-link-after-hours')).toContainText('Transfer to Front desk');
  await expect(index.getByTestId('settings-link-recording')).toContainText('Recording, kept 90 days');
  await expect(index.getByTestId('settings-link-services')).toContainText('Assessment, Sports massage');
  await shot(page, '43-settings-index');
});

test('every settings page fits a 375 px phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${web}/sign-in`);
  await page.getByLabel('Email').fill('stella@settings.example');
  await page.getByLabel('Password').fill('settings are saved one page at a time');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  for (const section of [
    '',
    'business',
    'hours',
    'closures',
    'after-hours',
    'services',
    'faq',
    'transfers',
    'languages',
    'greeting',
    'booking',
    'call-limits',
    'recording',
    'staff',
  ]) {
    const response = await page.goto(`${web}/b/${businessId}/settings/${section}`);
    expect(response?.status(), section).toBe(200);
    await expect(page.locator('h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${section || 'index'} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(page, `44-settings-mobile-${section || 'index'}`);
  }
});
