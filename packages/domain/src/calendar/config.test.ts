import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCalendarConfig } from './config.ts';

const KEY = randomBytes(32).toString('hex');

describe('calendar configuration', () => {
  it('is off until client id, secret and token key are all set', () => {
    expect(parseCalendarConfig({})).toBeUndefined();
    const config = parseCalendarConfig({
      GOOGLE_CALENDAR_CLIENT_ID: 'id',
      GOOGLE_CALENDAR_CLIENT_SECRET: 'secret',
      CALENDAR_TOKEN_KEY: KEY,
    });
    expect(config?.tokenKey.toString('hex')).toBe(KEY);
    expect(config?.endpoints.tokenUrl).toBe('https://oauth2.googleapis.com/token');
    expect(config?.syncIntervalMs).toBe(300_000);
  });

  it('fails naming the variable for a bad key or a half-set client', () => {
    expect(() =>
      parseCalendarConfig({
        GOOGLE_CALENDAR_CLIENT_ID: 'id',
        GOOGLE_CALENDAR_CLIENT_SECRET: 's',
        CALENDAR_TOKEN_KEY: 'short',
      }),
    ).toThrow(/CALENDAR_TOKEN_KEY/);
    expect(() => parseCalendarConfig({ GOOGLE_CALENDAR_CLIENT_ID: 'id' })).toThrow(/CALENDAR_TOKEN_KEY/);
  });
});
