import { NotFoundError } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const DisconnectPhoneNumberInput = z.object({ phoneNumberId: z.string().trim().min(1).max(100) });
export type DisconnectPhoneNumberInput = z.input<typeof DisconnectPhoneNumberInput>;

/** Stops routing one of the business's numbers to it. */
export async function disconnectPhoneNumber({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: DisconnectPhoneNumberInput;
}): Promise<void> {
  const parsed = DisconnectPhoneNumberInput.parse(input);
  try {
    await ctx.tenant.transaction((tenant) => tenant.phoneNumbers.remove(parsed.phoneNumberId));
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new DomainError('phone_number_not_found', 'No such phone number', { cause: error });
    }
    throw error;
  }
}
