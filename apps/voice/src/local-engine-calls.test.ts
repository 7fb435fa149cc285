import { forBusiness } from '@receptionist/db';
import { dayOpening, loadBusinessProfile, localDate } from '@receptionist/domain';
import { createLocalEngine, speakAsCaller, throughPhoneChannel } from '@receptionist/engine/local';
import { offlineReceptionist } from '@receptionist/receptionist/offline';
import type { FakeTwilioCall } from '@receptionist/telephony/testing';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  silenceMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

/**
 * The offline engine behind the real voice server: flite caller speech through a phone channel (8 kHz
 * μ-law) sent by the fake Twilio client ⇄ voice server ⇄ local engine (pocketsphinx, policy, flite)
 * ⇄ real receptionist tools ⇄ temporary database. (Owned by the local engine team.)
 */

let harness: VoiceHarness | undefined;

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function until<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface LocalCall {
  h: VoiceHarness;
  call: FakeTwilioCall;
  callId: string;
  /** The caller says `text` and waits until the call log holds an agent turn matching `reply`. */
  say(text: string, reply: RegExp): Promise<void>;
}

async function placeLocalCall(): Promise<LocalCall> {
  const h = await startVoiceHarness({ engine: createLocalEngine({ dialogue: offlineReceptionist }) });
  harness = h;
  const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
  const callId = call.answer.twiml.stream?.parameters.callId ?? '';
  const agentTurns = async () =>
    ((await forBusiness(h.database.db, h.businessId).calls.get(callId))?.turns ?? []).filter(
      (turn) => turn.role === 'agent',
    );
  await until(agentTurns, (turns) => turns.length >= 1, 'the greeting', 30_000);
  await call.waitForPlaybackEnd(30_000);
  return {
    h,
    call,
    callId,
    async say(text, reply) {
      const before = (await agentTurns()).length;
      await call.sendAudio(await throughPhoneChannel(await speakAsCaller(text)), { speed: 2 });
      await call.sendAudio(silenceMulaw(1200), { speed: 2 });
      await until(
        agentTurns,
        (turns) =>
          reply.test(
            turns
              .slice(before)
              .map((turn) => turn.text)
              .join(' '),
          ),
        `an agent turn matching ${reply}`,
      );
      await call.waitForPlaybackEnd(30_000);
    },
  };
}

/**
 * A day two to six days ahead on which the demo practice is open, so its weekday name alone names it
 * (the next such weekday from today).
 */
async function openDay(h: VoiceHarness): Promise<DateTime> {
  const profile = await loadBusinessProfile(h.database.db, h.businessId);
  const today = DateTime.fromMillis(h.now(), { zone: profile.timeZone }).startOf('day');
  let date = today.plus({ days: 2 });
  while (!dayOpening(profile, localDate(profile, date.toMillis())).open) date = date.plus({ days: 1 });
  if (date.diff(today, 'days').days > 6) throw new Error(`no open day within a week of ${today.toISODate()}`);
  return date;
}

// Whole calls spoken in (twice) real time, with speech recognition and synthesis on a shared 2-core machine.
const CALL_TEST_TIMEOUT_MS = 150_000;

describe('phone calls on the local engine (fake Twilio ⇄ voice server ⇄ local engine ⇄ temporary database)', () => {
  it(
    'books an appointment: the right row lands in the database',
    async () => {
      const { h, say } = await placeLocalCall();
      const day = await openDay(h);
      // The weekday name, not "november twenty sixth": a long date said in one breath can be split by the
      // recognizer's endpointing on a loaded machine ("november twenty" | "sixth"), which is a different day.
      await say(
        `i would like to book a cleaning on ${day.toFormat('cccc').toLowerCase()} at ten a m`,
        /your name/i,
      );
      await say('my name is john smith', /shall i book it/i);
      await say('yes please', /anything else/i);

      const rows = await forBusiness(h.database.db, h.businessId).appointments.list({
        fromMs: day.toMillis(),
        toMs: day.plus({ days: 1 }).toMillis(),
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ serviceId: 'cleaning', startAt: day.set({ hour: 10 }).toMillis() });
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    'takes a message: a message row lands in the database',
    async () => {
      const { h, say } = await placeLocalCall();
      await say('i would like to leave a message', /your name/i);
      await say('my name is peter brown', /message to say/i);
      await say('please call me back about my bill', /anything else/i);

      const messages = await forBusiness(h.database.db, h.businessId).messages.list();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.reason).toContain('bill');
      expect(messages[0]?.callerName).toBe('Peter Brown');
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    '"can I talk to a person" transfers the call through Twilio',
    async () => {
      const { h, call, say } = await placeLocalCall();
      await say('can i talk to a person', /transfer/i);
      const update = await h.twilioRest.waitForUpdate(call.callSid, 30_000);
      expect(JSON.stringify(update.params)).toContain('+15005550100');
    },
    CALL_TEST_TIMEOUT_MS,
  );
});
