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
import { loadOutboundCallBrief } from './brief.ts';
import { recordAnsweredBy, recordOutboundStatus } from './callbacks.ts';
import { beginOutboundDial, recordDialOutcome } from './dial.ts';
import { addDoNotContact } from './do-not-contact.ts';
import { DEFAULT_OUTBOUND_POLICY } from './policy.ts';
import { requestOutboundCall } from './request-outbound-call.ts';

const ZONE = 'America/New_York';
/** Monday 7 January 2030, 14:00 in New York: inside every US zone's quiet hours. */
const NOW = DateTime.fromISO('2030-01-07T14:00', { zone: ZONE }).toMillis();
const BUSINESS_NUMBER = '+12025550100';
const CUSTOMER = '+12025550101';
const SID = 'CA0123456789abcdef0123456789abcdef';

let database: TestDatabase;
let tenant: TenantDb;
let profile: BusinessProfile;

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant, profile } = await createTestReceptionistBusiness(database.db, {
    outbound: { ...DEFAULT_OUTBOUND_POLICY, dailyCallCap: 2, retry: { maxAttempts: 2, delayMinutes: 30 } },
  }));
  await tenant.phoneNumbers.add(BUSINESS_NUMBER);
});

afterEach(async () => {
  await database.cleanup();
});

function ctxAt(nowMs: number): DomainContext {
  return { tenant, profile, nowMs, actor: { kind: 'api', apiKeyId: 'key_test' } };
}

async function bookTomorrow(time = '10:00') {
  return bookAppointment({
    ctx: ctxAt(NOW),
    input: { service: 'Cleaning', date: '2030-01-08', time, customerName: 'Dana Reed', phone: CUSTOMER },
  });
}

async function dialJobs() {
  return (await tenant.jobs.list({ status: 'queued' })).filter((job) => job.kind === 'outbound.dial');
}

describe('requestOutboundCall', () => {
  it('queues the call row (outbound, caller ID = the business) and its first dial job', async () => {
    const requested = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: '(202) 555-0101', purpose: 'custom', note: 'Your glasses are ready.' },
    });
    const call = await tenant.calls.get(requested.callId);
    expect(call).toMatchObject({
      direction: 'outbound',
      status: 'queued',
      fromNumber: BUSINESS_NUMBER,
      toNumber: CUSTOMER,
    });
    expect(requested.scheduledFor).toBe(NOW);
    expect((await dialJobs()).map((job) => job.payload)).toEqual([
      { outboundId: requested.outboundId, attempt: 0 },
    ]);
  });

  it('refuses invalid numbers, the do-not-contact list and numbers that texted STOP', async () => {
    await expect(
      requestOutboundCall({ ctx: ctxAt(NOW), input: { to: '12', purpose: 'custom' } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      requestOutboundCall({ ctx: ctxAt(NOW), input: { to: '555', purpose: 'custom' } }),
    ).rejects.toMatchObject({
      code: 'invalid_phone',
    });
    await addDoNotContact({ ctx: { tenant }, input: { phone: CUSTOMER } });
    await expect(
      requestOutboundCall({ ctx: ctxAt(NOW), input: { to: CUSTOMER, purpose: 'custom' } }),
    ).rejects.toMatchObject({
      code: 'do_not_contact',
    });
    await tenant.notifications.setOptOut('+12025550102', true);
    await expect(
      requestOutboundCall({ ctx: ctxAt(NOW), input: { to: '+12025550102', purpose: 'custom' } }),
    ).rejects.toMatchObject({ code: 'do_not_contact' });
    expect(await dialJobs()).toEqual([]);
  });

  it("waits for the callee's quiet hours to end (22:00 in New York → 11:00 next day, 08:00 in Los Angeles)", async () => {
    const late = DateTime.fromISO('2030-01-07T22:00', { zone: ZONE }).toMillis();
    const requested = await requestOutboundCall({
      ctx: ctxAt(late),
      input: { to: CUSTOMER, purpose: 'custom' },
    });
    expect(requested.scheduledFor).toBe(DateTime.fromISO('2030-01-08T11:00', { zone: ZONE }).toMillis());
    expect((await dialJobs())[0]?.runAt).toBe(requested.scheduledFor);
  });

  it('is one call per dedupe key', async () => {
    const first = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom', dedupeKey: 'k' },
    });
    const again = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom', dedupeKey: 'k' },
    });
    expect(again).toMatchObject({ callId: first.callId, created: false });
    expect(await dialJobs()).toHaveLength(1);
  });
});

