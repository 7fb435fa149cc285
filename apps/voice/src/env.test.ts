import { describe, expect, it } from 'vitest';
import { parseVoiceEnv, VoiceConfigError } from './env.ts';

describe('voice env: the embedded job worker', () => {
  it('embeds a worker by default, with the WORKER_* settings', () => {
    expect(parseVoiceEnv({}).env.worker).toEqual({
      concurrency: 4,
      pollIntervalMs: 1_000,
      leaseMs: 60_000,
      maxAttempts: 5,
      drainTimeoutMs: 30_000,
      workerId: undefined,
      recordingsDir: './data/recordings',
      twilio: undefined,
    });
    expect(parseVoiceEnv({ WORKER_CONCURRENCY: '2', WORKER_ID: 'voice-1' }).env.worker).toMatchObject({
      concurrency: 2,
      workerId: 'voice-1',
    });
    // The embedded worker fetches voicemails with the same Twilio account the voice server answers for.
    const account = `AC${'1'.repeat(32)}`;
    expect(
      parseVoiceEnv({ TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 'token' }).env.worker?.twilio,
    ).toEqual({ accountSid: account, authToken: 'token', apiBaseUrl: 'https://api.twilio.com' });
  });

  it('runs none with WORKER=off, and names a bad worker setting at start', () => {
    expect(parseVoiceEnv({ WORKER: 'off', WORKER_LEASE_MS: 'soon' }).env.worker).toBeUndefined();
    expect(() => parseVoiceEnv({ WORKER_LEASE_MS: '5' })).toThrow(VoiceConfigError);
    expect(() => parseVoiceEnv({ WORKER_LEASE_MS: '5' })).toThrow(/WORKER_LEASE_MS/);
    expect(() => parseVoiceEnv({ WORKER: 'sometimes' })).toThrow(/WORKER/);
  });
});
