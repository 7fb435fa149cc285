import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { CustomerRow, TenantDb } from '@receptionist/db';
import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { actorOf } from '../context.ts';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

/** How long a texted code is good for, how many a call may ask for, and its length. */
export const CALLER_CODE = { ttlMs: 10 * 60_000, perCall: 3, digits: 6 } as const;

export const RequestCallerCodeInput = z.object({
  /** The number the booking is under, as the caller says it; default: the number they call from. */
  phone: z.string().trim().max(40).optional(),
});
export type RequestCallerCodeInput = z.input<typeof RequestCallerCodeInput>;

/** sha256 over the row id and the code: a stored hash matches only its own row. */
export function callerCodeHash(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('hex');
}

/**
 * Texts a one-time code to the number on file of the customer the caller claims to be (the number they
 * call from, or one they say). Only the person holding that phone can read it back, so a spoken number
 * proves nothing until the code comes back. The worker makes and sends the code; nothing here knows it.
 */
export async function requestCallerCode({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: RequestCallerCodeInput;
}): Promise<{ phoneEnding: string }> {
  const parsed = RequestCallerCodeInput.parse(input);
  if (ctx.profile.callerVerification !== 'sms_code') {
    throw new DomainError('invalid_input', 'No code is needed here: give the name the booking is under.');
  }
  if (ctx.callId === undefined) throw new DomainError('call_not_found', 'Codes are only sent during a call.');
  const phone = parsed.phone ? requireE164(parsed.phone) : ctx.callerNumber;
  if (phone === undefined) {
    throw new DomainError('phone_required', 'What phone number is the booking under?');
  }
  if ((await ctx.tenant.callerCodes.countForCall(ctx.callId)) >= CALLER_CODE.perCall) {
    throw new DomainError(
      'verification_limited',
      "I can't send more codes on this call. I can take a message and someone will call you back.",
    );
  }
  const customer = await ctx.tenant.customers.findByPhone(phone);
  const ending = phone.slice(-4);
  // Said the same way whether or not the number has bookings, so it reveals nothing.
  if (customer === undefined) return { phoneEnding: ending };
  const row = await ctx.tenant.callerCodes.create({
    callId: ctx.callId,
    customerId: customer.id,
    phone,
    expiresAt: ctx.nowMs + CALLER_CODE.ttlMs,
  });
  await enqueueJob({
    ctx: { tenant: ctx.tenant, nowMs: ctx.nowMs },
    input: { kind: JOB_KINDS.callerCodeSend, payload: { codeId: row.id } },
  });
  return { phoneEnding: ending };
}

/**
 * The worker's half: makes the code, keeps only its hash, and returns what to text. Undefined when the
 * code is no longer worth sending (expired or already used).
 */
export async function issueCallerCode({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb; nowMs: number };
  input: { codeId: string };
}): Promise<{ to: string; from: string | undefined; body: string } | undefined> {
  const row = await ctx.tenant.callerCodes.get(input.codeId);
  if (row === undefined || row.verifiedAt !== null || row.expiresAt <= ctx.nowMs) return undefined;
  const code = String(randomInt(0, 10 ** CALLER_CODE.digits)).padStart(CALLER_CODE.digits, '0');
  // A retried job makes a new code: the hash of the one texted last is the one that counts.
  await ctx.tenant.callerCodes.setHash(row.id, callerCodeHash(row.id, code));
  const [from] = await ctx.tenant.phoneNumbers.list();
  const business = await ctx.tenant.business.get();
  return {
    to: row.phone,
    from: from?.e164,
    body: `${code} is your code for ${business?.name ?? 'your booking'}. It expires in 10 minutes. Never share it with anyone else.`,
  };
}

/**
 * The customer a caller has proved to be with a code on this call, checking `code` when given. A
 * wrong or expired code is a failed proof (counted by the attempt limits); a verified code is used up
 * but keeps the call verified.
 */
export async function customerProvedByCode(
  ctx: DomainContext,
  code: string | undefined,
): Promise<CustomerRow | undefined> {
  if (ctx.callId === undefined || actorOf(ctx).kind !== 'caller') return undefined;
  const verified = await ctx.tenant.callerCodes.verified(ctx.callId);
  if (verified !== undefined) return ctx.tenant.customers.get(verified.customerId);
  if (code === undefined) return undefined;
  const open = await ctx.tenant.callerCodes.latestOpen(ctx.callId);
  const digits = code.replace(/\D/g, '');
  const matches =
    open?.codeHash != null &&
    open.expiresAt > ctx.nowMs &&
    timingSafeEqual(Buffer.from(open.codeHash, 'hex'), Buffer.from(callerCodeHash(open.id, digits), 'hex'));
  if (!matches || open === undefined) {
    throw new DomainError(
      'verification_failed',
      "That code doesn't match the one I sent. Could you read it again?",
    );
  }
  await ctx.tenant.callerCodes.markVerified(open.id, ctx.nowMs);
  return ctx.tenant.customers.get(open.customerId);
}
