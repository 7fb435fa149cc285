import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidEnvironmentError, parseWebEnv } from './env.ts';

const repo = mkdtempSync(join(tmpdir(), 'web-env-'));
writeFileSync(join(repo, 'package.json'), JSON.stringify({ workspaces: ['apps/*'] }));
const appDir = join(repo, 'apps/web');
mkdirSync(appDir, { recursive: true });
writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'web' }));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('parseWebEnv', () => {
  it('applies defaults and resolves the database file from the repository root', () => {
    const env = parseWebEnv({}, appDir);
    expect(env.databaseUrl).toBe(`file:${join(repo, 'data/receptionist.db')}`);
    expect(env.webPort).toBe(3000);
    expect(env.voiceUrl).toBe('http://127.0.0.1:8081');
    expect(env.google).toBeUndefined();
    // No well-known default: a random per-install secret, the same on every read, private to this install.
    expect(env.sessionSecret).not.toMatch(/dev-only/);
    expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(parseWebEnv({}, appDir).sessionSecret).toBe(env.sessionSecret);
    expect(JSON.parse(readFileSync(join(repo, 'data/dev-secrets.json'), 'utf8')).SESSION_SECRET).toBe(
      env.sessionSecret,
    );
  });

  it('finds the recordings folder where the worker writes it (repository root, unless absolute)', () => {
    expect(parseWebEnv({}, appDir).recordingsDir).toBe(join(repo, 'data/recordings'));
    expect(parseWebEnv({ RECORDINGS_DIR: '/srv/recordings' }, appDir).recordingsDir).toBe('/srv/recordings');
  });

  it('keeps remote and absolute database URLs as given', () => {
    expect(parseWebEnv({ DATABASE_URL: 'libsql://x.turso.io' }, appDir).databaseUrl).toBe(
      'libsql://x.turso.io',
    );
    expect(parseWebEnv({ DATABASE_URL: 'file:/tmp/a.db' }, appDir).databaseUrl).toBe('file:/tmp/a.db');
  });

  it('names the variable and the reason when config is bad', () => {
    expect(() => parseWebEnv({ SESSION_SECRET: 'short' }, appDir)).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
    expect(() => parseWebEnv({ WEB_PORT: 'eighty' }, appDir)).toThrow(InvalidEnvironmentError);
    expect(() => parseWebEnv({ GOOGLE_CLIENT_ID: 'id' }, appDir)).toThrow(/GOOGLE_CLIENT_SECRET/);
    expect(() => parseWebEnv({ NODE_ENV: 'production' }, appDir)).toThrow(/SESSION_SECRET: is required/);
  });

  it('enables Google only with both client id and secret', () => {
    const env = parseWebEnv({ GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' }, appDir);
    expect(env.google).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      issuer: 'https://accounts.google.com',
    });
  });

  it('refuses private webhook URLs unless WEBHOOK_ALLOW_PRIVATE_URLS=true, and names a bad value', () => {
    expect(parseWebEnv({}, appDir).webhooks).toEqual({ allowPrivateUrls: false });
    expect(parseWebEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }, appDir).webhooks).toEqual({
      allowPrivateUrls: true,
    });
    expect(() => parseWebEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: 'yes' }, appDir)).toThrow(
      /WEBHOOK_ALLOW_PRIVATE_URLS/,
    );
  });

  it('offers visitors the demo call unless PUBLIC_DEMO_CALLS=off, and names a bad value', () => {
    expect(parseWebEnv({}, appDir).publicDemoCalls).toBe(true);
    expect(parseWebEnv({ PUBLIC_DEMO_CALLS: 'off' }, appDir).publicDemoCalls).toBe(false);
    expect(() => parseWebEnv({ PUBLIC_DEMO_CALLS: 'maybe' }, appDir)).toThrow(/PUBLIC_DEMO_CALLS/);
  });

  it('checks number ownership with Twilio by default, and names a bad credentials key', () => {
    expect(parseWebEnv({}, appDir).phoneNumbers).toEqual({
      ownership: 'twilio',
      credentialsKey: undefined,
      twilioApiBaseUrl: 'https://api.twilio.com',
    });
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(parseWebEnv({ CREDENTIALS_KEY: key }, appDir).phoneNumbers.credentialsKey).toBe(key);
    expect(() => parseWebEnv({ CREDENTIALS_KEY: 'c2hvcnQ=' }, appDir)).toThrow(/CREDENTIALS_KEY/);
    expect(() => parseWebEnv({ PHONE_NUMBER_OWNERSHIP: 'trust-me' }, appDir)).toThrow(
      /PHONE_NUMBER_OWNERSHIP/,
    );
  });
});
