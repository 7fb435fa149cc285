import { describe, expect, it } from 'vitest';
import { mintLiveToken, verifyLiveToken } from './live-token.ts';
import { mintBrowserTicket } from './tokens.ts';

const SECRET = 'live-token-secret-0123456789abcdef';
const NOW = Date.parse('2026-03-02T15:00:00Z');

describe('live call tokens', () => {
  it('carries the business, member and role it was minted for', () => {
    const token = mintLiveToken({
      secret: SECRET,
      businessId: 'biz_a',
      userId: 'usr_1',
      role: 'staff',
      nowMs: NOW,
    });
    expect(verifyLiveToken(SECRET, token, NOW + 1_000)).toMatchObject({
      businessId: 'biz_a',
      userId: 'usr_1',
      role: 'staff',
    });
  });

  it('refuses a token signed with another secret, an altered one, and an expired one', () => {
    const token = mintLiveToken({
      secret: SECRET,
      businessId: 'biz_a',
      userId: 'usr_1',
      role: 'owner',
      nowMs: NOW,
    });
    expect(() => verifyLiveToken(`${SECRET}x`, token, NOW)).toThrow(/signature/);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        businessId: 'biz_b',
      }),
    ).toString('base64url');
    expect(() => verifyLiveToken(SECRET, `${forged}.${mac}`, NOW)).toThrow(/signature/);
    expect(() => verifyLiveToken(SECRET, token, NOW + 60_001)).toThrow(/expired/);
  });

  it('is not interchangeable with a browser call ticket', () => {
    const ticket = mintBrowserTicket({ secret: SECRET, businessId: 'biz_a', userId: 'usr_1', nowMs: NOW });
    expect(() => verifyLiveToken(SECRET, ticket.token, NOW)).toThrow();
  });
});
