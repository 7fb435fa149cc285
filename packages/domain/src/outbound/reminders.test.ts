import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookAppointment } from '../appointments/book.ts';
import { cancelAppointment } from '../appointments/cancel.ts';
import { rescheduleAppointment } from '../appointments/reschedule.ts';
import type { DomainContext } from '../availability/index.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { DEFAULT_OUTBOUND_POLICY } from './policy.ts';
import { finishReminderSms, runReminder, scheduleAppointmentReminders } from './reminders.ts';
import { handleOutboundSmsReply } from './sms-replies.ts';
import { addToWaitlist, claimWaitlistOffer, offerFreedSlot } from './waitlist.ts';

const ZONE = 'America/New_York';
const NOW = DateTime.fromISO('2030-01-07T14:00', { zone: ZONE }).toMillis();
const CUSTOMER = '+12025550101';

let database: TestDatabase;
let tenant: TenantDb;
let profile: BusinessProfile;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant, profile } = await createTestReceptionistBusiness(database.db, {
    outbound: {
      ...DEFAULT_OUTBOUND_POLICY,
      reminders: { enabled: true, hoursBefore: 24, channels: ['sms', 'call'] },
    },
  }));
  await tenant.phoneNumbers.add('+12025550100');
});

afterEach(async () => {
  await database.cleanup();
});

const ctxAt = (nowMs: number): DomainContext => ({ tenant, profile, nowMs, actor: { kind: 'system' } });

async function book(time: string, phone = CUSTOMER, name = 'Dana Reed') {
  return bookAppointment({
    ctx: ctxAt(NOW),
    input: { service: 'Cleaning', date: '2030-01-08', time, customerName: name, phone },
  });
}

/** Sends every due SMS reminder of the appointment as the worker would. */
async function sendReminders(nowMs: number) {
  const sent = [];
  for (const job of await tenant.jobs.list({ status: 'queued' })) {
    if (job.kind !== 'reminder.due') continue;
    const decision = await runReminder({ ctx: ctxAt(nowMs), input: job.payload as { reminderId: string } });
    if (decision.kind === 'sms') {
      await finishReminderSms({ ctx: { tenant }, input: { reminderId: decision.reminder.id, sent: true } });
    }
    sent.push(decision);
  }
  return sent;
}

describe('reminders', () => {
  it('schedules one per channel N hours before, and never twice for the same start', async () => {
    const booked = await book('16:00');
    const first = await scheduleAppointmentReminders({
      ctx: ctxAt(NOW),
      input: { appointmentId: booked.appointment.id },
    });
    const again = await scheduleAppointmentReminders({
      ctx: ctxAt(NOW),
      input: { appointmentId: booked.appointment.id },
    });
    expect(first.map((reminder) => reminder.channel).sort()).toEqual(['call', 'sms']);
    expect(first[0]?.runAt).toBe(booked.appointment.startAt - 24 * 3_600_000);
    expect(again).toEqual([]);
    expect((await tenant.jobs.list()).filter((job) => job.kind === 'reminder.due')).toHaveLength(2);
  });

  it('texts the reminder, and places the call once, when due', async () => {
    const booked = await book('16:00');
    await scheduleAppointmentReminders({ ctx: ctxAt(NOW), input: { appointmentId: booked.appointment.id } });
    const due = booked.appointment.startAt - 24 * 3_600_000;
    const decisions = await sendReminders(due);
    const sms = decisions.find((decision) => decision.kind === 'sms');
    expect(sms).toMatchObject({ to: CUSTOMER, from: '+12025550100' });
    expect(sms && 'body' in sms ? sms.body : '').toMatch(
      /Reply C to confirm, R to reschedule or X to cancel/,
    );
    expect(decisions.find((decision) => decision.kind === 'call')).toBeDefined();
    // A restarted worker runs the same jobs again: nothing more goes out.
    expect((await sendReminders(due)).map((decision) => decision.kind)).toEqual(['done', 'done']);
    expect((await tenant.outbound.list()).filter((call) => call.purpose === 'reminder')).toHaveLength(1);
  });

  it('skips a reminder for an appointment cancelled or moved meanwhile, or already past', async () => {
    const cancelled = await book('10:00');
    const moved = await book('13:00');
    const past = await book('16:00');
    for (const booking of [cancelled, moved, past])
      await scheduleAppointmentReminders({
        ctx: ctxAt(NOW),
        input: { appointmentId: booking.appointment.id },
      });
    await cancelAppointment({ ctx: ctxAt(NOW), input: { appointmentId: cancelled.appointment.id } });
    await rescheduleAppointment({
      ctx: ctxAt(NOW),
      input: { appointmentId: moved.appointment.id, newDate: '2030-01-08', newTime: '14:00' },
    });
    const afterAll = DateTime.fromISO('2030-01-08T17:00', { zone: ZONE }).toMillis();
    const reasons = (await sendReminders(afterAll)).map((decision) =>
      'reason' in decision ? decision.reason : decision.kind,
    );
    expect(reasons.sort()).toEqual([
      'appointment_cancelled',
      'appointment_cancelled',
      'appointment_moved',
      'appointment_moved',
      'appointment_past',
      'appointment_past',
    ]);
  });

  it('a reminder text waits for the morning when due in the night', async () => {
    const booked = await book('16:00');
    await scheduleAppointmentReminders({ ctx: ctxAt(NOW), input: { appointmentId: booked.appointment.id } });
    const night = DateTime.fromISO('2030-01-08T02:00', { zone: ZONE }).toMillis();
    const [sms] = (await sendReminders(night)).filter(
      (decision) => decision.kind === 'deferred' || decision.kind === 'sms',
    );
    expect(sms).toEqual({
      kind: 'deferred',
      until: DateTime.fromISO('2030-01-08T08:00', { zone: 'America/Los_Angeles' }).toMillis(),
    });
  });
});

