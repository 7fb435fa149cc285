import { forBusiness } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { fakeSid } from '@receptionist/telephony/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITLEMENT_REUSE_MS } from './call-entitlements.ts';
import { CALLER_NUMBER, HARNESS_NOW, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

// Billing's entitlement is decided when a call rings: past the included minutes without overage the caller
// is asked for a message and promised a call back, and no media stream (no AI time) is opened.

let harness: VoiceHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

/** Uses up the demo business's trial allowance (30 minutes) with one recorded call. */
async function useTheTrial(h: VoiceHarness): Promise<void> {
  const tenant = forBusiness(h.database.db, h.businessId);
  const business = await tenant.business.get();
  const startedAt = business?.createdAt ?? 0;
  const call = await tenant.calls.create({
    channel: 'phone',
    engine: 'local',
    status: 'in_progress',
    startedAt,
  });
  await tenant.calls.end(call.id, {
    status: 'completed',
    endReason: 'caller_hangup',
    endedAt: startedAt + 30 * 60_000,
  });
  await tenant.billing.recordUsage({ callId: call.id, startedAt, billableSeconds: 30 * 60, metered: false });
}

describe('calls past the usage limit', () => {
  it('streams to the receptionist within the allowance, and takes a voicemail with a callback promise past it', async () => {
    let nowMs = Date.parse(HARNESS_NOW);
    const h = await startVoiceHarness({ engine: createScriptedEngine(), now: () => nowMs });
    harness = h;
    const within = await h.twilio.postVoiceWebhook({
      from: CALLER_NUMBER,
      to: h.businessNumber,
      callSid: fakeSid('CA'),
    });
    expect(within.twiml.stream).toBeDefined();

    await useTheTrial(h);
    // Billing's verdict is shared by the calls of a burst: one ringing right after is answered as the
    // first was, and the next one after the reuse window sees the used-up trial.
    const sameBurst = await h.twilio.postVoiceWebhook({
      from: CALLER_NUMBER,
      to: h.businessNumber,
      callSid: fakeSid('CA'),
    });
    expect(sameBurst.twiml.stream).toBeDefined();
    nowMs += ENTITLEMENT_REUSE_MS;
    const callSid = fakeSid('CA');
    const past = await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    expect(past.twiml.stream).toBeUndefined();
    expect(past.body).toContain("we'll call you back");
    expect(past.body).toContain('recordingStatusCallback="https://voice.example.test/twilio/voicemail"');
    // The webhook answers first and writes the call row through the call-log outbox right after.
    await h.voice.callLogSettled();
    const tenant = forBusiness(h.database.db, h.businessId);
    const row = (await tenant.calls.list({})).find((call) => call.twilioCallSid === callSid);
    expect(row).toMatchObject({ status: 'completed', endReason: 'usage_limit_voicemail' });
  });
});
