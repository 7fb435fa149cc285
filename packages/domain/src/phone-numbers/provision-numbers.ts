import { ConflictError, type PhoneNumberRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { E164 } from '../profile/schema.ts';
import { requireTwilioCredentials } from './twilio-account.ts';
import { askTwilio } from './twilio-errors.ts';
import {
  type NumberProvisioning,
  type TwilioNumberWebhooks,
  twilioWebhooksFor,
} from './twilio-numbers-port.ts';

export const ProvisionNumberInput = z.object({
  phoneNumber: E164,
  label: z.string().trim().min(1).max(80).default('Twilio'),
});
export type ProvisionNumberInput = z.input<typeof ProvisionNumberInput>;

/**
 * Buys a number on the business's own Twilio account (`POST IncomingPhoneNumbers.json`) with its voice,
 * status and SMS webhooks already pointing at us, then routes its calls to the business. Twilio is asked
 * first, outside any transaction (never hold the write lock across the network).
 */
export async function buyPhoneNumber({
  ctx,
  input,
  provisioning,
}: {
  ctx: TenantContext;
  input: ProvisionNumberInput;
  provisioning: NumberProvisioning;
}): Promise<PhoneNumberRow> {
  const parsed = ProvisionNumberInput.parse(input);
  const webhooks = requireWebhooks(provisioning);
  const credentials = await requireTwilioCredentials(ctx, provisioning);
  const bought = await askTwilio(() =>
    provisioning.twilio.buy(credentials, {
      phoneNumber: parsed.phoneNumber,
      friendlyName: parsed.label,
      webhooks,
    }),
  );
  return routeToBusiness(ctx, bought.phoneNumber, parsed.label);
}

/**
 * Attaches a number the business's Twilio account already has: its webhooks are pointed at us and its
 * calls routed to the business. Attaching a number already attached sets its webhooks again (the repair
 * for a number someone re-pointed in the Twilio console).
 */
export async function attachPhoneNumber({
  ctx,
  input,
  provisioning,
}: {
  ctx: TenantContext;
  input: ProvisionNumberInput;
  provisioning: NumberProvisioning;
}): Promise<PhoneNumberRow> {
  const parsed = ProvisionNumberInput.parse(input);
  const webhooks = requireWebhooks(provisioning);
  const credentials = await requireTwilioCredentials(ctx, provisioning);
  const [owned] = await askTwilio(() =>
    provisioning.twilio.listOwned(credentials, { phoneNumber: parsed.phoneNumber }),
  );
  if (owned === undefined || owned.phoneNumber !== parsed.phoneNumber) {
    throw new DomainError(
      'phone_number_not_owned',
      `${parsed.phoneNumber} is not a number of your Twilio account ${credentials.accountSid}`,
    );
  }
  // Claim the number first: a number another business answers must not have its webhooks taken over.
  const row = await routeToBusiness(ctx, owned.phoneNumber, parsed.label);
  await askTwilio(() => provisioning.twilio.setWebhooks(credentials, owned.sid, webhooks));
  return row;
}

function requireWebhooks(provisioning: NumberProvisioning): TwilioNumberWebhooks {
  if (provisioning.publicUrl === undefined) {
    throw new DomainError(
      'twilio_webhooks_unavailable',
      'This server has no PUBLIC_URL, so Twilio would have nowhere to send calls; ask the operator',
    );
  }
  return twilioWebhooksFor(provisioning.publicUrl);
}

async function routeToBusiness(ctx: TenantContext, e164: string, label: string): Promise<PhoneNumberRow> {
  try {
    return await ctx.tenant.transaction((tenant) => tenant.phoneNumbers.add(e164, label, 'twilio'));
  } catch (error) {
    if (error instanceof ConflictError) {
      throw new DomainError('phone_number_taken', 'That number is already connected to a business', {
        cause: error,
      });
    }
    throw error;
  }
}
