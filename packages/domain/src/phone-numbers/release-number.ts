import { NotFoundError } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { requireTwilioCredentials } from './twilio-account.ts';
import { askTwilio } from './twilio-errors.ts';
import type { NumberProvisioning } from './twilio-numbers-port.ts';

export const ReleasePhoneNumberInput = z.object({ phoneNumberId: z.string().trim().min(1).max(100) });
export type ReleasePhoneNumberInput = z.input<typeof ReleasePhoneNumberInput>;

/**
 * Releases one of the business's numbers: `DELETE IncomingPhoneNumbers/{Sid}.json` on its Twilio account
 * (the number stops being billed and goes back to Twilio) and stops routing it. Only the business's own
 * numbers can be named, so one business can never release another's. A number the account no longer
 * has (released in the console) is just detached.
 */
export async function releasePhoneNumber({
  ctx,
  input,
  provisioning,
}: {
  ctx: TenantContext;
  input: ReleasePhoneNumberInput;
  provisioning: Pick<NumberProvisioning, 'twilio' | 'secretsKey'>;
}): Promise<{ e164: string; releasedOnTwilio: boolean }> {
  const parsed = ReleasePhoneNumberInput.parse(input);
  const row = (await ctx.tenant.phoneNumbers.list()).find((number) => number.id === parsed.phoneNumberId);
  if (row === undefined) throw new DomainError('phone_number_not_found', 'No such phone number');
  const credentials = await requireTwilioCredentials(ctx, provisioning);
  const owned = (
    await askTwilio(() => provisioning.twilio.listOwned(credentials, { phoneNumber: row.e164 }))
  ).find((number) => number.phoneNumber === row.e164);
  if (owned !== undefined) await askTwilio(() => provisioning.twilio.release(credentials, owned.sid));
  try {
    await ctx.tenant.transaction((tenant) => tenant.phoneNumbers.remove(row.id));
  } catch (error) {
    // Detached meanwhile (a second click): the number is released either way.
    if (!(error instanceof NotFoundError)) throw error;
  }
  return { e164: row.e164, releasedOnTwilio: owned !== undefined };
}
