// The IncomingPhoneNumbers list of Twilio's REST API (api.twilio.com/2010-04-01, twilio-oai's
// `ListIncomingPhoneNumberResponse` in spec/json/twilio_api_v2010.json): `GET /2010-04-01/Accounts/
// {AccountSid}/IncomingPhoneNumbers.json`, filtered by the `PhoneNumber` query parameter, paged by
// `PageSize`. Each account has its own Basic-auth credentials (its SID + auth token, or an API key);
// wrong ones answer 401 / 20003, an account the credentials do not belong to 404 / 20404. A parent
// account's credentials also reach its subaccounts, as Twilio's do. The accounts and their numbers are
// shared with fake-twilio-number-provisioning.ts (buy, update, release).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { twilioError } from './fake-twilio-messages.ts';

/** One number an account owns, with the webhook fields Twilio stores for it. */
export interface FakeOwnedNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  type: 'local' | 'toll_free';
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
  smsUrl: string;
  smsMethod: string;
}

export interface FakeTwilioAccount {
  sid: string;
  friendlyName: string;
  status: 'active' | 'suspended' | 'closed';
  /** The parent, for a subaccount. */
  ownerAccountSid: string | undefined;
  /** Basic-auth pairs accepted for this account (the auth token, API keys). */
  credentials: Array<{ username: string; password: string }>;
  /** By E.164. */
  numbers: Map<string, FakeOwnedNumber>;
}

export class FakeIncomingPhoneNumbers {
  readonly #accounts = new Map<string, FakeTwilioAccount>();
  /** Every list request, with the number asked about and the answer's status. */
  readonly requests: Array<{ accountSid: string; phoneNumber: string | null; status: number }> = [];

  /** Creates (or extends) an account that owns `numbers`, reachable with its SID and `authToken`. */
  addAccount(
    accountSid: string,
    authToken: string,
    numbers: readonly string[] = [],
    options: { ownerAccountSid?: string; friendlyName?: string; status?: FakeTwilioAccount['status'] } = {},
  ): void {
    const account = this.#accounts.get(accountSid) ?? {
      sid: accountSid,
      friendlyName: options.friendlyName ?? `Account ${accountSid.slice(-4)}`,
      status: options.status ?? 'active',
      ownerAccountSid: options.ownerAccountSid,
      credentials: [],
      numbers: new Map<string, FakeOwnedNumber>(),
    };
    account.credentials.push({ username: accountSid, password: authToken });
    for (const number of numbers) if (!account.numbers.has(number)) this.addNumber(account, number);
    this.#accounts.set(accountSid, account);
  }

  /** Lets an API key (`SK…` + secret) act for the account. */
  addApiKey(accountSid: string, keySid: string, secret: string): void {
    this.#accounts.get(accountSid)?.credentials.push({ username: keySid, password: secret });
  }

  account(accountSid: string): FakeTwilioAccount | undefined {
    return this.#accounts.get(accountSid);
  }

  /** The numbers an account owns now, as Twilio stores them. */
  numbersOf(accountSid: string): FakeOwnedNumber[] {
    return [...(this.#accounts.get(accountSid)?.numbers.values() ?? [])];
  }

  addNumber(
    account: FakeTwilioAccount,
    phoneNumber: string,
    fields: Partial<Omit<FakeOwnedNumber, 'sid' | 'phoneNumber'>> = {},
  ): FakeOwnedNumber {
    const number: FakeOwnedNumber = {
      sid: `PN${randomBytes(16).toString('hex')}`,
      phoneNumber,
      friendlyName: phoneNumber,
      type: 'local',
      voiceUrl: '',
      voiceMethod: 'POST',
      statusCallback: '',
      statusCallbackMethod: 'POST',
      smsUrl: '',
      smsMethod: 'POST',
      ...fields,
    };
    account.numbers.set(phoneNumber, number);
    return number;
  }

  /** The account these Basic-auth credentials (SID + token, or API key + secret) belong to. */
  signedIn(auth: readonly string[]): FakeTwilioAccount | undefined {
    const [username = '', password = ''] = auth;
    return [...this.#accounts.values()].find((account) =>
      account.credentials.some((pair) => pair.username === username && pair.password === password),
    );
  }

  /**
   * Who may act on `accountSid`: 200 with the account, 401 for credentials no account has, 404 for an
   * account these credentials neither are nor own.
   */
  authorise(
    accountSid: string,
    auth: readonly string[],
  ): { status: 200; account: FakeTwilioAccount } | { status: 401 | 404 } {
    const signedIn = this.signedIn(auth);
    if (signedIn === undefined) return { status: 401 };
    const target = this.#accounts.get(accountSid);
    if (target === undefined) return { status: 404 };
    if (target.sid === signedIn.sid || target.ownerAccountSid === signedIn.sid) {
      return { status: 200, account: target };
    }
    return { status: 404 };
  }

  /** Answers the request when it is this resource's; false otherwise. */
  serve(request: IncomingMessage, response: ServerResponse, auth: readonly string[]): boolean {
    const url = new URL(request.url ?? '/', 'http://fake');
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\.json$/.exec(url.pathname);
    if (request.method !== 'GET' || !match?.[1]) return false;
    const accountSid = match[1];
    const phoneNumber = url.searchParams.get('PhoneNumber');
    const access = this.authorise(accountSid, auth);
    this.requests.push({ accountSid, phoneNumber, status: access.status });
    response.setHeader('content-type', 'application/json');
    if (access.status === 401) {
      response.writeHead(401).end(JSON.stringify(twilioError(401, 20003, 'Authenticate')));
      return true;
    }
    if (access.status !== 200) {
      response
        .writeHead(404)
        .end(JSON.stringify(twilioError(404, 20404, 'The requested resource was not found')));
      return true;
    }
    const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get('PageSize') ?? 50) || 50));
    const owned = [...access.account.numbers.values()].filter(
      (number) => phoneNumber === null || number.phoneNumber === phoneNumber,
    );
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

/** One `api.v2010.account.incoming_phone_number` resource, as Twilio serialises it. */
export function incomingPhoneNumber(accountSid: string, number: FakeOwnedNumber): Record<string, unknown> {
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
    friendly_name: number.friendlyName,
    identity_sid: null,
    phone_number: number.phoneNumber,
    origin: 'twilio',
    sid: number.sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: number.smsMethod,
    sms_url: number.smsUrl,
    status_callback: number.statusCallback,
    status_callback_method: number.statusCallbackMethod,
    trunk_sid: null,
    uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${number.sid}.json`,
    voice_receive_mode: 'voice',
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: number.voiceMethod,
    voice_url: number.voiceUrl || null,
    emergency_status: 'Inactive',
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    bundle_sid: null,
    status: 'in-use',
    type: number.type === 'toll_free' ? 'tollfree' : 'local',
  };
}
