import type { NumberProvisioning } from '@receptionist/domain';
import { createTwilioNumbersApi } from '@receptionist/telephony/rest';
import { getEnv } from '../env.ts';
import { credentialsKey } from './number-ownership.ts';

/**
 * What the numbers page's verbs are given: the official twilio client aimed at TWILIO_API_BASE_URL,
 * the key that seals the business's credentials, and the voice server's public origin (PUBLIC_URL) the
 * bought and attached numbers' webhooks point at.
 */
export function webNumberProvisioning(): NumberProvisioning {
  const env = getEnv();
  return {
    twilio: createTwilioNumbersApi({ apiBaseUrl: env.phoneNumbers.twilioApiBaseUrl }),
    secretsKey: credentialsKey(),
    publicUrl: env.publicUrl,
  };
}
