import { type MessageRow, NotFoundError } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const SetMessageHandledInput = z.object({
  messageId: z.string().trim().min(1).max(100),
  handled: z.boolean(),
});
export type SetMessageHandledInput = z.input<typeof SetMessageHandledInput>;

/** Marks one of the business's messages handled (or back to open). */
export async function setMessageHandled({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: SetMessageHandledInput;
}): Promise<MessageRow> {
  const parsed = SetMessageHandledInput.parse(input);
  try {
    return await ctx.tenant.transaction((tenant) =>
      tenant.messages.setHandled(parsed.messageId, parsed.handled),
    );
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new DomainError('message_not_found', 'No such message', { cause: error });
    }
    throw error;
  }
}
