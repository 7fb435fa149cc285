import { ConflictError, type PhoneNumberRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { E164 } from '../profile/schema.ts';

export const ConnectPhoneNumberInput = z.object({
  /** As typed: spaces, dashes and brackets are ignored, the rest must be E.164. */
  phoneNumber: z.string().max(40),
  label: z.string().trim().min(1).max(80).default('Twilio'),
});
export type ConnectPhoneNumberInput = z.input<typeof ConnectPhoneNumberInput>;

/**
 * Routes a number's calls to the business. Connecting it again is a no-op; a number another business
 * already answers is refused (one number, one tenant).
 */
export async function connectPhoneNumber({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: ConnectPhoneNumberInput;
}): Promise<PhoneNumberRow> {
  const parsed = ConnectPhoneNumberInput.parse(input);
  const number = E164.safeParse(parsed.phoneNumber.replace(/[\s()-]/g, ''));
  if (!number.success) {
    throw new DomainError('invalid_phone', 'Enter the number in E.164 form, e.g. +12025550123');
  }
  try {
    return await ctx.tenant.transaction((tenant) => tenant.phoneNumbers.add(number.data, parsed.label));
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new DomainError('phone_number_taken', 'That number is already connected to a business', {
        cause: error,
      });
    }
    throw error;
  }
}
