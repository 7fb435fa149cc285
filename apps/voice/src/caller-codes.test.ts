import { forBusiness } from '@receptionist/db';
import { createTestCall } from '@receptionist/db/testing';
import {
  bookAppointment,
  type ClaimedJob,
  loadProfileFor,
  updateBusinessProfile,
} from '@receptionist/domain';
import type { AnyEngineTool, ToolResult } from '@receptionist/engine';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { buildReceptionistTools } from '@receptionist/receptionist';
import {
  createDefaultHandlers,
  createNotificationChannels,
  parseNotificationSettings,
} from '@receptionist/worker';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

// The customer on file, and the caller: someone else's phone, or a spoofed caller ID.
const CUSTOMER = '+12025550161';
const OTHER_PHONE = '+12025550162';

let h: VoiceHarness;
let tools: Map<string, AnyEngineTool>;
let callId: string;
let counter = 0;

beforeEach(async () => {
  h = await startVoiceHarness({ engine: createScriptedEngine({ greeting: { text: 'Hi', audioMs: 100 } }) });
  const tenant = forBusiness(h.database.db, h.businessId);
  await updateBusinessProfile({
    ctx: { tenant, actor: { kind: 'system' } },
    input: { callerVerification: 'sms_code' },
  });
  const profile = await loadProfileFor(tenant);
  const service = profile.services[0]!;
  await bookAppointment({
    ctx: { tenant, profile, nowMs: h.now(), actor: { kind: 'staff', userId: 'u' } },
    input: {
      service: service.id,
      date: await openDay(),
      time: '10:00',
      customerName: 'Ada Lovelace',
      phone: CUSTOMER,
    },
  });
  callId = (
    await createTestCall(h.database.db, h.businessId, { fromNumber: OTHER_PHONE, startedAt: h.now() })
  ).id;
  tools = new Map(
    buildReceptionistTools({ db: h.database.db, businessId: h.businessId, now: h.now }).map((tool) => [
      tool.name,
      tool,
    ]),
  );
});

afterEach(async () => {
  await h.cleanup();
});

/** The next weekday the demo practice is open, a few days after the harness's pinned now. */
async function openDay(): Promise<string> {
  const date = new Date(h.now() + 3 * 86_400_000);
  while ([0, 6].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function call(name: string, args: Record<string, unknown>, callerNumber = OTHER_PHONE): Promise<ToolResult> {
  counter += 1;
  return tools.get(name)!.execute(args as never, {
    businessId: h.businessId,
    callId,
    callerNumber,
    toolCallId: `tc_code_${counter}`,
  });
}

/** Runs the queued caller-code jobs through the production handler, texting through the fake Twilio. */
async function sendQueuedCodes(): Promise<void> {
  const channels = createNotificationChannels(
    parseNotificationSettings({
      TWILIO_ACCOUNT_SID: h.twilio.accountSid,
      TWILIO_AUTH_TOKEN: h.env.twilio.authToken,
      TWILIO_API_BASE_URL: h.twilioRest.url,
    }),
  );
  const handler = createDefaultHandlers({ notifications: channels })['caller_code.send']!;
  for (const job of await forBusiness(h.database.db, h.businessId).jobs.list({ status: 'queued' })) {
    if (job.kind !== 'caller_code.send') continue;
    await handler({
      job: { id: job.id, businessId: job.businessId } as ClaimedJob,
      payload: job.payload as never,
      db: h.database.db,
      now: h.now,
      logger: pino({ level: 'silent' }),
      signal: new AbortController().signal,
    });
  }
}

const textedCode = () => /\b(\d{6})\b/.exec(h.twilioRest.messages.at(-1)?.params.Body ?? '')?.[1] ?? '';

describe('caller verification by a code texted to the number on file', () => {
  it('reads a booking only after the code sent to the number on file comes back', async () => {
    // Caller ID, a name and a spoken number are not enough.
    expect(await call('find_my_appointments', { customerName: 'Ada Lovelace' }, CUSTOMER)).toMatchObject({
      ok: false,
      code: 'verification_required',
    });
    const sent = await call('send_verification_code', { phone: CUSTOMER });
    expect(sent).toMatchObject({ ok: true, data: { phoneEnding: '0161' } });
    await sendQueuedCodes();
    expect(h.twilioRest.messages.at(-1)?.params.To).toBe(CUSTOMER);
    const code = textedCode();
    expect(code).toMatch(/^\d{6}$/);
    // Only the hash is stored.
    const stored = await forBusiness(h.database.db, h.businessId).callerCodes.latestOpen(callId);
    expect(JSON.stringify(stored)).not.toContain(code);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await call('find_my_appointments', { verificationCode: wrong })).toMatchObject({
      code: 'verification_failed',
    });
    const found = await call('find_my_appointments', { verificationCode: code });
    expect(found).toMatchObject({ ok: true, data: { verifiedBy: 'sms_code' } });
    // Verified for the rest of this call: the cancel needs no second code.
    expect(await call('cancel_appointment', {})).toMatchObject({ ok: true });
  });

  it('a code proves nothing on another call', async () => {
    await call('send_verification_code', { phone: CUSTOMER });
    await sendQueuedCodes();
    const code = textedCode();
    const otherCall = (await createTestCall(h.database.db, h.businessId, { fromNumber: OTHER_PHONE })).id;
    const elsewhere = await tools.get('find_my_appointments')!.execute({ verificationCode: code } as never, {
      businessId: h.businessId,
      callId: otherCall,
      callerNumber: OTHER_PHONE,
      toolCallId: 'tc_elsewhere',
    });
    expect(elsewhere).toMatchObject({ ok: false, code: 'verification_failed' });
  });

  it('sends nothing for a number with no bookings, and says the same', async () => {
    const sent = await call('send_verification_code', { phone: '+12025550177' });
    expect(sent.ok).toBe(true);
    await sendQueuedCodes();
    expect(h.twilioRest.messages).toEqual([]);
  });
});
