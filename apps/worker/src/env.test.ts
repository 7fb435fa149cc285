import { describe, expect, it } from 'vitest';
import { parseWorkerEnv, parseWorkerSettings } from './env.ts';
import { WorkerConfigError } from './errors.ts';

describe('worker env: webhooks', () => {
  it('refuses private receivers and waits 10 s per attempt unless told otherwise', () => {
    expect(parseWorkerEnv({}).webhooks).toEqual({ allowPrivateUrls: false, timeoutMs: 10_000 });
    expect(
      parseWorkerEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_TIMEOUT_MS: '3000' }).webhooks,
    ).toEqual({ allowPrivateUrls: true, timeoutMs: 3_000 });
  });

  it('names a bad webhook setting at start', () => {
    expect(() => parseWorkerEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'yes' })).toThrow(WorkerConfigError);
    expect(() => parseWorkerEnv({ WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
  });
});

const ACCOUNT = `AC${'0'.repeat(32)}`;

describe('worker settings for voicemails', () => {
  it('stores recordings under ./data/recordings and fetches none without Twilio credentials', () => {
    expect(parseWorkerSettings({})).toMatchObject({ recordingsDir: './data/recordings', twilio: undefined });
    expect(parseWorkerSettings({ TWILIO_ACCOUNT_SID: ACCOUNT }).twilio).toBeUndefined();
  });

  it('reads the account, its token and the API origin', () => {
    expect(
      parseWorkerSettings({
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: 'secret',
        TWILIO_API_BASE_URL: 'http://127.0.0.1:9999/',
        RECORDINGS_DIR: '/var/lib/receptionist/recordings',
      }),
    ).toMatchObject({
      recordingsDir: '/var/lib/receptionist/recordings',
      twilio: { accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: 'http://127.0.0.1:9999' },
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseWorkerSettings({ TWILIO_ACCOUNT_SID: 'nope' })).toThrow(/TWILIO_ACCOUNT_SID/);
  });
});
