import { describe, expect, it } from 'vitest';
import { TokenError } from './errors.ts';
import { mintBrowserTicket, mintStreamToken, verifyBrowserTicket, verifyStreamToken } from './tokens.ts';

const secret = 'a-test-secret-that-is-long-enough';

describe('stream tokens', () => {
  it('verifies a fresh token and returns its claims', () => {
    const minted = mintStreamToken({ secret, businessId: 'biz_1', callId: 'call_1', callSid: 'CA1' });
    const claims = verifyStreamToken(secret, minted.token);
    expect(claims).toMatchObject({ businessId: 'biz_1', callId: 'call_1', callSid: 'CA1', kind: 'stream' });
    expect(claims.tokenId).toBe(minted.claims.tokenId);
  });

  it('gives every token its own id', () => {
    const a = mintStreamToken({ secret, businessId: 'b', callId: 'c', callSid: 'CA1' });
    const b = mintStreamToken({ secret, businessId: 'b', callId: 'c', callSid: 'CA1' });
    expect(a.claims.tokenId).not.toBe(b.claims.tokenId);
  });

  it('refuses an expired token', () => {
    const minted = mintStreamToken({
      secret,
      businessId: 'b',
      callId: 'c',
      callSid: 'CA1',
      ttlMs: 1_000,
      nowMs: 0,
    });
    expect(() => verifyStreamToken(secret, minted.token, 1_000)).toThrowError(
      expect.objectContaining({ code: 'token_expired' }),
    );
  });

  it('caps the lifetime at 60 seconds', () => {
    const minted = mintStreamToken({
      secret,
      businessId: 'b',
      callId: 'c',
      callSid: 'CA1',
      ttlMs: 3_600_000,
      nowMs: 0,
    });
    expect(minted.claims.expiresAtMs).toBe(60_000);
  });

  it('refuses a token signed with another secret, a tampered payload, or garbage', () => {
    const minted = mintStreamToken({ secret, businessId: 'b', callId: 'c', callSid: 'CA1' });
    expect(() => verifyStreamToken('another-secret-that-is-long', minted.token)).toThrow(TokenError);
    const [payload, signature] = minted.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...minted.claims, businessId: 'someone-else' })).toString(
      'base64url',
    );
    expect(payload).toBeDefined();
    expect(() => verifyStreamToken(secret, `${forged}.${signature}`)).toThrow(TokenError);
    expect(() => verifyStreamToken(secret, 'not-a-token')).toThrow(TokenError);
    expect(() => verifyStreamToken(secret, '')).toThrow(TokenError);
  });

  it('does not accept a browser ticket as a stream token', () => {
    const ticket = mintBrowserTicket({ secret, businessId: 'b', userId: 'u' });
    expect(() => verifyStreamToken(secret, ticket.token)).toThrow(TokenError);
    expect(verifyBrowserTicket(secret, ticket.token)).toMatchObject({ businessId: 'b', userId: 'u' });
  });
});
