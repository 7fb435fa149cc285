// The IncomingPhoneNumbers list of Twilio's REST API (api.twilio.com/2010-04-01, twilio-oai's
// `ListIncomingPhoneNumberResponse` in spec/json/twilio_api_v2010.json): `GET /2010-04-01/Accounts/
// {AccountSid}/IncomingPhoneNumbers.json`, filtered by the `PhoneNumber` query parameter, paged by
// `PageSize`. Each account has its own Basic-auth credentials (its SID + auth token, or an API key);
// wrong ones answer 401 / 20003, an account the credentials do not belong to 404 / 20404.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { twilioError } from './fake-twilio-messages.ts';

interface FakeTwilioAccount {
  /** Basic-auth pairs accepted for this account (the auth token, API keys). */
  credentials: Array<{ username: string; password: string }>;
  numbers: Set<string>;
}

export class FakeIncomingPhoneNumbers {
  readonly #accounts = new Map<string, FakeTwilioAccount>();
  /** Every list request, with the number asked about and the answer's status. */
  readonly requests: Array<{ accountSid: string; phoneNumber: string | null; status: number }> = [];

  /** Creates (or extends) an account that owns `numbers`, reachable with its SID and `authToken`. */
  addAccount(accountSid: string, authToken: string, numbers: readonly string[] = []): void {
    const account = this.#accounts.get(accountSid) ?? { credentials: [], numbers: new Set<string>() };
    account.credentials.push({ username: accountSid, password: authToken });
    for (const number of numbers) account.numbers.add(number);
    this.#accounts.set(accountSid, account);
  }

  /** Lets an API key (`SK…` + secret) act for the account. */
  addApiKey(accountSid: string, keySid: string, secret: string): void {
    this.#accounts.get(accountSid)?.credentials.push({ username: keySid, password: secret });
  }

  /** Answers the request when it is this resource's; false otherwise. */
  serve(request: IncomingMessage, response: ServerResponse, auth: readonly string[]): boolean {
    const url = new URL(request.url ?? '/', 'http://fake');
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\.json$/.exec(url.pathname);
    if (request.method !== 'GET' || !match?.[1]) return false;
    const accountSid = match[1];
    const phoneNumber = url.searchParams.get('PhoneNumber');
    const [username = '', password = ''] = auth;
    const signedIn = [...this.#accounts.entries()].find(([, account]) =>
      account.credentials.some((pair) => pair.username === username && pair.password === password),
    );
    const status = signedIn === undefined ? 401 : signedIn[0] === accountSid ? 200 : 404;
    this.requests.push({ accountSid, phoneNumber, status });
    response.setHeader('content-type', 'application/json');
    if (status === 401) {
      response.writeHead(401).end(JSON.stringify(twilioError(401, 20003, 'Authenticate')));
      return true;
    }
    if (status === 404 || signedIn === undefined) {
      response
        .writeHead(404)
        .end(JSON.stringify(twilioError(404, 20404, 'The requested resource was not found')));
      return true;
    }
    const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get('PageSize') ?? 50) || 50));
    const owned = [...signedIn[1].numbers].filter((number) => phoneNumber === null || number === phoneNumber);
    const listed = owned.slice(0, pageSize).map((number) => incomingPhoneNumber(accountSid, number));
    const uri = `${url.pathname}${url.search}`;
    response.writeHead(200).end(
      JSON.stringify({
        end: Math.max(0, listed.length - 1),
        first_page_uri: uri,
        next_page_uri: null,
        page: 0,
        page_size: pageSize,
        previous_page_uri: null,
        start: 0,
        uri,
        incoming_phone_numbers: listed,
      }),
    );
    return true;
  }
}

/** One `api.v2010.account.incoming_phone_number`, the fields a plain local voice number has. */
function incomingPhoneNumber(accountSid: string, phoneNumber: string): Record<string, unknown> {
  const sid = `PN${randomBytes(16).toString('hex')}`;
  const date = new Date(0).toUTCString().replace('GMT', '+0000');
  return {
    account_sid: accountSid,
    address_sid: null,
    address_requirements: 'none',
    api_version: '2010-04-01',
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: date,
    date_updated: date,
    friendly_name: phoneNumber,
    identity_sid: null,
    phone_number: phoneNumber,
    origin: 'twilio',
    sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: '',
    status_callback: '',
    status_callback_method: 'POST',
    trunk_sid: null,
    uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${sid}.json`,
    voice_receive_mode: 'voice',
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: 'POST',
    voice_url: null,
    emergency_status: 'Inactive',
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    bundle_sid: null,
    status: 'in-use',
    type: 'local',
  };
}
