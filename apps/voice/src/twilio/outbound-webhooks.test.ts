import { forBusiness, type TenantDb } from '@receptionist/db';
import {
  beginOutboundDial,
  bookAppointment,
  finishReminderSms,
  loadDomainContext,
  recordDialOutcome,
  requestOutboundCall,
  runReminder,
  scheduleAppointmentReminders,
  updateBusinessProfile,
} from '@receptionist/domain';
import { createScriptedEngine } from '@receptionist/engine/testing';
import {
  answerOutboundCall,
  fakeSid,
  postAnsweredBy,
  postOutboundStatus,
  type RecordedOutboundCall,
  readTwiml,
  waitUntil,
} from '@receptionist/telephony/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALLER_NUMBER, PUBLIC_URL, startVoiceHarness, type VoiceHarness } from '../testing/voice-harness.ts';

/**
 * The voice server's side of outbound calls, driven as Twilio drives it (signed webhooks to the URLs the
 * worker gave Twilio): answering-machine verdicts, busy and unanswered attempts, forged callbacks, and
 * texts answering a reminder. The harness clock is Monday 2 March 2026, 10:00 in New York.
 */

let h: VoiceHarness;
let tenant: TenantDb;

beforeEach(async () => {
  h = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hi', audioMs: 100 }, turns: [] }),
  });
  tenant = forBusiness(h.database.db, h.businessId);
});
afterEach(async () => {
  await h.cleanup();
});

const context = () =>
  loadDomainContext(h.database.db, h.businessId, { actor: { kind: 'system' }, nowMs: h.now() });

/** An outbound call the worker placed: requested, claimed, created at Twilio (as the fake recorded it). */
async function placedCall(): Promise<{ callId: string; outboundId: string; created: RecordedOutboundCall }> {
  const ctx = await context();
  // A London number: 15:00 there, inside its quiet hours.
  const { callId, outboundId } = await requestOutboundCall({
    ctx,
    input: { to: '+442071838750', purpose: 'custom' },
  });
  await beginOutboundDial({ ctx, input: { outboundId, attempt: 0 } });
  const sid = fakeSid('CA');
  await recordDialOutcome({ ctx, input: { outboundId, outcome: { kind: 'placed', callSid: sid } } });
  const query = `callId=${callId}`;
  const created: RecordedOutboundCall = {
    sid,
    accountSid: h.twilio.accountSid,
    username: h.twilio.accountSid,
    params: {
      To: '+442071838750',
      From: h.businessNumber,
      Url: `${PUBLIC_URL}/twilio/outbound/answer?${query}`,
      StatusCallback: `${PUBLIC_URL}/twilio/outbound/status?${query}`,
      AsyncAmdStatusCallback: `${PUBLIC_URL}/twilio/outbound/amd?${query}`,
    },
    allParams: {},
  };
  return { callId, outboundId, created };
}

