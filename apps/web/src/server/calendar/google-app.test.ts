import { describe, expect, it } from 'vitest';
import { browserOrigin, calendarOAuthApp, packState, unpackState } from './google-app.ts';

const config = {
  tokenKey: Buffer.alloc(32),
  clientId: 'id',
  clientSecret: 'secret',
  endpoints: { apiRootUrl: 'a', authUrl: 'b', tokenUrl: 'c', revokeUrl: 'd' },
  syncIntervalMs: 300_000,
  webPublicUrl: undefined,
};

describe('the calendar OAuth app', () => {
  it('redirects to the configured public origin, else the one the browser used', () => {
    expect(calendarOAuthApp(config, 'http://127.0.0.1:3000').redirectUri).toBe(
      'http://127.0.0.1:3000/api/calendar/google/callback',
    );
    expect(calendarOAuthApp({ ...config, webPublicUrl: 'https://app.example' }, 'http://x').redirectUri).toBe(
      'https://app.example/api/calendar/google/callback',
    );
    const request = {
      headers: new Headers({ host: '127.0.0.1:4000' }),
      nextUrl: { origin: 'http://localhost:4000', protocol: 'http:' },
    };
    expect(browserOrigin(request)).toBe('http://127.0.0.1:4000');
  });

  it('carries the business id in the state', () => {
    expect(unpackState(packState('biz_1', 'secret.with.dots'))).toEqual({
      businessId: 'biz_1',
      secret: 'secret.with.dots',
    });
    expect(unpackState('nodot')).toBeUndefined();
    expect(unpackState('.x')).toBeUndefined();
  });
});
