import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TokenError } from './errors.ts';

/**
 * Short-lived, HMAC-signed capability strings: the Twilio stream path token and the browser call ticket.
 * Stateless to verify (any voice server instance with SESSION_SECRET can check one), single use recorded in
 * the database by the caller of `verify*` (claimStreamToken) using `tokenId`.
 * Format: base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, kind + "." + payload)).
 */
export const MAX_TOKEN_TTL_MS = 60_000;

const StreamClaims = z.object({
  kind: z.literal('stream'),
  tokenId: z.string().min(16),
  businessId: z.string().min(1),
  callId: z.string().min(1),
  callSid: z.string().min(1),
  expiresAtMs: z.number().int(),
});
export type StreamTokenClaims = z.infer<typeof StreamClaims>;

const TicketClaims = z.object({
  kind: z.literal('browser'),
  tokenId: z.string().min(16),
  businessId: z.string().min(1),
  userId: z.string().min(1),
  expiresAtMs: z.number().int(),
});
export type BrowserTicketClaims = z.infer<typeof TicketClaims>;

function signature(secret: string, kind: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${kind}.${payload}`).digest();
}

function mint(secret: string, claims: StreamTokenClaims | BrowserTicketClaims): string {
  if (secret.length < 16) throw new TokenError('invalid_token', 'signing secret is too short');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(secret, claims.kind, payload).toString('base64url')}`;
}

function verify<Schema extends typeof StreamClaims | typeof TicketClaims>(
  secret: string,
  token: string,
  kind: 'stream' | 'browser',
  schema: Schema,
  nowMs: number,
): z.infer<Schema> {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) throw new TokenError('invalid_token', 'token is malformed');
  const expected = signature(secret, kind, match[1]);
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenError('invalid_token', 'token signature does not match');
  }
  let parsed: z.infer<Schema>;
  try {
    parsed = schema.parse(JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'))) as z.infer<Schema>;
  } catch (cause) {
    throw new TokenError('invalid_token', 'token claims are malformed', { cause });
  }
  if (parsed.expiresAtMs <= nowMs) throw new TokenError('token_expired', 'token has expired');
  if (parsed.expiresAtMs > nowMs + MAX_TOKEN_TTL_MS + 5_000) {
    throw new TokenError('invalid_token', 'token lifetime exceeds the maximum');
  }
  return parsed;
}

function clampTtl(ttlMs: number | undefined): number {
  return Math.min(Math.max(ttlMs ?? MAX_TOKEN_TTL_MS, 1), MAX_TOKEN_TTL_MS);
}

function newTokenId(): string {
  return randomBytes(16).toString('base64url');
}

export interface MintedToken<Claims> {
  token: string;
  claims: Claims;
  expiresAt: Date;
}

export function mintStreamToken(input: {
  secret: string;
  businessId: string;
  callId: string;
  callSid: string;
  ttlMs?: number;
  nowMs?: number;
}): MintedToken<StreamTokenClaims> {
  const claims: StreamTokenClaims = {
    kind: 'stream',
    tokenId: newTokenId(),
    businessId: input.businessId,
    callId: input.callId,
    callSid: input.callSid,
    expiresAtMs: (input.nowMs ?? Date.now()) + clampTtl(input.ttlMs),
  };
  return { token: mint(input.secret, claims), claims, expiresAt: new Date(claims.expiresAtMs) };
}

export function verifyStreamToken(secret: string, token: string, nowMs = Date.now()): StreamTokenClaims {
  return verify(secret, token, 'stream', StreamClaims, nowMs);
}

export function mintBrowserTicket(input: {
  secret: string;
  businessId: string;
  userId: string;
  ttlMs?: number;
  nowMs?: number;
}): MintedToken<BrowserTicketClaims> {
  const claims: BrowserTicketClaims = {
    kind: 'browser',
    tokenId: newTokenId(),
    businessId: input.businessId,
    userId: input.userId,
    expiresAtMs: (input.nowMs ?? Date.now()) + clampTtl(input.ttlMs),
  };
  return { token: mint(input.secret, claims), claims, expiresAt: new Date(claims.expiresAtMs) };
}

export function verifyBrowserTicket(secret: string, ticket: string, nowMs = Date.now()): BrowserTicketClaims {
  return verify(secret, ticket, 'browser', TicketClaims, nowMs);
}
