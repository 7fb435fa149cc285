import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { seedDemoBusiness } from '@receptionist/domain';
import type { AnyEngineTool, ToolResult } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestToolContext } from '../testing/index.ts';
import { buildReceptionistTools } from './index.ts';

/**
 * The demo practice closes on December 24–25 and January 1. "Today" is pinned on the days around them, so
 * these run the same on any date: the caller hears that the day is closed and when the next opening is.
 */
const ZONE = 'America/New_York';
let database: TestDatabase;
let businessId: string;
let callId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  businessId = (await seedDemoBusiness(database.db)).id;
  callId = (await createTestCall(database.db, businessId, { fromNumber: '+12025550123' })).id;
});

afterAll(async () => {
  await database.cleanup();
});

function availabilityTool(todayIso: string): AnyEngineTool {
  const nowMs = DateTime.fromISO(todayIso, { zone: ZONE }).toMillis();
  const tool = buildReceptionistTools({ db: database.db, businessId, now: () => nowMs }).find(
    (candidate) => candidate.name === 'check_availability',
  );
  if (tool === undefined) throw new Error('no check_availability tool');
  return tool;
}

function check(todayIso: string, date: string, preferredTime?: string): Promise<ToolResult> {
  return availabilityTool(todayIso).execute(
    { service: 'Cleaning', date, preferredTime } as never,
    createTestToolContext(businessId, callId, { callerNumber: '+12025550123' }),
  );
}

describe('closures the profile holds, asked about on the days around them', () => {
  it.each([
    // The closure is named, with its reason, before the next opening.
    [
      '2026-12-23T16:30',
      '2026-12-24',
      /^We're closed on Thursday, December 24 for Christmas\. The next opening is Monday, December 28 at 9:00 AM/,
    ],
    [
      '2026-12-23T16:30',
      '2026-12-25',
      /^We're closed on Friday, December 25 for Christmas\. The next opening is Monday, December 28 at 9:00 AM/,
    ],
    [
      '2026-12-31T10:00',
      '2027-01-01',
      /^We're closed on Friday, January 1 for New Year's Day\. The next opening is Monday, January 4 at 9:00 AM/,
    ],
  ])('today %s, asked for %s: closed, with the next opening', async (today, date, expected) => {
    const result = await check(today, date);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(expected);
  });

  it('offers the last open afternoon before the holiday and the first morning after it', async () => {
    expect((await check('2026-12-23T09:00', '2026-12-23', '16:00')).message).toContain('4:00 PM');
    expect((await check('2026-12-23T09:00', '2026-12-28', '09:00')).message).toContain('9:00 AM');
  });
});
