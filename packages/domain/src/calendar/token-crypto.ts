import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors.ts';

/** OAuth tokens of a calendar connection, as they are encrypted at rest. */
export const CalendarTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAtMs: z.number().int(),
  scope: z.string(),
});
export type CalendarTokens = z.infer<typeof CalendarTokens>;

const VERSION = 'v1';

/**
 * The key for calendar tokens: 32 bytes, given as 64 hex digits or base64 (CALENDAR_TOKEN_KEY, checked
 * by the apps' env.ts). Undefined when the text is neither.
 */
export function parseCalendarTokenKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

/** AES-256-GCM with a random 96-bit nonce: `v1.<nonce>.<tag>.<ciphertext>` (base64url parts). */
export function encryptCalendarTokens(key: Buffer, tokens: CalendarTokens): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(CalendarTokens.parse(tokens)), 'utf8'),
    cipher.final(),
  ]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Decrypts and checks tokens; a wrong key or altered text is a DomainError, never garbage. */
export function decryptCalendarTokens(key: Buffer, sealed: string): CalendarTokens {
  const [version, nonce, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || nonce === undefined || tag === undefined || ciphertext === undefined) {
    throw new DomainError('calendar_tokens_unreadable', 'The calendar connection must be set up again.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return CalendarTokens.parse(JSON.parse(plain.toString('utf8')));
  } catch (error) {
    throw new DomainError('calendar_tokens_unreadable', 'The calendar connection must be set up again.', {
      cause: error,
    });
  }
}
