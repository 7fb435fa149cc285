import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookAppointment } from '../appointments/book.ts';
import { cancelAppointment } from '../appointments/cancel.ts';
import { rescheduleAppointment } from '../appointments/reschedule.ts';
import type { DomainContext } from '../availability/index.ts';
import { callContext } from '../calls/context.ts';
import { endCall } from '../calls/end-call.ts';
import { startCall } from '../calls/start-call.ts';
import { DomainError } from '../errors.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { takeMessage } from '../messages/take-message.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import type { BusinessEvent } from './types.ts';

// Two consumers stand in for notifications and webhooks: every event must reach each of them once.
vi.mock('./types.ts', async (original) => ({
  ...(await original<typeof import('./types.ts')>()),
  EVENT_CONSUMERS: ['audit', 'mirror'],
}));

const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();

let database: TestDatabase;
let ctx: DomainContext;

beforeEach(async () => {
  database = await createTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db);
  ctx = { tenant, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
});
afterEach(async () => {
  await database.cleanup();
});

async function outbox(): Promise<Array<{ consumer: string; event: BusinessEvent }>> {
  const jobs = await ctx.tenant.jobs.list();
  return jobs
    .filter((job) => job.kind === JOB_KINDS.businessEvent)
    .map((job) => job.payload as { consumer: string; event: BusinessEvent });
}

describe('the business event outbox', () => {
  it('records each change once per consumer, with one event id, in the verb’s transaction', async () => {
    const booked = await bookAppointment({
      ctx,
      input: {
        service: 'Cleaning',
        date: '2030-01-08',
        time: '10:00',
        customerName: 'Dana',
        phone: '+12025550101',
      },
    });
    await rescheduleAppointment({
      ctx,
      input: { appointmentId: booked.appointment.id, newDate: '2030-01-08', newTime: '14:00' },
    });
    await cancelAppointment({ ctx, input: { appointmentId: booked.appointment.id } });
    await cancelAppointment({ ctx, input: { appointmentId: booked.appointment.id } }); // already cancelled
    await takeMessage({
      ctx,
      input: { callerName: 'Sam', callbackNumber: '+12025550102', reason: 'Invoice' },
    });

    const delivered = await outbox();
    const types = (consumer: string) =>
      delivered.filter((job) => job.consumer === consumer).map((job) => job.event.type);
    const expected = [
      'appointment.booked',
      'appointment.rescheduled',
      'appointment.cancelled',
      'message.taken',
    ];
    expect(types('audit')).toEqual(expected);
    expect(types('mirror')).toEqual(expected);
    const booking = delivered.filter((job) => job.event.type === 'appointment.booked');
    expect(new Set(booking.map((job) => job.event.id)).size).toBe(1);
    expect(booking[0]?.event).toMatchObject({
      businessId: ctx.tenant.businessId,
      occurredAt: NOW,
      data: { appointmentId: booked.appointment.id, time: '10:00', customer: { name: 'Dana' } },
    });
    const moved = delivered.find((job) => job.event.type === 'appointment.rescheduled');
    expect(moved?.event.data).toMatchObject({ time: '14:00', previous: { time: '10:00' } });
  });

  it('records nothing for a change that did not happen', async () => {
    await bookAppointment({
      ctx,
      input: {
        service: 'Cleaning',
        date: '2030-01-08',
        time: '10:00',
        customerName: 'Dana',
        phone: '+12025550101',
      },
    });
    const before = (await outbox()).length;
    await expect(
      bookAppointment({
        ctx,
        input: {
          service: 'Cleaning',
          date: '2030-01-08',
          time: '10:00',
          customerName: 'Lee',
          phone: '+12025550103',
        },
      }),
    ).rejects.toBeInstanceOf(DomainError);
    expect((await outbox()).length).toBe(before);
  });

  it('announces a call’s end once, however many times it is reported', async () => {
    const calls = callContext(database.db, ctx.tenant.businessId);
    const call = await startCall({
      ctx: calls,
      input: { channel: 'phone', twilioCallSid: 'CA01', fromNumber: '+12125550123', engine: 'local' },
    });
    await endCall({
      ctx: calls,
      input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' },
    });
    await endCall({
      ctx: calls,
      input: { callId: call.id, status: 'completed', endReason: 'twilio_completed' },
    });
    const ended = (await outbox()).filter((job) => job.event.type === 'call.ended');
    expect(ended.map((job) => job.consumer).sort()).toEqual(['audit', 'mirror']);
    expect(ended[0]?.event.data).toMatchObject({ callId: call.id, endReason: 'caller_hangup' });
  });
});
