import { describe, expect, it } from 'vitest';
import { parseWorkerSettings } from './env.ts';

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
