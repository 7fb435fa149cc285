import { z } from 'zod';
import { DomainError } from '../errors.ts';

/**
 * Asks Twilio whether an account owns a number: `GET /2010-04-01/Accounts/{AccountSid}/
 * IncomingPhoneNumbers.json?PhoneNumber=…` (twilio-oai `ListIncomingPhoneNumberResponse`). A number the
 * account owns is listed; any other gives an empty page. Wrong credentials are 401 with code 20003.
 */
export interface TwilioAccountCredentials {
  accountSid: string;
  /** The account SID (with the auth token) or an API key SID (with its secret). */
  username: string;
  password: string;
}

export interface TwilioApi {
  /** `https://api.twilio.com`, or a loopback stand-in in tests. */
  apiBaseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const IncomingPhoneNumbersPage = z.object({
  incoming_phone_numbers: z.array(z.object({ phone_number: z.string(), account_sid: z.string() }).loose()),
});

export async function twilioAccountOwnsNumber(
  api: TwilioApi,
  credentials: TwilioAccountCredentials,
  e164: string,
): Promise<boolean> {
  const url = new URL(
    `/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}/IncomingPhoneNumbers.json`,
    api.apiBaseUrl,
  );
  url.searchParams.set('PhoneNumber', e164);
  url.searchParams.set('PageSize', '20');
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  let response: Response;
  try {
    response = await (api.fetch ?? fetch)(url, {
      headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      signal: AbortSignal.timeout(api.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new DomainError(
      'twilio_unreachable',
      'Twilio could not be reached to check the number; try again',
      {
        cause: error,
      },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new DomainError(
      'twilio_auth_failed',
      'Twilio refused the saved credentials; check the account SID and token',
    );
  }
  // An account SID that is not this user's answers 404 (20404): it owns nothing we can see.
  if (response.status === 404) return false;
  if (!response.ok) {
    throw new DomainError('twilio_unreachable', `Twilio answered ${response.status}; try again`);
  }
  const page = IncomingPhoneNumbersPage.safeParse(await response.json().catch(() => undefined));
  if (!page.success) {
    throw new DomainError('twilio_unreachable', 'Twilio answered in a shape we do not understand');
  }
  return page.data.incoming_phone_numbers.some(
    (number) => number.phone_number === e164 && number.account_sid === credentials.accountSid,
  );
}
