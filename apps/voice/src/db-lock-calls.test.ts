import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from '@libsql/client';
import { forBusiness } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  silenceMulaw,
  speechMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

/**
 * Issue 14 item 4: a second writer (the dashboard writes on every API request) holding the database's
 * write lock must not freeze calls, fail them, or lose what was said.
 */
let harness: VoiceHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

/** Another process's connection on the same file, holding the write lock until released. */
async function holdWriteLock(url: string) {
  const other = createClient({ url });
  const tx = await other.transaction('write');
  await tx.execute("insert into stream_tokens (id, expires_at, used_at) values ('dashboard', 1, 1)");
  return {
    release: async () => {
      await tx.commit();
      other.close();
    },
  };
}

const turnsOf = async (h: VoiceHarness, callId: string) =>
  ((await forBusiness(h.database.db, h.businessId).calls.get(callId))?.turns ?? []).map((turn) => turn.text);

describe('a second writer holding the database lock', () => {
  it('during a call: audio keeps flowing, the loop stays free, and every line lands after release', async () => {
    const replies = ['One.', 'Two.', 'Three.'];
    const engine = createScriptedEngine({
      greeting: { text: 'Hello!', audioMs: 200 },
      turns: replies.map((text, index) => ({ caller: `line ${index + 1}`, reply: { text, audioMs: 300 } })),
    });
    harness = await startVoiceHarness({ engine });
    const h = harness;
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const callId = call.answer.twiml.stream?.parameters.callId ?? '';
    await call.waitForAudio(200 * 8);
    await call.waitForPlaybackEnd();
    await expect.poll(() => turnsOf(h, callId), { timeout: 10_000 }).toEqual(['Hello!']);

    const holder = await holdWriteLock(h.database.url);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let heardBytes = 200 * 8;
    for (let index = 0; index < replies.length; index++) {
      await call.sendAudio(speechMulaw(400));
      await call.sendAudio(silenceMulaw(500));
      heardBytes += 300 * 8;
      // The agent's reply reaches the caller while the database is locked.
      await call.waitForAudio(heardBytes);
      await call.waitForPlaybackEnd();
    }
    // Held past one write's own wait budget, so the outbox's retries (not one long wait) carry the lines.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    delay.disable();
    expect(await turnsOf(h, callId)).toEqual(['Hello!']);
    // Before the fix each write slept inside SQLite, freezing this loop for up to 5 s at a time.
    expect(delay.max / 1e6).toBeLessThan(200);
    await holder.release();

    const expected = ['Hello!', 'line 1', 'One.', 'line 2', 'Two.', 'line 3', 'Three.'];
    await expect.poll(() => turnsOf(h, callId), { timeout: 10_000 }).toEqual(expected);
    call.stop();
    await expect
      .poll(async () => (await forBusiness(h.database.db, h.businessId).calls.get(callId))?.status, {
        timeout: 10_000,
      })
      .toBe('completed');
    expect(call.protocolErrors).toEqual([]);
  }, 40_000);

  it('before a call: the webhook answers from memory at once, and the call goes ahead after release', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    harness = await startVoiceHarness({ engine });
    const h = harness;
    // A first call fills the directory cache, as any call after start-up would find it.
    const warm = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await warm.waitForAudio(200 * 8);
    warm.stop();

    const holder = await holdWriteLock(h.database.url);
    const started = performance.now();
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const answeredMs = performance.now() - started;
    expect(call.answer.twiml.stream).toBeDefined();
    // The row is written after the answer, so the lock costs the webhook nothing.
    expect(answeredMs).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await holder.release();
    await call.waitForAudio(200 * 8);
    const callId = call.answer.twiml.stream?.parameters.callId ?? '';
    await expect.poll(() => turnsOf(h, callId), { timeout: 10_000 }).toEqual(['Hello!']);
    call.stop();
  }, 30_000);
});
