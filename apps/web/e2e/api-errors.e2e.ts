import { expect, test } from '@playwright/test';
import {
  closeDatabase,
  createApiKey,
  DEMO_BUSINESS_ID,
  openDatabase,
  tenantContext,
} from '@receptionist/domain';
import { DateTime } from 'luxon';
import { e2eServers } from './env.ts';

/**
 * Issue 14, item 9, against the production build (`next build` minifies class names): expected refusals keep
 * their status — a closed day 422, an unknown appointment 404, a taken slot 409 — instead of all becoming 500.
 */
const servers = e2eServers();

test('REST refusals keep their status in the production build', async ({ request }) => {
  const db = await openDatabase({ url: servers.databaseUrl });
  let key: string;
  try {
    ({ key } = await createApiKey({
      ctx: tenantContext(db, DEMO_BUSINESS_ID, { kind: 'system' }),
      input: { name: 'e2e item 9' },
    }));
  } finally {
    closeDatabase(db);
  }
  const headers = { authorization: `Bearer ${key}` };
  const today = DateTime.now().setZone('America/New_York').startOf('day');
  let sunday = today.plus({ days: 2 });
  while (sunday.weekday !== 7) sunday = sunday.plus({ days: 1 });
  let weekday = today.plus({ days: 3 });
  while (weekday.weekday > 5 || (weekday.month === 12 && weekday.day >= 24))
    weekday = weekday.plus({ days: 1 });
  const book = (date: DateTime) =>
    request.post(`${servers.webUrl}/api/v1/appointments`, {
      headers,
      data: {
        service: 'Whitening',
        date: date.toISODate(),
        time: '14:00',
        customerName: 'Item Nine',
        phone: '+12125550199',
      },
    });

  const closed = await book(sunday);
  expect(closed.status()).toBe(422);
  expect((await closed.json()).error.details.reason).toBe('closed');
  const missing = await request.post(`${servers.webUrl}/api/v1/appointments/apt_missing/cancel`, { headers });
  expect(missing.status()).toBe(404);
  expect((await book(weekday)).status()).toBe(201);
  const taken = await book(weekday);
  expect(taken.status()).toBe(409);
  expect((await taken.json()).error.details.reason).toBe('slot_taken');
});