describe('dialling', () => {
  it('claims an attempt once: a duplicate or late job for it is stale', async () => {
    const { outboundId } = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom' },
    });
    const decision = await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId, attempt: 0 } });
    expect(decision).toMatchObject({ kind: 'dial', to: CUSTOMER, from: BUSINESS_NUMBER });
    expect(await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId, attempt: 0 } })).toEqual({
      kind: 'stale',
    });
  });

  it('skips a reminder whose appointment was cancelled, moved or is past', async () => {
    const cancelled = await bookTomorrow('10:00');
    const moved = await bookTomorrow('14:00');
    const requests = [];
    for (const booking of [cancelled, moved]) {
      requests.push(
        await requestOutboundCall({
          ctx: ctxAt(NOW),
          input: { to: CUSTOMER, purpose: 'reminder', appointmentId: booking.appointment.id },
        }),
      );
    }
    await cancelAppointment({ ctx: ctxAt(NOW), input: { appointmentId: cancelled.appointment.id } });
    await rescheduleAppointment({
      ctx: ctxAt(NOW),
      input: { appointmentId: moved.appointment.id, newDate: '2030-01-08', newTime: '15:00' },
    });
    const [first, second] = requests;
    expect(
      await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: first!.outboundId, attempt: 0 } }),
    ).toEqual({
      kind: 'skipped',
      reason: 'appointment_cancelled',
    });
    expect(
      await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: second!.outboundId, attempt: 0 } }),
    ).toEqual({
      kind: 'skipped',
      reason: 'appointment_moved',
    });
    expect((await tenant.calls.get(first!.callId))?.status).toBe('canceled');

    const past = await bookTomorrow('16:00');
    const late = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'reminder', appointmentId: past.appointment.id },
    });
    const afterStart = DateTime.fromISO('2030-01-08T16:30', { zone: ZONE }).toMillis();
    expect(
      await beginOutboundDial({ ctx: ctxAt(afterStart), input: { outboundId: late.outboundId, attempt: 0 } }),
    ).toEqual({
      kind: 'skipped',
      reason: 'appointment_past',
    });
  });

  it('defers past the daily cap to the next allowed time tomorrow', async () => {
    const ids = [];
    for (const phone of ['+12025550111', '+12025550112', '+12025550113'])
      ids.push(
        (await requestOutboundCall({ ctx: ctxAt(NOW), input: { to: phone, purpose: 'custom' } })).outboundId,
      );
    for (const id of ids.slice(0, 2))
      expect((await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: id, attempt: 0 } })).kind).toBe(
        'dial',
      );
    const third = await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: ids[2]!, attempt: 0 } });
    expect(third).toEqual({
      kind: 'deferred',
      reason: 'daily_cap',
      until: DateTime.fromISO('2030-01-08T11:00', { zone: ZONE }).toMillis(),
    });
  });

  it('retries a busy line after the delay, then closes the call when attempts run out', async () => {
    const { outboundId, callId } = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom' },
    });
    await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId, attempt: 0 } });
    await recordDialOutcome({
      ctx: ctxAt(NOW),
      input: { outboundId, outcome: { kind: 'placed', callSid: SID } },
    });
    expect(await tenant.calls.get(callId)).toMatchObject({ status: 'ringing', twilioCallSid: SID });
    // A callback from another CallSid changes nothing.
    await recordOutboundStatus({
      ctx: ctxAt(NOW),
      input: { callId, callSid: `${SID.slice(0, -1)}0`, callStatus: 'busy' },
    });
    expect((await tenant.outbound.get(outboundId))?.status).toBe('dialing');

    const retried = await recordOutboundStatus({
      ctx: ctxAt(NOW),
      input: { callId, callSid: SID, callStatus: 'busy' },
    });
    expect(retried).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: NOW + 30 * 60_000 });
    expect(await tenant.calls.get(callId)).toMatchObject({
      status: 'queued',
      twilioCallSid: null,
      endedAt: null,
    });
    expect((await dialJobs()).map((job) => job.payload)).toContainEqual({ outboundId, attempt: 1 });

    const later = NOW + 30 * 60_000;
    await beginOutboundDial({ ctx: ctxAt(later), input: { outboundId, attempt: 1 } });
    const secondSid = `${SID.slice(0, -1)}1`;
    await recordDialOutcome({
      ctx: ctxAt(later),
      input: { outboundId, outcome: { kind: 'placed', callSid: secondSid } },
    });
    const closed = await recordOutboundStatus({
      ctx: ctxAt(later),
      input: { callId, callSid: secondSid, callStatus: 'no-answer' },
    });
    expect(closed).toMatchObject({ status: 'no_answer', attempts: 2 });
    expect(await tenant.calls.get(callId)).toMatchObject({
      status: 'no_answer',
      endReason: 'outbound_twilio_no-answer',
    });
  });

  it("ends the call as failed when Twilio refuses the number; retries Twilio's rate limit", async () => {
    const refused = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom' },
    });
    await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: refused.outboundId, attempt: 0 } });
    await recordDialOutcome({
      ctx: ctxAt(NOW),
      input: { outboundId: refused.outboundId, outcome: { kind: 'refused', code: 21215, message: 'geo' } },
    });
    expect(await tenant.calls.get(refused.callId)).toMatchObject({
      status: 'failed',
      endReason: 'outbound_twilio_21215',
    });

    const limited = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: '+12025550109', purpose: 'custom' },
    });
    await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId: limited.outboundId, attempt: 0 } });
    const retry = await recordDialOutcome({
      ctx: ctxAt(NOW),
      input: { outboundId: limited.outboundId, outcome: { kind: 'retryable', message: 'HTTP 429 20429' } },
    });
    expect(retry).toMatchObject({ status: 'queued', attempts: 1, lastError: 'HTTP 429 20429' });
  });

  it('an answering machine gets a short voicemail; a person does not', async () => {
    const { outboundId, callId } = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'custom' },
    });
    await beginOutboundDial({ ctx: ctxAt(NOW), input: { outboundId, attempt: 0 } });
    await recordDialOutcome({
      ctx: ctxAt(NOW),
      input: { outboundId, outcome: { kind: 'placed', callSid: SID } },
    });
    const human = await recordAnsweredBy({
      ctx: ctxAt(NOW),
      input: { callId, callSid: SID, answeredBy: 'human' },
    });
    expect(human.voicemail).toBeUndefined();
    const machine = await recordAnsweredBy({
      ctx: ctxAt(NOW),
      input: { callId, callSid: SID, answeredBy: 'machine_end_beep' },
    });
    expect(machine.voicemail).toMatch(/call us back/i);
    expect(machine.voicemail).not.toContain(CUSTOMER);
    expect(machine.outbound?.status).toBe('voicemail');
  });
});

