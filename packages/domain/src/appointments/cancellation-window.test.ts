import { forBusiness, type TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContext } from '../availability/index.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { bookAppointment } from './book.ts';
import { cancelAppointment } from './cancel.ts';
import { rescheduleAppointment } from './reschedule.ts';

const ZONE = 'America/New_York';
/** The booking starts at 10:00 on the 8th; "now" moves relative to it. */
const DAY = '2030-01-08';
const START = DateTime.fromISO(`${DAY}T10:00`, { zone: ZONE }).toMillis();
const HOUR_MS = 3_600_000;

let database: TestDatabase;
let tenant: TenantDb;
let profile: BusinessProfile;
let appointmentId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant, profile } = await createTestReceptionistBusiness(database.db));
  profile = { ...profile, bookingRules: { ...profile.bookingRules, cancellationWindowHours: 24 } };
  const booked = await bookAppointment({
    ctx: { tenant, profile, nowMs: START - 72 * HOUR_MS },
    input: { service: 'Cleaning', date: DAY, time: '10:00', customerName: 'Dana', phone: '+12025550101' },
  });
  appointmentId = booked.appointment.id;
});

afterEach(async () => {
  await database.cleanup();
});

function callerAt(nowMs: number): DomainContext {
  return { tenant, profile, nowMs, callerNumber: '+12025550101' };
}

describe('the cancellation window (bookingRules.cancellationWindowHours)', () => {
  it('refuses a caller who cancels or moves a booking less than the window ahead, and changes nothing', async () => {
    const late = callerAt(START - 23 * HOUR_MS);
    await expect(
      cancelAppointment({ ctx: late, input: { appointmentId, customerName: 'Dana' } }),
    ).rejects.toMatchObject({ code: 'cancellation_window_passed', details: { cancellationWindowHours: 24 } });
    await expect(
      rescheduleAppointment({
        ctx: late,
        input: { appointmentId, customerName: 'Dana', newDate: DAY, newTime: '14:00' },
      }),
    ).rejects.toMatchObject({ code: 'cancellation_window_passed' });
    const stored = await forBusiness(database.db, tenant.businessId).appointments.get(appointmentId);
    expect(stored).toMatchObject({ status: 'booked', startAt: START });
  });

  it('lets a caller cancel exactly at the window, and earlier', async () => {
    const moved = await rescheduleAppointment({
      ctx: callerAt(START - 30 * HOUR_MS),
      input: { appointmentId, customerName: 'Dana', newDate: DAY, newTime: '14:00' },
    });
    expect(moved.after.time).toBe('14:00');
    const cancelled = await cancelAppointment({
      ctx: callerAt(moved.slot.startAt - 24 * HOUR_MS),
      input: { appointmentId, customerName: 'Dana' },
    });
    expect(cancelled.status).toBe('cancelled');
  });

  it('does not hold staff or API keys to it, nor a business with no window', async () => {
    const late = START - HOUR_MS;
    const moved = await rescheduleAppointment({
      ctx: { tenant, profile, nowMs: late, actor: { kind: 'staff', userId: 'usr_test' } },
      input: { appointmentId, newDate: DAY, newTime: '14:00' },
    });
    expect(moved.after.time).toBe('14:00');
    const open = { ...profile, bookingRules: { ...profile.bookingRules, cancellationWindowHours: 0 } };
    const cancelled = await cancelAppointment({
      ctx: { ...callerAt(late), profile: open },
      input: { appointmentId, customerName: 'Dana' },
    });
    expect(cancelled.status).toBe('cancelled');
    await expect(
      cancelAppointment({
        ctx: { tenant, profile, nowMs: late, actor: { kind: 'api', apiKeyId: 'key_1' } },
        input: { appointmentId },
      }),
    ).resolves.toMatchObject({ status: 'cancelled' });
  });
});
