import { forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import { loadBusinessProfile, seedDemoBusiness } from '@receptionist/domain';
import {
  type Conversation,
  type DecisionEvent,
  PHONE_AUDIO,
  type ToolResultEvent,
  type TranscriptEvent,
} from '@receptionist/engine';
import { MONTHS, ordinalToWords } from '@receptionist/engine/language';
import {
  CallerLine,
  createLocalEngine,
  speakAsCaller,
  throughPhoneChannel,
} from '@receptionist/engine/local';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toBusinessBrief } from '../instructions.ts';
import { buildReceptionistTools } from '../tools/index.ts';
import { offlineReceptionist } from './index.ts';

/**
 * A whole offline call at the Conversation level (messages, transfer and the voice server path are in
 * local-engine.test.ts and apps/voice/src/local-engine-calls.test.ts): flite caller speech through a phone channel (8 kHz
 * μ-law) → the local engine → the real receptionist tools on a temporary database.
 */

const CALLER_NUMBER = '+12125550123';
let testDatabase: TestDatabase;
let businessId: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  businessId = (await seedDemoBusiness(testDatabase.db)).id;
});
afterAll(async () => {
  await testDatabase?.cleanup();
});

/** A weekday a few days ahead, away from the demo business's closures, said the way a caller says it. */
function bookableDay(nowMs: number): { date: DateTime; spoken: string } {
  let date = DateTime.fromMillis(nowMs, { zone: 'America/New_York' }).startOf('day').plus({ days: 2 });
  while (date.weekday > 5 || ['12-24', '12-25', '01-01'].includes(date.toFormat('MM-dd')))
    date = date.plus({ days: 1 });
  return { date, spoken: `${MONTHS[date.month - 1]} ${ordinalToWords(date.day)}` };
}

interface RunningCall {
  conversation: Conversation;
  line: CallerLine;
  transcripts: TranscriptEvent[];
  toolResults: ToolResultEvent[];
  decisions: DecisionEvent[];
  agentLines(): string[];
  /** Says `text` as the caller and waits until the agent has answered it. */
  say(text: string, expectReply: RegExp): Promise<void>;
}

const running: RunningCall[] = [];
afterEach(async () => {
  for (const call of running.splice(0)) {
    call.line.stop();
    await call.conversation.close();
  }
});

async function startCall(now: () => number): Promise<RunningCall> {
  const profile = await loadBusinessProfile(testDatabase.db, businessId);
  const call = await createTestCall(testDatabase.db, businessId, {
    channel: 'phone',
    fromNumber: CALLER_NUMBER,
    engine: 'local',
  });
  const conversation = await createLocalEngine({ dialogue: offlineReceptionist }).start({
    callId: call.id,
    businessId,
    callerNumber: CALLER_NUMBER,
    instructions: '',
    greeting: profile.greeting,
    audioFormat: PHONE_AUDIO,
    tools: buildReceptionistTools({ db: testDatabase.db, businessId, now }),
    business: toBusinessBrief(profile),
    now,
  });
  const transcripts: TranscriptEvent[] = [];
  const toolResults: ToolResultEvent[] = [];
  const decisions: DecisionEvent[] = [];
  conversation.on('transcript', (event) => transcripts.push(event));
  conversation.on('tool_result', (event) => toolResults.push(event));
  conversation.on('decision', (event) => decisions.push(event));
  const line = new CallerLine({
    bytesPerMs: 8,
    silenceByte: 0xff,
    push: (frame) => conversation.pushAudio(frame),
    speed: 2,
  });
  line.start();
  const agentLines = (): string[] =>
    transcripts.filter((event) => event.role === 'agent').map((event) => event.text);
  const runningCall: RunningCall = {
    conversation,
    line,
    transcripts,
    toolResults,
    decisions,
    agentLines,
    async say(text, expectReply) {
      const before = agentLines().length;
      await line.say(await throughPhoneChannel(await speakAsCaller(text)));
      await expect
        .poll(() => agentLines().slice(before).join(' '), { timeout: 20_000, interval: 50 })
        .toMatch(expectReply);
    },
  };
  running.push(runningCall);
  await expect.poll(() => agentLines()[0], { timeout: 15_000, interval: 50 }).toBe(profile.greeting);
  return runningCall;
}

function toolResults(call: RunningCall, name: string): ToolResultEvent[] {
  return call.toolResults.filter((event) => event.name === name);
}

// Calls spoken in (near) real time, with recognition and synthesis on a shared 2-core machine.
const CALL_TEST_TIMEOUT_MS = 150_000;

/**
 * "Today" for each booking call: the date main went red on (december fourth), a Sunday two days before a leap
 * day (february twenty ninth), and a Friday before the autumn DST change (the slot is after it).
 */
const TODAYS = ['2026-12-02T15:00:00Z', '2028-02-27T15:00:00Z', '2026-10-30T14:00:00Z'];

describe('local engine, whole phone calls', () => {
  it.each(TODAYS)(
    'books an appointment that lands in the database (today is %s)',
    async (today) => {
      const now = pinnedClock(today);
      const call = await startCall(now);
      const { date, spoken } = bookableDay(now());
      await call.say(`hi i would like to book a cleaning on ${spoken} at ten a m`, /name/i);
      await call.say('my name is john smith', /shall i book it/i);
      await call.say('yes please', /anything else/i);

      const booked = toolResults(call, 'book_appointment');
      expect(booked.map((result) => result.status)).toEqual(['ok']);
      const rows = await forBusiness(testDatabase.db, businessId).appointments.list({
        fromMs: date.toMillis(),
        toMs: date.plus({ days: 1 }).toMillis(),
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]?.serviceId).toBe('cleaning');
      expect(rows[0]?.startAt).toBe(date.set({ hour: 10 }).toMillis());
      const decisions = call.decisions.map((decision) => decision.kind);
      expect(decisions).toEqual(
        expect.arrayContaining(['intent', 'slot_filled', 'slot_available', 'confirmed', 'booked']),
      );
    },
    CALL_TEST_TIMEOUT_MS,
  );
});
