import type { SecretsKey } from '../secrets/seal.ts';
import type { TwilioAccountCredentials } from './twilio-incoming-numbers.ts';

/**
 * What the number verbs need from Twilio's REST API. The adapter over the official `twilio` client is
 * `createTwilioNumbersApi` in @receptionist/telephony (the domain imports only the database layer, so the
 * port is described here and the app passes the adapter in). Failures are thrown with the HTTP `status`
 * and Twilio's `twilioCode`; `twilioDomainError` turns them into DomainErrors.
 */
export type TwilioNumberType = 'local' | 'toll_free';

export interface TwilioAccountInfo {
  accountSid: string;
  friendlyName: string;
  status: string;
  ownerAccountSid: string | undefined;
}

export interface TwilioAvailableNumber {
  phoneNumber: string;
  friendlyName: string;
  locality: string | undefined;
  region: string | undefined;
  isoCountry: string;
  addressRequirements: string;
  voice: boolean;
  sms: boolean;
}

/** The three URLs a number of ours sends Twilio's requests to. */
export interface TwilioNumberWebhooks {
  voiceUrl: string;
  statusCallback: string;
  smsUrl: string;
}

export interface TwilioOwnedNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  smsUrl: string;
}

export interface TwilioNumbersPort {
  fetchAccount(credentials: TwilioAccountCredentials): Promise<TwilioAccountInfo>;
  searchAvailable(
    credentials: TwilioAccountCredentials,
    query: { country: string; type: TwilioNumberType; areaCode?: number; contains?: string; limit: number },
  ): Promise<TwilioAvailableNumber[]>;
  monthlyPrice(
    credentials: TwilioAccountCredentials,
    country: string,
    type: TwilioNumberType,
  ): Promise<{ amount: string; currency: string } | undefined>;
  listOwned(
    credentials: TwilioAccountCredentials,
    filter?: { phoneNumber?: string },
  ): Promise<TwilioOwnedNumber[]>;
  buy(
    credentials: TwilioAccountCredentials,
    input: { phoneNumber: string; friendlyName: string; webhooks: TwilioNumberWebhooks },
  ): Promise<TwilioOwnedNumber>;
  setWebhooks(
    credentials: TwilioAccountCredentials,
    sid: string,
    webhooks: TwilioNumberWebhooks,
  ): Promise<TwilioOwnedNumber>;
  release(credentials: TwilioAccountCredentials, sid: string): Promise<void>;
}

/** What the provisioning verbs are given besides the tenant: Twilio, the sealing key, our public origin. */
export interface NumberProvisioning {
  twilio: TwilioNumbersPort;
  secretsKey: SecretsKey | undefined;
  /** The voice server's public https origin (PUBLIC_URL) that Twilio posts to; undefined when unset. */
  publicUrl: string | undefined;
}

/**
 * Our webhook URLs under the public origin: the voice server answers `/twilio/voice`, takes call progress
 * at `/twilio/status` and inbound texts (STOP/START, replies) at `/twilio/sms`.
 */
export function twilioWebhooksFor(publicUrl: string): TwilioNumberWebhooks {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    voiceUrl: `${base}/twilio/voice`,
    statusCallback: `${base}/twilio/status`,
    smsUrl: `${base}/twilio/sms`,
  };
}

/** Whether a number's webhooks are exactly ours (voice by POST). */
export function hasOurWebhooks(number: TwilioOwnedNumber, expected: TwilioNumberWebhooks): boolean {
  return (
    number.voiceUrl === expected.voiceUrl &&
    number.voiceMethod.toUpperCase() === 'POST' &&
    number.statusCallback === expected.statusCallback &&
    number.smsUrl === expected.smsUrl
  );
}
