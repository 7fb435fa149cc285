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
      webhooks: { allowPrivateUrls: false, timeoutMs: 10_000 },
      notifications: {
        smtpUrl: undefined,
        emailFrom: 'AI Receptionist <receptionist@localhost>',
        twilio: undefined,
        smsStatusCallbackUrl: undefined,
        publicUrl: undefined,
      },
      polar: { api: undefined, products: {}, webhookSecret: undefined },
      recordingsDir: './data/recordings',
      twilio: undefined,
    });
    expect(
      parseVoiceEnv({
        WORKER_CONCURRENCY: '2',
        WORKER_ID: 'voice-1',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_TIMEOUT_MS: '2500',
      }).env.worker,
    ).toMatchObject({
      concurrency: 2,
      workerId: 'voice-1',
      webhooks: { allowPrivateUrls: true, timeoutMs: 2_500 },
    });
    // The embedded worker fetches voicemails with the same Twilio account the voice server answers for.
    const account = `AC${'1'.repeat(32)}`;
    expect(
      parseVoiceEnv({ TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 'token' }).env.worker?.twilio,
    ).toEqual({ accountSid: account, authToken: 'token', apiBaseUrl: 'https://api.twilio.com' });
  });

  it('gives the embedded worker the post-call analysis settings', () => {
    expect(parseVoiceEnv({}).env.workerAnalysis).toEqual({ openai: undefined });
    expect(
      parseVoiceEnv({ OPENAI_API_KEY: 'sk-x', ANALYSIS_MODEL: 'gpt-x' }).env.workerAnalysis.openai,
    ).toMatchObject({
      apiKey: 'sk-x',
      model: 'gpt-x',
      maxAttempts: 2,
    });
    expect(() => parseVoiceEnv({ ANALYSIS_TIMEOUT_MS: 'soon' })).toThrow(/ANALYSIS_TIMEOUT_MS/);
  });

  it('runs none with WORKER=off, and names a bad worker setting at start', () => {
    expect(parseVoiceEnv({ WORKER: 'off', WORKER_LEASE_MS: 'soon' }).env.worker).toBeUndefined();
    expect(() => parseVoiceEnv({ WORKER_LEASE_MS: '5' })).toThrow(VoiceConfigError);
    expect(() => parseVoiceEnv({ WORKER_LEASE_MS: '5' })).toThrow(/WORKER_LEASE_MS/);
    expect(() => parseVoiceEnv({ WORKER: 'sometimes' })).toThrow(/WORKER/);
  });

  it('gives the embedded worker the notification channels: SMTP, Twilio, the SMS status callback, the public URL outbound calls use', () => {
    const env = parseVoiceEnv({
      SMTP_URL: 'smtp://mail.example.test:587',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      PUBLIC_URL: 'https://voice.example.test/',
    }).env;
    expect(env.worker?.notifications).toEqual({
      smtpUrl: 'smtp://mail.example.test:587',
      emailFrom: 'AI Receptionist <receptionist@localhost>',
      twilio: { accountSid: `AC${'0'.repeat(32)}`, authToken: 'token', apiBaseUrl: 'https://api.twilio.com' },
      smsStatusCallbackUrl: 'https://voice.example.test/twilio/sms-status',
      publicUrl: 'https://voice.example.test',
    });
    expect(() => parseVoiceEnv({ SMTP_URL: 'http://mail.example.test' })).toThrow(/SMTP_URL/);
  });
});

describe('voice env: secrets outside production', () => {
  it('uses the per-install secret (shared with npm start and the dashboard), never a well-known default', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'voice-secrets-'));
    try {
      const { env } = parseVoiceEnv({ DEV_SECRETS_DIR: dir });
      expect(env.sessionSecret).not.toMatch(/dev-only/);
      expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
      expect(JSON.parse(readFileSync(join(dir, 'dev-secrets.json'), 'utf8')).SESSION_SECRET).toBe(
        env.sessionSecret,
      );
      expect(parseVoiceEnv({ DEV_SECRETS_DIR: dir }).env.sessionSecret).toBe(env.sessionSecret);
      expect(() => parseVoiceEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://x.example' })).toThrow(
        /SESSION_SECRET/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
