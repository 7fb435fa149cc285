import { type Executor, forBusiness } from '@receptionist/db';
import { z } from 'zod';

// Twilio's default opt-out and opt-in keywords (Advanced Opt-Out off): the carrier side answers them
// itself, we must stop texting the number too.
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const START_WORDS = new Set(['START', 'YES', 'UNSTOP']);

/** `stop` / `start` for a keyword text (one word, any case, surrounding spaces and punctuation ignored). */
export function smsKeyword(body: string): 'stop' | 'start' | undefined {
  const word = body
    .trim()
    .replace(/[^\p{L}]/gu, '')
    .toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return undefined;
}

const InboundSmsInput = z.object({
  businessId: z.string().min(1).max(100),
  from: z.string().regex(/^\+[1-9]\d{6,14}$/),
  body: z.string().max(1600),
});

/**
 * An SMS a person sent to one of the business's numbers: STOP opts the number out of this business's
 * texts, START opts it back in; anything else changes nothing. Returns what it did.
 */
export async function handleInboundSms({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: z.input<typeof InboundSmsInput>;
}): Promise<'opted_out' | 'opted_in' | 'ignored'> {
  const parsed = InboundSmsInput.parse(input);
  const keyword = smsKeyword(parsed.body);
  if (keyword === undefined) return 'ignored';
  await forBusiness(ctx.db, parsed.businessId).notifications.setOptOut(parsed.from, keyword === 'stop');
  return keyword === 'stop' ? 'opted_out' : 'opted_in';
}

/** Whether a number opted out of this business's texts. */
export async function isSmsOptedOut({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; phoneNumber: string };
}): Promise<boolean> {
  return forBusiness(ctx.db, input.businessId).notifications.isOptedOut(input.phoneNumber);
}
