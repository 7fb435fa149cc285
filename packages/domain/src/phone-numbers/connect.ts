import { ConflictError, type PhoneNumberRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { E164 } from '../profile/schema.ts';
import type { SecretsKey } from '../secrets/seal.ts';
import { readTwilioCredentials } from './twilio-credentials.ts';
import { type TwilioApi, twilioAccountOwnsNumber } from './twilio-incoming-numbers.ts';

export const ConnectPhoneNumberInput = z.object({
  /** As typed: spaces, dashes and brackets are ignored, the rest must be E.164. */
  phoneNumber: z.string().max(40),
  label: z.string().trim().min(1).max(80).default('Twilio'),
});
export type ConnectPhoneNumberInput = z.input<typeof ConnectPhoneNumberInput>;

/**
 * How a connect proves the business owns the number:
 * - `twilio`: the number must be listed among the IncomingPhoneNumbers of the business's own Twilio
 *   account (credentials saved with `saveTwilioCredentials`);
 * - `operator`: the operator approved it (the admin CLI; never reachable from the dashboard or API);
 * - `unchecked`: a development install run by its only owner (refused in production by the web env).
 */
export type NumberOwnership =
  | { kind: 'twilio'; twilio: TwilioApi; secretsKey: SecretsKey | undefined }
  | { kind: 'operator' }
  | { kind: 'unchecked' };

/**
 * Routes a number's calls to the business once it has proved the number is its own. Connecting it again
 * is a no-op; a number another business already answers is refused (one number, one tenant).
 */
export async function connectPhoneNumber({
  ctx,
  input,
  ownership,
}: {
  ctx: TenantContext;
  input: ConnectPhoneNumberInput;
  ownership: NumberOwnership;
}): Promise<PhoneNumberRow> {
  const parsed = ConnectPhoneNumberInput.parse(input);
  const number = E164.safeParse(parsed.phoneNumber.replace(/[\s()-]/g, ''));
  if (!number.success) {
    throw new DomainError('invalid_phone', 'Enter the number in E.164 form, e.g. +12025550123');
  }
  const e164 = number.data;
  const already = (await ctx.tenant.phoneNumbers.list()).find((row) => row.e164 === e164);
  if (already !== undefined) return already;
  if (ownership.kind === 'twilio') await proveTwilioOwnership(ctx, ownership, e164);
  const proof = ownership.kind === 'unchecked' ? undefined : ownership.kind;
  try {
    return await ctx.tenant.transaction((tenant) => tenant.phoneNumbers.add(e164, parsed.label, proof));
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new DomainError('phone_number_taken', 'That number is already connected to a business', {
        cause: error,
      });
    }
    throw error;
  }
}

/** Asks Twilio (outside any transaction: never hold the write lock across the network). */
async function proveTwilioOwnership(
  ctx: TenantContext,
  ownership: Extract<NumberOwnership, { kind: 'twilio' }>,
  e164: string,
): Promise<void> {
  const credentials = await readTwilioCredentials(ctx, ownership.secretsKey);
  if (credentials === undefined) {
    throw new DomainError(
      'twilio_credentials_missing',
      "Save your Twilio account's credentials first, so we can check the number is yours (or ask the operator to approve it)",
    );
  }
  if (!(await twilioAccountOwnsNumber(ownership.twilio, credentials, e164))) {
    throw new DomainError(
      'phone_number_not_owned',
      `${e164} is not a number of your Twilio account ${credentials.accountSid}; buy or port it there first, or ask the operator to approve it`,
    );
  }
}
