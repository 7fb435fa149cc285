import type { TwilioMediaMessage } from './media-protocol.ts';

/**
 * The check of an inbound `media` message, by hand: the same rules as `TwilioMediaMessage` (its test
 * holds both to the same answers), without zod. Media is 50 messages a second per call, and at 100
 * calls the schema parse was the relay's largest cost of its own after the socket writes (about 4 % of
 * its busy time, with a parse context and issue arrays allocated per frame); this is a few type checks.
 * A message it does not accept goes through the schema, which says why it is wrong.
 */
const DIGITS = /^\d+$/;

function isCounter(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return DIGITS.test(value);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `json` as a valid media message (track defaulted as the schema does), or undefined to ask the schema. */
export function acceptMediaMessage(json: unknown): TwilioMediaMessage | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const message = json as Record<string, unknown>;
  if (message.event !== 'media') return undefined;
  const { streamSid, media } = message;
  if (typeof streamSid !== 'string' || streamSid.length === 0 || !isCounter(message.sequenceNumber)) {
    return undefined;
  }
  if (typeof media !== 'object' || media === null || Array.isArray(media)) return undefined;
  const fields = media as Record<string, unknown>;
  const track = fields.track ?? 'inbound';
  if (typeof fields.payload !== 'string' || typeof track !== 'string') return undefined;
  if (!isCounter(fields.chunk) || !isCounter(fields.timestamp)) return undefined;
  if (fields.track === undefined) fields.track = track;
  return message as TwilioMediaMessage;
}
