import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';

describe('loadOrCreateDevSecrets', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates private secrets once and returns the same ones afterwards', () => {
    const dir = tempDir();
    const first = loadOrCreateDevSecrets(dir);
    expect(first.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(first.TWILIO_AUTH_TOKEN.length).toBeGreaterThanOrEqual(16);
    expect(statSync(join(dir, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevSecrets(dir)).toEqual(first);
    expect(loadOrCreateDevSecrets(tempDir())).not.toEqual(first);
  });

  it('replaces a corrupt file instead of failing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dev-secrets.json'), '{"SESSION_SECRET":"short"}');
    const secrets = loadOrCreateDevSecrets(dir);
    expect(secrets.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('adds a credentials key to a file from before, keeping its other secrets', () => {
    const dir = tempDir();
    const older = { SESSION_SECRET: 's'.repeat(40), TWILIO_AUTH_TOKEN: 't'.repeat(20) };
    writeFileSync(join(dir, 'dev-secrets.json'), JSON.stringify(older));
    const secrets = loadOrCreateDevSecrets(dir);
    expect(secrets).toMatchObject(older);
    expect(Buffer.from(secrets.CREDENTIALS_KEY, 'base64')).toHaveLength(32);
    expect(loadOrCreateDevSecrets(dir)).toEqual(secrets);
  });
});