describe('the brief the agent gets', () => {
  it("a callback opens with the message's context; a reminder names its booking", async () => {
    const message = await tenant.messages.create({
      callerName: 'Dana Reed',
      callerNumber: CUSTOMER,
      reason: 'a question about my bill',
    });
    const callback = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'callback', messageId: message.id },
    });
    const brief = await loadOutboundCallBrief({ ctx: ctxAt(NOW), input: { callId: callback.callId } });
    expect(brief?.opening).toMatch(/returning your call, Dana Reed, about: a question about my bill/);
    expect(brief?.context.join(' ')).toMatch(/OUTBOUND call/);

    const booked = await bookTomorrow('11:00');
    const reminder = await requestOutboundCall({
      ctx: ctxAt(NOW),
      input: { to: CUSTOMER, purpose: 'reminder', appointmentId: booked.appointment.id },
    });
    const reminderBrief = await loadOutboundCallBrief({
      ctx: ctxAt(NOW),
      input: { callId: reminder.callId },
    });
    expect(reminderBrief?.appointment).toMatchObject({
      id: booked.appointment.id,
      date: '2030-01-08',
      time: '11:00',
    });
    expect(reminderBrief?.opening).toMatch(/remind you of your Cleaning on Tuesday, January 8 at 11:00 AM/);
    expect(
      await loadOutboundCallBrief({ ctx: ctxAt(NOW), input: { callId: 'call_inbound' } }),
    ).toBeUndefined();
  });
});
