import type { TenantContext } from '../context.ts';
import { requireTwilioCredentials } from './twilio-account.ts';
import { askTwilio } from './twilio-errors.ts';
import { hasOurWebhooks, type NumberProvisioning, twilioWebhooksFor } from './twilio-numbers-port.ts';

/** One number of the business's Twilio account, and where its calls go. */
export interface AccountNumber {
  sid: string;
  e164: string;
  friendlyName: string;
  voiceUrl: string;
  /** The id of this business's routing row when the number answers for it. */
  phoneNumberId: string | undefined;
  /** `ours`: voice, status and SMS webhooks are exactly our URLs; `elsewhere`: anything else. */
  webhooks: 'ours' | 'elsewhere';
}

/** The numbers on the business's Twilio account, each with its webhook status and whether it is attached. */
export async function listAccountNumbers({
  ctx,
  provisioning,
}: {
  ctx: TenantContext;
  provisioning: NumberProvisioning;
}): Promise<AccountNumber[]> {
  const credentials = await requireTwilioCredentials(ctx, provisioning);
  const [owned, attached] = await Promise.all([
    askTwilio(() => provisioning.twilio.listOwned(credentials)),
    ctx.tenant.phoneNumbers.list(),
  ]);
  const expected =
    provisioning.publicUrl === undefined ? undefined : twilioWebhooksFor(provisioning.publicUrl);
  return owned.map((number) => ({
    sid: number.sid,
    e164: number.phoneNumber,
    friendlyName: number.friendlyName,
    voiceUrl: number.voiceUrl,
    phoneNumberId: attached.find((row) => row.e164 === number.phoneNumber)?.id,
    webhooks: expected !== undefined && hasOurWebhooks(number, expected) ? 'ours' : 'elsewhere',
  }));
}
