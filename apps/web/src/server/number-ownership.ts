import { type NumberOwnership, parseSecretsKey, type SecretsKey } from '@receptionist/domain';
import { getEnv } from '../env.ts';

/** The key that seals businesses' Twilio credentials, or undefined when the install has none. */
export function credentialsKey(): SecretsKey | undefined {
  const { credentialsKey: base64 } = getEnv().phoneNumbers;
  return base64 === undefined ? undefined : parseSecretsKey(base64);
}

/** How the dashboard's "Connect number" proves a business owns the number (never operator approval). */
export function dashboardNumberOwnership(): NumberOwnership {
  const { ownership, twilioApiBaseUrl } = getEnv().phoneNumbers;
  if (ownership === 'unchecked') return { kind: 'unchecked' };
  return { kind: 'twilio', twilio: { apiBaseUrl: twilioApiBaseUrl }, secretsKey: credentialsKey() };
}
