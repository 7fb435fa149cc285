import { forBusiness } from '@receptionist/db';
import { pinnedClock } from '@receptionist/db/testing';
import {
  bookAppointment,
  DEMO_PHONE_NUMBER,
  loadDomainContext,
  updateBusinessProfile,
} from '@receptionist/domain';
import { createLocalEngine, speakAsCaller, throughPhoneChannel } from '@receptionist/engine/local';
import { offlineReceptionist } from '@receptionist/receptionist/offline';
import { answerOutboundCall } from '@receptionist/telephony/testing';
import {
  createDefaultHandlers,
  createTwilioCallPlacer,
  createWorker,
  type Worker,
} from '@receptionist/worker';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  PUBLIC_URL,
  silenceMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

/**
 * The acceptance scenario of outbound calling, whole and in-process: a booking for tomorrow → the
 * `outbound` event consumer schedules its reminder call → `reminder.due` requests the call →
 * `outbound.dial` creates it through the real twilio client at the fake Twilio REST API → the fake
 * Twilio side answers, fetches our TwiML and opens the Media Stream → the offline receptionist reminds the
 * customer, who asks (in synthesised speech) to move the appointment → it is moved in the database.
 */

const ZONE = 'America/New_York';
/** Monday 2 March 2026, 14:00 in New York (11:00 on the US west coast: inside everyone's quiet hours). */
const NOW = '2026-03-02T19:00:00Z';
const CALL_TEST_TIMEOUT_MS = 150_000;

let harness: VoiceHarness | undefined;
let worker: Worker | undefined;

afterEach(async () => {
  await worker?.stop({ timeoutMs: 5_000 });
  worker = undefined;
  await harness?.cleanup();
  harness = undefined;
});

async function agentTurns(h: VoiceHarness, callId: string): Promise<string[]> {
  const call = await forBusiness(h.database.db, h.businessId).calls.get(callId);
  return (call?.turns ?? []).filter((turn) => turn.role === 'agent').map((turn) => turn.text);
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('outbound reminder call (worker → fake Twilio REST → fake Twilio media → voice server → local engine)', () => {
  it(
    'calls the customer the day before; the customer moves the appointment by voice and the database has the new time',
    async () => {
      const now = pinnedClock(NOW);
      const h = await startVoiceHarness({
        engine: createLocalEngine({ dialogue: offlineReceptionist }),
        now,
      });
      harness = h;
      const staff = { actor: { kind: 'staff' as const, userId: 'usr_test' }, nowMs: now() };
      await updateBusinessProfile({
        ctx: { tenant: forBusiness(h.database.db, h.businessId), actor: staff.actor },
        input: {
          outbound: { reminders: { enabled: true, hoursBefore: 26, channels: ['call'] } },
        },
      });
      const ctx = await loadDomainContext(h.database.db, h.businessId, staff);
      const booked = await bookAppointment({
        ctx,
        input: {
          service: 'cleaning',
          date: '2026-03-03',
          time: '15:00',
          customerName: 'Peter Brown',
          phone: CALLER_NUMBER,
        },
      });

      worker = createWorker({
        db: h.database.db,
        handlers: createDefaultHandlers({
          outboundCalls: createTwilioCallPlacer({
            accountSid: h.env.twilio.accountSid ?? '',
            authToken: h.env.twilio.authToken ?? '',
            apiBaseUrl: h.twilioRest.url,
            publicUrl: PUBLIC_URL,
          }),
        }),
        now,
        random: () => 0.5,
        logger: pino({ level: 'silent' }),
        concurrency: 2,
        pollIntervalMs: 20,
        leaseMs: 30_000,
        maxAttempts: 3,
      });
      worker.start();

      const [created] = await h.twilioRest.waitForCreatedCalls(1, 30_000);
      expect(created?.params).toMatchObject({
        To: CALLER_NUMBER,
        From: DEMO_PHONE_NUMBER,
        MachineDetection: 'DetectMessageEnd',
        AsyncAmd: 'true',
      });
      const callId = new URL(created!.params.Url ?? '').searchParams.get('callId') ?? '';
      expect(created!.params.Url).toBe(`${PUBLIC_URL}/twilio/outbound/answer?callId=${callId}`);
      expect(created!.allParams.StatusCallbackEvent).toEqual([
        'initiated',
        'ringing',
        'answered',
        'completed',
      ]);
      const tenant = forBusiness(h.database.db, h.businessId);
      await until(
        async () => (await tenant.outbound.getByCallId(callId))?.twilioCallSid === created!.sid,
        'the CallSid',
      );

      const call = await answerOutboundCall(h.twilio, created!, { answeredBy: 'human' });
      expect(call.answer.twiml.stream?.parameters.callId).toBe(callId);
      await until(
        async () => (await agentTurns(h, callId)).some((text) => /remind/i.test(text)),
        'the reminder',
        30_000,
      );
      await call.waitForPlaybackEnd(30_000);

      await call.sendAudio(
        await throughPhoneChannel(await speakAsCaller('can i move my appointment to wednesday at ten a m')),
        {
          speed: 2,
        },
      );
      await call.sendAudio(silenceMulaw(1200), { speed: 2 });
      // Caller verification (caller ID and name by default): the number we dialled is on file, the name is asked.
      await until(
        async () => (await agentTurns(h, callId)).some((text) => /what name/i.test(text)),
        'the name question',
        30_000,
      );
      await call.waitForPlaybackEnd(30_000);
      await call.sendAudio(await throughPhoneChannel(await speakAsCaller('peter brown')), { speed: 2 });
      await call.sendAudio(silenceMulaw(1200), { speed: 2 });
      await until(
        async () =>
          (await tenant.appointments.get(booked.appointment.id))?.startAt !== booked.appointment.startAt,
        'the appointment to move',
        90_000,
      ).catch(async (error: unknown) => {
        // What was said and done, so a failure shows where the dialogue went.
        const detail = await tenant.calls.get(callId);
        const log = detail?.turns.map((turn) => `${turn.role}: ${turn.text}`).join(' | ');
        throw new Error(`${String(error)}; call log: ${log}`);
      });

      const moved = await tenant.appointments.get(booked.appointment.id);
      expect(moved?.status).toBe('booked');
      expect(moved?.startAt).toBe(DateTime.fromISO('2026-03-04T10:00', { zone: ZONE }).toMillis());
      const row = await tenant.calls.get(callId);
      expect(row).toMatchObject({
        direction: 'outbound',
        fromNumber: DEMO_PHONE_NUMBER,
        toNumber: CALLER_NUMBER,
      });
      expect(row?.toolCalls.map((toolCall) => toolCall.name)).toContain('reschedule_appointment');
      expect((await tenant.outbound.getByCallId(callId))?.status).toBe('answered');
    },
    CALL_TEST_TIMEOUT_MS,
  );
});
