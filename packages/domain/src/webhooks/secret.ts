import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks secrets: `whsec_` then base64 of random bytes (the spec asks for 24 to 64). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** The key bytes: the base64 after the prefix. */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, 'base64');
}

/**
 * The `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the
 * decoded secret. `timestampSeconds` is the attempt's time, so a receiver's replay window works on retries.
 */
export function signWebhook(input: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
}): string {
  const signed = `${input.id}.${input.timestampSeconds}.${input.body}`;
  return `v1,${createHmac('sha256', secretKey(input.secret)).update(signed).digest('base64')}`;
}
