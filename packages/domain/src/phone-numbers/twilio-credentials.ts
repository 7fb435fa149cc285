import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { openSecret, type SecretsKey, sealSecret } from '../secrets/seal.ts';
import type { TwilioAccountCredentials } from './twilio-incoming-numbers.ts';

export const SaveTwilioCredentialsInput = z.object({
  accountSid: z
    .string()
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'an account SID is AC followed by 32 hex digits'),
  /** An API key SID (`SK…`) to use with its secret; absent: `secret` is the account's auth token. */
  apiKeySid: z
    .string()
    .trim()
    .regex(/^SK[0-9a-fA-F]{32}$/, 'an API key SID is SK followed by 32 hex digits')
    .optional(),
  secret: z.string().trim().min(16).max(200),
});
export type SaveTwilioCredentialsInput = z.input<typeof SaveTwilioCredentialsInput>;

/** Sealed under this business's id, so a copied row does not open for another business. */
const sealContext = (businessId: string) => `twilio-credentials:${businessId}`;

/**
 * Stores the business's own Twilio credentials, sealed (see `secrets/seal.ts`). They prove which numbers
 * the business owns; they are never shown again.
 */
export async function saveTwilioCredentials({
  ctx,
  input,
  secretsKey,
}: {
  ctx: TenantContext;
  input: SaveTwilioCredentialsInput;
  secretsKey: SecretsKey | undefined;
}): Promise<void> {
  const parsed = SaveTwilioCredentialsInput.parse(input);
  if (secretsKey === undefined) {
    throw new DomainError(
      'twilio_credentials_missing',
      'This server has no CREDENTIALS_KEY, so it cannot store Twilio credentials; ask the operator',
    );
  }
  const businessId = ctx.tenant.businessId;
  await ctx.tenant.transaction((tenant) =>
    tenant.twilioAccount.save({
      accountSid: parsed.accountSid,
      username: parsed.apiKeySid ?? parsed.accountSid,
      secretSealed: sealSecret(secretsKey, parsed.secret, sealContext(businessId)),
    }),
  );
}

/** The stored credentials, opened; undefined when the business has none. */
export async function readTwilioCredentials(
  ctx: TenantContext,
  secretsKey: SecretsKey | undefined,
): Promise<TwilioAccountCredentials | undefined> {
  const row = await ctx.tenant.twilioAccount.get();
  if (row === undefined || secretsKey === undefined) return undefined;
  return {
    accountSid: row.accountSid,
    username: row.username,
    password: openSecret(secretsKey, row.secretSealed, sealContext(ctx.tenant.businessId)),
  };
}
