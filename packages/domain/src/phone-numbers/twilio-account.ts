import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import {
  readTwilioCredentials,
  SaveTwilioCredentialsInput,
  saveTwilioCredentials,
} from './twilio-credentials.ts';
import { askTwilio } from './twilio-errors.ts';
import type { NumberProvisioning, TwilioAccountInfo } from './twilio-numbers-port.ts';

/** The connected account as the dashboard shows it. */
export interface ConnectedTwilioAccount {
  accountSid: string;
  /** The API key SID when the business connected with a key rather than the auth token. */
  apiKeySid: string | undefined;
  /** What Twilio says about the account now; undefined when it could not be asked. */
  live: TwilioAccountInfo | undefined;
}

/**
 * Connects the business's Twilio account (an account or subaccount SID with its auth token, or with an
 * API key SID and secret): the credentials are tried on `GET /Accounts/{Sid}.json` first and saved
 * (sealed) only when Twilio accepts them and the account is active.
 */
export async function connectTwilioAccount({
  ctx,
  input,
  provisioning,
}: {
  ctx: TenantContext;
  input: SaveTwilioCredentialsInput;
  provisioning: Pick<NumberProvisioning, 'twilio' | 'secretsKey'>;
}): Promise<TwilioAccountInfo> {
  const parsed = SaveTwilioCredentialsInput.parse(input);
  const account = await askTwilio(() =>
    provisioning.twilio.fetchAccount({
      accountSid: parsed.accountSid,
      username: parsed.apiKeySid ?? parsed.accountSid,
      password: parsed.secret,
    }),
  );
  if (account.status !== 'active') {
    throw new DomainError(
      'twilio_account_inactive',
      `That Twilio account is ${account.status}; use an active one`,
      {
        details: { status: account.status },
      },
    );
  }
  await saveTwilioCredentials({ ctx, input: parsed, secretsKey: provisioning.secretsKey });
  return account;
}

/** Forgets the business's Twilio credentials. Its numbers keep routing; buying and releasing stop. */
export async function disconnectTwilioAccount({ ctx }: { ctx: TenantContext }): Promise<void> {
  await ctx.tenant.transaction((tenant) => tenant.twilioAccount.remove());
}

/** The connected account (asking Twilio how it is), or undefined when none is connected. */
export async function describeTwilioAccount({
  ctx,
  provisioning,
}: {
  ctx: TenantContext;
  provisioning: Pick<NumberProvisioning, 'twilio' | 'secretsKey'>;
}): Promise<ConnectedTwilioAccount | undefined> {
  const row = await ctx.tenant.twilioAccount.get();
  if (row === undefined) return undefined;
  const credentials = await readTwilioCredentials(ctx, provisioning.secretsKey).catch(() => undefined);
  const live =
    credentials === undefined
      ? undefined
      : await provisioning.twilio.fetchAccount(credentials).catch(() => undefined);
  return {
    accountSid: row.accountSid,
    apiKeySid: row.username === row.accountSid ? undefined : row.username,
    live,
  };
}

/** The business's credentials, or the error saying to connect an account first. */
export async function requireTwilioCredentials(
  ctx: TenantContext,
  provisioning: Pick<NumberProvisioning, 'secretsKey'>,
) {
  const credentials = await readTwilioCredentials(ctx, provisioning.secretsKey);
  if (credentials === undefined) {
    throw new DomainError('twilio_credentials_missing', 'Connect your Twilio account first');
  }
  return credentials;
}
