import { forBusiness } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { FakeTwilioCall, FakeTwilioClient, fakeSid } from '@receptionist/telephony/testing';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createVoiceServer, type VoiceServer } from './server.ts';
import { CALLER_NUMBER, PUBLIC_URL, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

/**
 * Two voice servers on one database (issue 23 item 2): the webhook answers on one, the stream lands on
 * the other, and a stream token is still single-use across both, though neither asked the database before
 * answering the webhook or upgrading the stream.
 */
let harness: VoiceHarness | undefined;
let second: VoiceServer | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
  await harness?.cleanup();
  harness = undefined;
});

describe('two voice servers sharing one database', () => {
  it('streams a call answered by the other server, and refuses its token a second time on either', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    harness = await startVoiceHarness({ engine });
    const h = harness;
    second = createVoiceServer({
      env: h.env,
      db: h.database.db,
      engineFactory: () => h.engines.choice,
      logger: pino({ level: 'silent' }),
      now: h.now,
    });
    const port = await second.listen(0, '127.0.0.1');
    const onSecond = new FakeTwilioClient({
      serverUrl: `http://127.0.0.1:${port}`,
      publicUrl: PUBLIC_URL,
      authToken: h.env.twilio.authToken ?? '',
      accountSid: h.twilio.accountSid,
    });

    const callSid = fakeSid('CA');
    const answer = await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    const streamUrl = answer.twiml.stream?.url ?? '';
    const callId = answer.twiml.stream?.parameters.callId ?? '';
    const call = new FakeTwilioCall({ callSid, accountSid: h.twilio.accountSid, answer });
    await call.attach(onSecond.openStream(streamUrl));
    call.sendConnected();
    call.sendStart();
    await call.waitForAudio(200 * 8);
    const rowOf = () => forBusiness(h.database.db, h.businessId).calls.get(callId);
    await expect.poll(async () => (await rowOf())?.status).toBe('in_progress');
    expect(await rowOf()).toMatchObject({ twilioCallSid: callSid, fromNumber: CALLER_NUMBER });

    // The first server never saw this token: the upgrade goes through, the claim in the database refuses it.
    const replay = new FakeTwilioCall({ callSid, accountSid: h.twilio.accountSid, answer });
    await replay.attach(h.twilio.openStream(streamUrl));
    replay.sendConnected();
    replay.sendStart();
    expect(await replay.waitForClose()).toBe(1008);
    expect(replay.receivedBytes).toBe(0);
    // The second server saw it: refused before the upgrade.
    const again = new FakeTwilioCall({ callSid, accountSid: h.twilio.accountSid, answer });
    await expect(again.attach(onSecond.openStream(streamUrl))).rejects.toThrow(/HTTP 403/);

    // The refused stream wrote nothing to the live call.
    expect(await rowOf()).toMatchObject({
      status: 'in_progress',
      endedAt: null,
    });
    call.stop();
  }, 30_000);
});
