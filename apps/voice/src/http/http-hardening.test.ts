import { createScriptedEngine } from '@receptionist/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startVoiceHarness, type VoiceHarness } from '../testing/voice-harness.ts';

let harness: VoiceHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('voice server HTTP hardening (issue 14, item 12)', () => {
  it('answers malformed JSON with 400 and an oversize body with 413, not 500', async () => {
    harness = await startVoiceHarness({ engine: createScriptedEngine() });
    const post = (type: string, body: string) =>
      fetch(`${harness?.serverUrl}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    const malformed = await post('application/json', '{"ticket":');
    expect(malformed.status).toBe(400);
    const oversize = await post('application/x-www-form-urlencoded', `CallSid=${'a'.repeat(200_000)}`);
    expect(oversize.status).toBe(413);
    const badCharset = await post('application/json; charset=klingon', '{}');
    expect(badCharset.status).toBe(415);
  });

  it('serves /metrics to loopback clients only when no token is configured, never through a proxy', async () => {
    harness = await startVoiceHarness({ engine: createScriptedEngine() });
    expect((await fetch(`${harness.serverUrl}/metrics`)).status).toBe(200);
    const forwarded = await fetch(`${harness.serverUrl}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forwarded.status).toBe(403);
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    harness = await startVoiceHarness({ engine: createScriptedEngine(), env: { METRICS_TOKEN: token } });
    expect((await fetch(`${harness.serverUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${harness.serverUrl}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${harness.serverUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('voice_active_calls');
  });
});
