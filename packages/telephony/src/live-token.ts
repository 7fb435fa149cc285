import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TokenError } from './errors.ts';

/**
 * The dashboard's capability to watch and act on one business's live calls on a voice server: HMAC-signed
 * with the SESSION_SECRET web and voice already share, scoped to a business and a member's role, and short
 * (≤ 60 s: the dashboard mints one per request it makes). Signed under its own kind, so a stream token or a
 * browser ticket is never accepted as one. Not single use: a stream reconnecting may present it again.
 */
export const MAX_LIVE_TOKEN_TTL_MS = 60_000;

/** Roles that may watch live calls and take the staff actions (every member today: staff and owner). */
export const LIVE_CALL_ROLES = ['owner', 'staff'] as const;

const LiveClaims = z.object({
  kind: z.literal('live'),
  businessId: z.string().min(1),
  userId: z.string().min(1),
  role: z.enum(LIVE_CALL_ROLES),
  expiresAtMs: z.number().int(),
});
export type LiveTokenClaims = z.infer<typeof LiveClaims>;

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`live.${payload}`).digest();
}

export function mintLiveToken(input: {
  secret: string;
  businessId: string;
  userId: string;
  role: LiveTokenClaims['role'];
  ttlMs?: number;
  nowMs: number;
}): string {
  if (input.secret.length < 16) throw new TokenError('invalid_token', 'signing secret is too short');
  const ttlMs = Math.min(Math.max(input.ttlMs ?? MAX_LIVE_TOKEN_TTL_MS, 1), MAX_LIVE_TOKEN_TTL_MS);
  const claims: LiveTokenClaims = {
    kind: 'live',
    businessId: input.businessId,
    userId: input.userId,
    role: input.role,
    expiresAtMs: input.nowMs + ttlMs,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(input.secret, payload).toString('base64url')}`;
}

export function verifyLiveToken(secret: string, token: string, nowMs: number): LiveTokenClaims {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) throw new TokenError('invalid_token', 'token is malformed');
  const expected = signature(secret, match[1]);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenError('invalid_token', 'token signature does not match');
  }
  let claims: LiveTokenClaims;
  try {
    claims = LiveClaims.parse(JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')));
  } catch (cause) {
    throw new TokenError('invalid_token', 'token claims are malformed', { cause });
  }
  if (claims.expiresAtMs <= nowMs) throw new TokenError('token_expired', 'token has expired');
  if (claims.expiresAtMs > nowMs + MAX_LIVE_TOKEN_TTL_MS + 5_000) {
    throw new TokenError('invalid_token', 'token lifetime exceeds the maximum');
  }
  return claims;
}