describe('outbound call webhooks', () => {
  it('a person answers: the same media stream as an inbound call, with the call id', async () => {
    const { callId, created } = await placedCall();
    const call = await answerOutboundCall(h.twilio, created, { answeredBy: 'human' });
    expect(call.answer.twiml.stream?.parameters.callId).toBe(callId);
    expect(call.answer.twiml.stream?.url).toMatch(/^wss:\/\/voice\.example\.test\/twilio\/stream\//);
  });

  it('a callee who hangs up at once: the call ends completed and goes to the cold path like any call', async () => {
    const { callId, outboundId, created } = await placedCall();
    const call = await answerOutboundCall(h.twilio, created, { answeredBy: 'human' });
    call.stop();
    let row = await tenant.calls.get(callId);
    for (let tries = 0; row?.endedAt === null && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      row = await tenant.calls.get(callId);
    }
    await waitUntil(() => h.voice.activeCalls === 0, 'the session to end');
    expect(row).toMatchObject({ status: 'completed', direction: 'outbound' });
    expect(row?.endedAt).not.toBeNull();
    expect(
      (await tenant.jobs.list()).some(
        (job) => job.kind === 'call.ended' && (job.payload as { callId: string }).callId === callId,
      ),
    ).toBe(true);
    expect((await tenant.outbound.get(outboundId))?.status).toBe('answered');
    // Twilio's final `completed` afterwards changes nothing.
    expect(await postOutboundStatus(h.twilio, created, 'completed')).toBe(204);
    expect((await tenant.calls.get(callId))?.endReason).toBe(row?.endReason);
  });

  it('an answering machine gets a short voicemail: the live call is redirected to <Say> and <Hangup/>', async () => {
    const { outboundId, created } = await placedCall();
    await answerOutboundCall(h.twilio, created);
    expect(await postAnsweredBy(h.twilio, created, 'machine_end_beep')).toBe(204);
    const update = await h.twilioRest.waitForUpdate(created.sid);
    const twiml = readTwiml(update.params.Twiml ?? '');
    expect(twiml.says.join(' ')).toMatch(/Please call us back/);
    expect(twiml.hasHangup).toBe(true);
    expect((await tenant.outbound.get(outboundId))?.status).toBe('voicemail');
  });

  it('no answer: the call waits for its retry; a second no answer closes it as no_answer', async () => {
    const { callId, outboundId, created } = await placedCall();
    expect(await postOutboundStatus(h.twilio, created, 'ringing')).toBe(204);
    expect(await postOutboundStatus(h.twilio, created, 'no-answer')).toBe(204);
    expect(await tenant.outbound.get(outboundId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await tenant.calls.get(callId))?.endedAt).toBeNull();

    const ctx = await context();
    await beginOutboundDial({
      ctx: { ...ctx, nowMs: ctx.nowMs + 30 * 60_000 },
      input: { outboundId, attempt: 1 },
    });
    const retrySid = fakeSid('CA');
    await recordDialOutcome({ ctx, input: { outboundId, outcome: { kind: 'placed', callSid: retrySid } } });
    // A late callback of the first attempt changes nothing.
    expect(await postOutboundStatus(h.twilio, created, 'busy')).toBe(204);
    expect((await tenant.outbound.get(outboundId))?.status).toBe('dialing');
    await postOutboundStatus(h.twilio, { ...created, sid: retrySid }, 'no-answer');
    expect(await tenant.calls.get(callId)).toMatchObject({
      status: 'no_answer',
      endReason: 'outbound_twilio_no-answer',
    });
  });

  it('refuses forged callbacks (403) and hangs up on a call id that is not an outbound call of ours', async () => {
    const { created } = await placedCall();
    const forged = await h.twilio.post(
      new URL(created.params.Url ?? '').pathname + new URL(created.params.Url ?? '').search,
      { CallSid: created.sid },
      { signature: 'forged' },
    );
    expect(forged.status).toBe(403);
    const unknown = await h.twilio.post('/twilio/outbound/answer?callId=call_nope', { CallSid: created.sid });
    expect(readTwiml(await unknown.text()).hasHangup).toBe(true);
  });
});

describe('texts answering a reminder (POST /twilio/sms)', () => {
  async function remindedBooking() {
    const staff = { actor: { kind: 'staff' as const, userId: 'usr_test' } };
    await updateBusinessProfile({
      ctx: { tenant, ...staff },
      input: { outbound: { reminders: { enabled: true, hoursBefore: 24, channels: ['sms'] } } },
    });
    const ctx = await context();
    const booked = await bookAppointment({
      ctx,
      input: {
        service: 'cleaning',
        date: '2026-03-03',
        time: '15:00',
        customerName: 'Dana Reed',
        phone: CALLER_NUMBER,
      },
    });
    const [reminder] = await scheduleAppointmentReminders({
      ctx,
      input: { appointmentId: booked.appointment.id },
    });
    const decision = await runReminder({
      ctx: { ...ctx, nowMs: reminder!.runAt },
      input: { reminderId: reminder!.id },
    });
    expect(decision.kind).toBe('sms');
    await finishReminderSms({ ctx, input: { reminderId: reminder!.id, sent: true } });
    return booked.appointment.id;
  }

  const text = (body: string) =>
    h.twilio.post('/twilio/sms', {
      MessageSid: `SM${'b'.repeat(32)}`,
      AccountSid: h.twilio.accountSid,
      From: CALLER_NUMBER,
      To: h.businessNumber,
      Body: body,
    });

  it('C confirms and X cancels the booking, each answered with a text', async () => {
    const appointmentId = await remindedBooking();
    const confirmed = await text('C');
    expect(await confirmed.text()).toMatch(
      /<Message>Thanks, your Cleaning on Tuesday, March 3 at 3:00 PM is confirmed\.<\/Message>/,
    );
    const cancelled = await text('x');
    expect(await cancelled.text()).toMatch(/is cancelled/);
    expect((await tenant.appointments.get(appointmentId))?.status).toBe('cancelled');
  });

  it('STOP still opts out, and a text that answers nothing gets no reply', async () => {
    await remindedBooking();
    expect(await (await text('hello there')).text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    );
    await text('STOP');
    expect(await tenant.notifications.isOptedOut(CALLER_NUMBER)).toBe(true);
  });
});