describe('SMS replies', () => {
  async function remindedBooking() {
    const booked = await book('16:00');
    await scheduleAppointmentReminders({ ctx: ctxAt(NOW), input: { appointmentId: booked.appointment.id } });
    await sendReminders(booked.appointment.startAt - 24 * 3_600_000);
    return booked;
  }

  it('C confirms, X cancels through the cancel verb, R asks the receptionist to call back', async () => {
    const booked = await remindedBooking();
    const later = booked.appointment.startAt - 20 * 3_600_000;
    expect(
      await handleOutboundSmsReply({ ctx: ctxAt(later), input: { phone: CUSTOMER, body: ' c ' } }),
    ).toMatchObject({
      action: 'confirmed',
    });
    const reschedule = await handleOutboundSmsReply({
      ctx: ctxAt(later),
      input: { phone: CUSTOMER, body: 'R' },
    });
    expect(reschedule?.action).toBe('reschedule_call');
    expect((await tenant.outbound.list()).some((call) => call.note?.includes('move this appointment'))).toBe(
      true,
    );
    expect(
      await handleOutboundSmsReply({ ctx: ctxAt(later), input: { phone: CUSTOMER, body: 'X' } }),
    ).toMatchObject({
      action: 'cancelled',
    });
    expect((await tenant.appointments.get(booked.appointment.id))?.status).toBe('cancelled');
  });

  it('answers nothing for a number without a reminder, or a text that is no keyword', async () => {
    await remindedBooking();
    expect(
      await handleOutboundSmsReply({ ctx: ctxAt(NOW), input: { phone: '+12025550199', body: 'C' } }),
    ).toBeUndefined();
    expect(
      await handleOutboundSmsReply({ ctx: ctxAt(NOW), input: { phone: CUSTOMER, body: 'see you' } }),
    ).toBeUndefined();
  });
});

describe('waitlist', () => {
  it('offers a freed slot; the first YES books it and a later YES hears it is gone', async () => {
    const booked = await book('10:00', '+12025550150', 'Early Bird');
    const first = await addToWaitlist({
      ctx: ctxAt(NOW),
      input: { phone: '+12025550161', name: 'Ann Lee', service: 'cleaning' },
    });
    await addToWaitlist({
      ctx: ctxAt(NOW),
      input: { phone: '+12025550162', name: 'Bo Chan', service: 'Cleaning' },
    });
    await cancelAppointment({ ctx: ctxAt(NOW), input: { appointmentId: booked.appointment.id } });
    const offers = await offerFreedSlot({
      ctx: ctxAt(NOW),
      input: { serviceId: 'cleaning', startAt: booked.appointment.startAt },
    });
    expect(offers.map((offer) => offer.to)).toEqual(['+12025550161', '+12025550162']);
    expect(offers[0]?.body).toMatch(/Reply YES/);
    // A retried run offers the same people again, not more.
    expect(
      (
        await offerFreedSlot({
          ctx: ctxAt(NOW),
          input: { serviceId: 'cleaning', startAt: booked.appointment.startAt },
        })
      ).map((offer) => offer.entryId),
    ).toEqual(offers.map((offer) => offer.entryId));

    const [bo, ann] = await Promise.all([
      claimWaitlistOffer({ ctx: ctxAt(NOW), input: { phone: '+12025550162' } }),
      claimWaitlistOffer({ ctx: ctxAt(NOW), input: { phone: '+12025550161' } }),
    ]);
    expect([bo?.booked, ann?.booked].sort()).toEqual([false, true]);
    const live = await tenant.appointments.list({
      fromMs: booked.appointment.startAt,
      toMs: booked.appointment.startAt + 1,
      status: 'booked',
    });
    expect(live).toHaveLength(1);
    const entries = await tenant.outbound.waitlist();
    expect(entries.map((entry) => entry.status).sort()).toEqual(['booked', 'waiting']);
    expect(entries.find((entry) => entry.id === first.id)).toBeDefined();
  });
});
