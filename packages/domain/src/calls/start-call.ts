import { CALL_CHANNELS, type CallRow } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, parseCallInput } from './context.ts';

export const StartCallInput = z.object({
  /** The call's id when the voice server answered before writing the row (it told Twilio this id). */
  id: z
    .string()
    .trim()
    .regex(/^call_[0-9a-zA-Z]{8,64}$/)
    .optional(),
  channel: z.enum(CALL_CHANNELS),
  /** Idempotency key for phone calls: a retried webhook gets the call it already started. */
  twilioCallSid: z.string().trim().min(1).max(64).optional(),
  fromNumber: z.string().trim().min(1).max(64).optional(),
  toNumber: z.string().trim().min(1).max(64).optional(),
  engine: z.string().trim().min(1).max(32),
});
export type StartCallInput = z.input<typeof StartCallInput>;

/** Opens the call log of a call that is ringing (the caller is not connected to an engine yet). */
export async function startCall({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: StartCallInput;
}): Promise<CallRow> {
  const parsed = parseCallInput(StartCallInput, input);
  return ctx.tenant.calls.create({ ...parsed, status: 'ringing' });
}
