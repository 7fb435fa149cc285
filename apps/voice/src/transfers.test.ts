import { forBusiness } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { readTwiml } from '@receptionist/telephony/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_NUMBER, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';
import { TRANSFER_RESULT_PATH, TRANSFER_UNANSWERED_PROMPT } from './twilio/transfer-result-webhook.ts';
import { VOICEMAIL_CALLBACK_PATH } from './twilio/voicemail-webhook.ts';

let harness: VoiceHarness | undefined;

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function start(options: Partial<Parameters<typeof startVoiceHarness>[0]> = {}): Promise<VoiceHarness> {
  harness = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 300 } }),
    ...options,
  });
  return harness;
}

/** A phone call transferred by DTMF 0, once its row says `transferred`. */
async function transferredCall(h: VoiceHarness) {
  const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
  await call.waitForAudio(300 * 8);
  call.sendDtmf('0');
  const update = await h.twilioRest.waitForUpdate(call.callSid);
  const callId = call.answer.twiml.stream?.parameters.callId ?? '';
  const tenant = forBusiness(h.database.db, h.businessId);
  const deadline = performance.now() + 10_000;
  while ((await tenant.calls.get(callId))?.status !== 'transferred') {
    if (performance.now() > deadline) throw new Error('the call was never logged as transferred');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { call, callId, update, tenant };
}

describe('transfers', () => {
  it('dial with a ring timeout and an action, so Twilio reports how the transfer went', async () => {
    const h = await start();
    const { update } = await transferredCall(h);
    const dial = /<Dial\b[^>]*>/.exec(update.params.Twiml ?? '')?.[0] ?? '';
    expect(dial).toContain(`action="${h.env.publicUrl}${TRANSFER_RESULT_PATH}"`);
    expect(dial).toMatch(/timeout="20"/);
  });

  it('returns an unanswered transfer to a message and logs it as unanswered, not transferred', async () => {
    const h = await start();
    const { call, callId, tenant } = await transferredCall(h);
    const response = await h.twilio.post(TRANSFER_RESULT_PATH, {
      CallSid: call.callSid,
      AccountSid: h.twilio.accountSid,
      DialCallStatus: 'no-answer',
    });
    expect(response.status).toBe(200);
    const xml = await response.text();
    const twiml = readTwiml(xml);
    expect(twiml.says).toEqual([TRANSFER_UNANSWERED_PROMPT]);
    expect(twiml.hasRecord).toBe(true);
    // The message reaches the team through the signed voicemail callback, as any voicemail does.
    expect(xml).toContain(`recordingStatusCallback="${h.env.publicUrl}${VOICEMAIL_CALLBACK_PATH}"`);
    expect((await tenant.calls.get(callId))?.status).toBe('no_answer');
  });

  it('ends an answered transfer and keeps it logged as transferred; refuses an unsigned result', async () => {
    const h = await start();
    const { call, callId, tenant } = await transferredCall(h);
    const params = { CallSid: call.callSid, AccountSid: h.twilio.accountSid, DialCallStatus: 'busy' };
    expect((await h.twilio.post(TRANSFER_RESULT_PATH, params, { signature: null })).status).toBe(403);
    const answered = await h.twilio.post(TRANSFER_RESULT_PATH, { ...params, DialCallStatus: 'completed' });
    expect(readTwiml(await answered.text()).hasHangup).toBe(true);
    expect((await tenant.calls.get(callId))?.status).toBe('transferred');
  });
});
