import type { OutboundCallRow } from '@receptionist/db';
import type { DomainContext } from '../availability/index.ts';
import { retryOrClose } from './dial.ts';

/** Twilio's final call statuses that mean nobody was reached. */
const UNREACHED = {
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'no_answer',
} as const;

/**
 * Twilio's StatusCallback for an outbound attempt. Callbacks of an older attempt (another CallSid) change
 * nothing. `answered`/`in-progress` marks the request answered; busy / no answer / failed retry per the
 * business's policy or close the call. `completed` of an answered call is left to the call session (and
 * the ordinary status route), which ends the call log.
 */
export async function recordOutboundStatus({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { callId: string; callSid: string; callStatus: string };
}): Promise<OutboundCallRow | undefined> {
  const outbound = await ctx.tenant.outbound.getByCallId(input.callId);
  if (outbound === undefined || outbound.twilioCallSid !== input.callSid) return outbound;
  if (input.callStatus === 'in-progress' || input.callStatus === 'answered') {
    return (
      (await ctx.tenant.outbound.transition(outbound.id, ['dialing'], { status: 'answered' })) ?? outbound
    );
  }
  const unreached = UNREACHED[input.callStatus as keyof typeof UNREACHED];
  if (unreached === undefined || outbound.status !== 'dialing') return outbound;
  return retryOrClose(ctx, outbound, unreached, `twilio_${input.callStatus}`);
}

/** Twilio's `AnsweredBy` values that mean an answering machine or fax, not a person. */
export function isMachine(answeredBy: string): boolean {
  return answeredBy.startsWith('machine') || answeredBy === 'fax';
}

/**
 * The asynchronous answering-machine verdict. A machine gets a short voicemail and the call ends (the
 * voice server redirects it); returns the words to leave, or undefined for a person (the call goes on).
 */
export async function recordAnsweredBy({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { callId: string; callSid: string; answeredBy: string };
}): Promise<{ voicemail: string | undefined; outbound: OutboundCallRow | undefined }> {
  const outbound = await ctx.tenant.outbound.getByCallId(input.callId);
  if (outbound === undefined || outbound.twilioCallSid !== input.callSid)
    return { voicemail: undefined, outbound };
  const machine = isMachine(input.answeredBy);
  const updated = await ctx.tenant.outbound.update(outbound.id, {
    answeredBy: input.answeredBy,
    ...(machine ? { status: 'voicemail' as const } : {}),
  });
  return { voicemail: machine ? voicemailText(ctx, updated) : undefined, outbound: updated };
}

/** The short voicemail: who called, why, and how to reach the business. No personal details. */
export function voicemailText(ctx: DomainContext, outbound: OutboundCallRow): string {
  const why: Record<OutboundCallRow['purpose'], string> = {
    reminder: 'with a reminder about your upcoming appointment',
    callback: 'returning your call',
    waitlist_offer: 'about an earlier appointment that just opened up',
    custom: 'with a quick message',
  };
  return `Hello, this is the virtual receptionist of ${ctx.profile.name}, calling ${why[outbound.purpose]}. Please call us back at this number when you can. Thank you, goodbye.`;
}
