import { type Executor, forBusiness } from '@receptionist/db';
import { z } from 'zod';

const AnswerRecipientsInput = z.object({
  businessId: z.string().min(1).max(100),
  callIds: z.array(z.string().min(1).max(100)).max(500),
});

/**
 * Who to text an owner's answer to: the caller ID of each call the question was asked on, once per number,
 * without the numbers that texted STOP, and the business's own number to send from (none: no texts).
 */
export async function answerRecipients({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: z.input<typeof AnswerRecipientsInput>;
}): Promise<{ businessName: string; smsFrom: string | undefined; numbers: string[]; optedOut: number }> {
  const parsed = AnswerRecipientsInput.parse(input);
  const tenant = forBusiness(ctx.db, parsed.businessId);
  const business = await tenant.business.get();
  const numbers = new Set<string>();
  for (const callId of parsed.callIds) {
    const call = await tenant.calls.get(callId);
    if (call?.fromNumber?.startsWith('+')) numbers.add(call.fromNumber);
  }
  const allowed: string[] = [];
  for (const number of numbers) if (!(await tenant.notifications.isOptedOut(number))) allowed.push(number);
  const [from] = await tenant.phoneNumbers.list();
  return {
    businessName: business?.name ?? '',
    smsFrom: from?.e164,
    numbers: allowed,
    optedOut: numbers.size - allowed.length,
  };
}
