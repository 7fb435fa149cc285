import { bookAppointment, createBusinessWithProfile, type DomainContext } from '@receptionist/domain';
import {
  closeDatabase,
  createTestDatabase,
  createTestProfile,
  openDatabase,
  type TestDatabase,
} from '@receptionist/domain/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTenant } from '../queries/tenant.ts';
import { staffDomainContext } from './domain-context.ts';
import { rescheduleFromForm } from './reschedule.ts';

const zone = 'America/New_York';
const now = () => DateTime.fromISO('2030-01-07T08:00', { zone }).toMillis();
const day = '2030-01-08';

let database: TestDatabase;
let businessId: string;
let appointmentId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createBusinessWithProfile(database.db, createTestProfile({ timeZone: zone }))).business
    .id;
  const ctx = await staffDomainContext(database.db, businessId, 'usr_owner', now);
  const booked = await bookAppointment({
    ctx,
    input: { service: 'Cleaning', date: day, time: '10:00', customerName: 'Dana', phone: '+12025550101' },
  });
  appointmentId = booked.appointment.id;
});

afterEach(async () => {
  await database.cleanup();
});

const form = () => ({ businessId, appointmentId, date: day, time: '14:00' });

describe('the dashboard reschedule form', () => {
  it('moves the booking and says so', async () => {
    const ctx = await staffDomainContext(database.db, businessId, 'usr_owner', now);
    expect(await rescheduleFromForm(ctx, form())).toEqual({ ok: 'Moved' });
    const row = await readTenant(database.db, businessId).appointments.get(appointmentId);
    expect(row?.startAt).toBe(DateTime.fromISO(`${day}T14:00`, { zone }).toMillis());
  });

  it('shows the caller-path explanation when another booking wins the slot mid-save', async () => {
    // Another receptionist (a second connection) books 14:00 after the form's availability check
    // and before its write: the overlap guard refuses the move, and the form gets the sentence.
    const rival = await openDatabase({ url: database.url });
    try {
      const rivalCtx = await staffDomainContext(rival, businessId, 'usr_rival', now);
      const ctx = await staffDomainContext(database.db, businessId, 'usr_owner', now);
      let rivalBooked = false;
      const racing: DomainContext = {
        ...ctx,
        tenant: {
          ...ctx.tenant,
          // The verb's write (the move and its event) is one transaction: the rival gets in just before it.
          async transaction(work) {
            await bookAppointment({
              ctx: rivalCtx,
              input: {
                service: 'Cleaning',
                date: day,
                time: '14:00',
                customerName: 'Rival',
                phone: '+12025550102',
              },
            });
            rivalBooked = true;
            return ctx.tenant.transaction(work);
          },
        },
      };
      const state = await rescheduleFromForm(racing, form());
      expect(rivalBooked).toBe(true);
      expect(state.ok).toBeUndefined();
      expect(state.error).toMatch(/^2:00 PM on Tuesday, January 8 was just taken\. .+ (is|are) free\.$/);
      const row = await readTenant(database.db, businessId).appointments.get(appointmentId);
      expect(row?.startAt).toBe(DateTime.fromISO(`${day}T10:00`, { zone }).toMillis());
    } finally {
      closeDatabase(rival);
    }
  });

  it('explains a slot already taken, and a booking that is gone', async () => {
    const ctx = await staffDomainContext(database.db, businessId, 'usr_owner', now);
    await bookAppointment({
      ctx,
      input: { service: 'Cleaning', date: day, time: '14:00', customerName: 'Other', phone: '+12025550103' },
    });
    expect((await rescheduleFromForm(ctx, form())).error).toMatch(/^2:00 PM on .+ is already taken\./);
    expect(await rescheduleFromForm(ctx, { ...form(), appointmentId: 'apt_gone' })).toEqual({
      error: 'No such booked appointment',
    });
  });
});
