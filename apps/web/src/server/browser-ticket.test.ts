import { verifyBrowserTicket } from '@receptionist/telephony';
import { describe, expect, it } from 'vitest';
import { browserCallUrl, issueBrowserTicket } from './browser-ticket.ts';

const secret = 'a-test-secret-that-is-long-enough-000000';

describe('browser call tickets', () => {
  it('mints a ticket the voice server verifies, bound to business and user', () => {
    const issued = issueBrowserTicket({
      secret,
      voiceUrl: 'http://127.0.0.1:8081',
      businessId: 'biz_1',
      userId: 'usr_1',
    });
    const claims = verifyBrowserTicket(secret, issued.ticket);
    expect(claims).toMatchObject({ kind: 'browser', businessId: 'biz_1', userId: 'usr_1' });
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(issued.url).toBe(`ws://127.0.0.1:8081/browser/${issued.ticket}`);
    expect(() => verifyBrowserTicket('another-secret-that-is-long-enough-0000', issued.ticket)).toThrow();
  });

  it('uses wss for an https voice server and keeps a path prefix', () => {
    expect(browserCallUrl('https://voice.example.com/base/', 'abc')).toBe(
      'wss://voice.example.com/base/browser/abc',
    );
  });
});
