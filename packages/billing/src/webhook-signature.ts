import { createHmac, timingSafeEqual } from 'node:crypto';

/** Standard Webhooks' window: a delivery signed more than 5 minutes before or after now is refused. */
export const WEBHOOK_TOLERANCE_MS = 5 * 60 * 1000;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The three Standard Webhooks headers, from any header bag (names are case-insensitive). */
function headerOf(headers: Headers | Record<string, string | undefined>, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * The signing key exactly as `validateEvent` of `@polar-sh/sdk/webhooks` builds it: Polar's secret is used
 * as raw UTF-8 bytes (the SDK base64-encodes it and `standardwebhooks` decodes it again).
 */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}

function signatureOf(key: Buffer, webhookId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.`).update(body, 'utf8');
  return `v1,${mac.digest('base64')}`;
}

/**
 * Verifies a Polar webhook the way `validateEvent` does (Standard Webhooks: HMAC-SHA256 over
 * `id.timestamp.body`, any of the space-separated `v1,` signatures, ±5 minutes), with the clock injected
 * so the staleness decision never reads the real date. Returns the delivery's id and timestamp.
 */
export function verifyPolarSignature(input: {
  body: string;
  headers: Headers | Record<string, string | undefined>;
  secret: string;
  nowMs: number;
}): { webhookId: string; timestampMs: number } {
  const webhookId = headerOf(input.headers, 'webhook-id');
  const signatures = headerOf(input.headers, 'webhook-signature');
  const timestampHeader = headerOf(input.headers, 'webhook-timestamp');
  if (!webhookId || !signatures || !timestampHeader) {
    throw new WebhookSignatureError('Missing required headers');
  }
  const timestampSeconds = Number.parseInt(timestampHeader, 10);
  if (Number.isNaN(timestampSeconds)) throw new WebhookSignatureError('Invalid Signature Headers');
  const nowSeconds = Math.floor(input.nowMs / 1000);
  const toleranceSeconds = WEBHOOK_TOLERANCE_MS / 1000;
  if (nowSeconds - timestampSeconds > toleranceSeconds) {
    throw new WebhookSignatureError('Message timestamp too old');
  }
  if (timestampSeconds > nowSeconds + toleranceSeconds) {
    throw new WebhookSignatureError('Message timestamp too new');
  }
  const expected = Buffer.from(signatureOf(keyOf(input.secret), webhookId, timestampSeconds, input.body));
  const matches = signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookSignatureError('No matching signature found');
  return { webhookId, timestampMs: timestampSeconds * 1000 };
}

/** The headers Polar would send with `body` (for the fake Polar server and tests). */
export function signPolarWebhook(input: {
  body: string;
  secret: string;
  webhookId: string;
  nowMs: number;
}): Record<string, string> {
  const timestampSeconds = Math.floor(input.nowMs / 1000);
  return {
    'webhook-id': input.webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatureOf(keyOf(input.secret), input.webhookId, timestampSeconds, input.body),
  };
}
