// Buying and configuring numbers on Twilio's REST API, shaped after twilio-oai
// (spec/json/twilio_api_v2010.json, spec/json/twilio_pricing_v1.json):
//   GET    /2010-04-01/Accounts/{AccountSid}.json                                   the account
//   GET    /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{Country}/Local.json   (AreaCode, Contains, PageSize)
//   GET    /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{Country}/TollFree.json
//   POST   /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json             buy (PhoneNumber, VoiceUrl, …)
//   GET|POST|DELETE /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json  fetch, update, release
//   GET    /v1/PhoneNumbers/Countries/{IsoCountry}                                  monthly prices (pricing host)
// Errors answer Twilio's shape {code, message, more_info, status}. The accounts and owned numbers are
// those of FakeIncomingPhoneNumbers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type FakeIncomingPhoneNumbers,
  type FakeOwnedNumber,
  type FakeTwilioAccount,
  incomingPhoneNumber,
} from './fake-twilio-incoming-numbers.ts';
import { twilioError } from './fake-twilio-messages.ts';

/** A number Twilio has for sale. */
export interface FakeAvailableNumber {
  phoneNumber: string;
  isoCountry: string;
  type: 'local' | 'toll_free';
  locality?: string;
  region?: string;
  postalCode?: string;
}

export type FakeNumberOperation = 'account' | 'search' | 'pricing' | 'buy' | 'update' | 'release' | 'fetch';

/** An error the next matching request answers with (Twilio's status and code). */
export interface InjectedTwilioError {
  status: number;
  code: number;
  message: string;
  /** Only requests of this kind; any when absent. */
  operation?: FakeNumberOperation;
}

export interface RecordedNumberRequest {
  operation: FakeNumberOperation;
  accountSid: string | undefined;
  status: number;
  params: Record<string, string>;
}

const ACCOUNT = /^\/2010-04-01\/Accounts\/(AC\w+)\.json$/;
const AVAILABLE =
  /^\/2010-04-01\/Accounts\/(AC\w+)\/AvailablePhoneNumbers\/([A-Z]{2})\/(Local|TollFree)\.json$/;
const CREATE = /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\.json$/;
const INSTANCE = /^\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\/(PN\w+)\.json$/;
const PRICING = /^\/v1\/PhoneNumbers\/Countries\/([A-Z]{2})$/;

export class FakeNumberProvisioning {
  /** Numbers for sale; a bought number leaves the inventory. */
  readonly inventory: FakeAvailableNumber[] = [];
  /** Monthly prices by country and type (`{ US: { local: '1.15', toll_free: '2.15' } }`), in USD. */
  readonly prices = new Map<string, Partial<Record<'local' | 'toll_free', string>>>([
    ['US', { local: '1.15', toll_free: '2.15' }],
  ]);
  readonly requests: RecordedNumberRequest[] = [];
  readonly #errors: InjectedTwilioError[] = [];
  readonly #accounts: FakeIncomingPhoneNumbers;

  constructor(accounts: FakeIncomingPhoneNumbers) {
    this.#accounts = accounts;
  }

  /** Queues an error for the next request (of `operation`, when given). */
  failNext(error: InjectedTwilioError): void {
    this.#errors.push(error);
  }

  /** Answers the request when it is one of these resources; false otherwise. */
  serve(request: IncomingMessage, response: ServerResponse, auth: readonly string[], body: string): boolean {
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = routeOf(request.method ?? 'GET', url.pathname);
    if (route === undefined) return false;
    const params =
      request.method === 'POST'
        ? Object.fromEntries(new URLSearchParams(body))
        : Object.fromEntries(url.searchParams);
    const answer = this.#answer(route, auth, params);
    this.requests.push({
      operation: route.operation,
      accountSid: route.accountSid,
      status: answer.status,
      params,
    });
    response.setHeader('content-type', 'application/json');
    if (answer.status === 204) response.writeHead(204).end();
    else response.writeHead(answer.status).end(JSON.stringify(answer.body));
    return true;
  }

  #answer(
    route: Route,
    auth: readonly string[],
    params: Record<string, string>,
  ): { status: number; body?: unknown } {
    const injected = this.#errors.findIndex(
      (error) => error.operation === undefined || error.operation === route.operation,
    );
    if (injected >= 0) {
      const [error] = this.#errors.splice(injected, 1);
      if (error !== undefined)
        return { status: error.status, body: twilioError(error.status, error.code, error.message) };
    }
    if (route.operation === 'pricing') {
      // Pricing has no account in its path: any valid credentials may read it.
      if (this.#accounts.signedIn(auth) === undefined)
        return { status: 401, body: twilioError(401, 20003, 'Authenticate') };
      return { status: 200, body: this.#pricing(route.country ?? '') };
    }
    const access = this.#accounts.authorise(route.accountSid ?? '', auth);
    if (access.status === 401) return { status: 401, body: twilioError(401, 20003, 'Authenticate') };
    if (access.status !== 200) {
      return { status: 404, body: twilioError(404, 20404, 'The requested resource was not found') };
    }
    const { account } = access;
    switch (route.operation) {
      case 'account':
        return { status: 200, body: accountResource(account) };
      case 'search':
        return { status: 200, body: this.#search(route, params) };
      case 'buy':
        return this.#buy(account, params);
      default: {
        const number = [...account.numbers.values()].find((owned) => owned.sid === route.numberSid);
        if (number === undefined) {
          return { status: 404, body: twilioError(404, 20404, 'The requested resource was not found') };
        }
        if (route.operation === 'release') {
          account.numbers.delete(number.phoneNumber);
          return { status: 204 };
        }
        if (route.operation === 'update') applyWebhookParams(number, params);
        return { status: 200, body: incomingPhoneNumber(account.sid, number) };
      }
    }
  }

  #search(route: Route, params: Record<string, string>): Record<string, unknown> {
    const type = route.tollFree ? 'toll_free' : 'local';
    const contains = params.Contains === undefined ? undefined : containsPattern(params.Contains);
    const pageSize = Math.min(1000, Math.max(1, Number(params.PageSize ?? 50) || 50));
    const found = this.inventory
      .filter((number) => number.isoCountry === route.country && number.type === type)
      .filter(
        (number) => params.AreaCode === undefined || number.phoneNumber.startsWith(`+1${params.AreaCode}`),
      )
      .filter((number) => contains === undefined || contains.test(number.phoneNumber))
      .slice(0, pageSize);
    const uri = `/2010-04-01/Accounts/${route.accountSid}/AvailablePhoneNumbers/${route.country}/${route.tollFree ? 'TollFree' : 'Local'}.json`;
    return {
      end: Math.max(0, found.length - 1),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
      available_phone_numbers: found.map(availableResource),
    };
  }

  #buy(account: FakeTwilioAccount, params: Record<string, string>) {
    const phoneNumber = params.PhoneNumber;
    if (phoneNumber === undefined || phoneNumber === '') {
      return { status: 400, body: twilioError(400, 21452, 'No phone numbers found') };
    }
    if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
      return { status: 400, body: twilioError(400, 21421, 'PhoneNumber is invalid') };
    }
    const index = this.inventory.findIndex((number) => number.phoneNumber === phoneNumber);
    const forSale = this.inventory[index];
    if (forSale === undefined) {
      return { status: 400, body: twilioError(400, 21422, 'PhoneNumber is not available') };
    }
    this.inventory.splice(index, 1);
    const number = this.#accounts.addNumber(account, phoneNumber, {
      friendlyName: params.FriendlyName ?? phoneNumber,
      type: forSale.type,
    });
    applyWebhookParams(number, params);
    return { status: 201, body: incomingPhoneNumber(account.sid, number) };
  }

  #pricing(country: string): Record<string, unknown> {
    const prices = this.prices.get(country) ?? {};
    return {
      country: country === 'US' ? 'United States' : country,
      iso_country: country,
      phone_number_prices: Object.entries(prices).map(([type, price]) => ({
        number_type: type === 'toll_free' ? 'toll free' : type,
        base_price: price,
        current_price: price,
      })),
      price_unit: 'USD',
      url: `https://pricing.twilio.com/v1/PhoneNumbers/Countries/${country}`,
    };
  }
}

interface Route {
  operation: FakeNumberOperation;
  accountSid: string | undefined;
  country?: string;
  tollFree?: boolean;
  numberSid?: string;
}

function routeOf(method: string, path: string): Route | undefined {
  const pricing = PRICING.exec(path);
  if (method === 'GET' && pricing)
    return { operation: 'pricing', accountSid: undefined, country: pricing[1] };
  const account = ACCOUNT.exec(path);
  if (method === 'GET' && account) return { operation: 'account', accountSid: account[1] };
  const available = AVAILABLE.exec(path);
  if (method === 'GET' && available) {
    return {
      operation: 'search',
      accountSid: available[1],
      country: available[2],
      tollFree: available[3] === 'TollFree',
    };
  }
  const create = CREATE.exec(path);
  if (method === 'POST' && create) return { operation: 'buy', accountSid: create[1] };
  const instance = INSTANCE.exec(path);
  if (instance) {
    const operation = ({ GET: 'fetch', POST: 'update', DELETE: 'release' } as const)[method as 'GET'];
    if (operation !== undefined) return { operation, accountSid: instance[1], numberSid: instance[2] };
  }
  return undefined;
}

/** Twilio's `Contains`: letters stand for their keypad digits, `*` for any one digit. */
function containsPattern(contains: string): RegExp {
  const keypad = 'abc2def3ghi4jkl5mno6pqrs7tuv8wxyz9';
  const digit = (letter: string) => {
    const at = keypad.indexOf(letter.toLowerCase());
    return at < 0 ? letter : (keypad.slice(at).match(/\d/)?.[0] ?? letter);
  };
  const body = [...contains]
    .map((char) => (char === '*' ? '\\d' : /[a-z]/i.test(char) ? digit(char) : char))
    .join('');
  return new RegExp(body);
}

type SettableField = Exclude<keyof FakeOwnedNumber, 'sid' | 'phoneNumber' | 'type'>;

/** The create/update form parameters Twilio stores on the number. */
const SETTABLE_FIELDS: Array<[string, SettableField]> = [
  ['VoiceUrl', 'voiceUrl'],
  ['VoiceMethod', 'voiceMethod'],
  ['StatusCallback', 'statusCallback'],
  ['StatusCallbackMethod', 'statusCallbackMethod'],
  ['SmsUrl', 'smsUrl'],
  ['SmsMethod', 'smsMethod'],
  ['FriendlyName', 'friendlyName'],
];

function applyWebhookParams(number: FakeOwnedNumber, params: Record<string, string>): void {
  for (const [param, field] of SETTABLE_FIELDS) {
    const value = params[param];
    if (value !== undefined) number[field] = value;
  }
}

function accountResource(account: FakeTwilioAccount) {
  const date = new Date(0).toUTCString().replace('GMT', '+0000');
  return {
    auth_token: '[redacted]',
    date_created: date,
    date_updated: date,
    friendly_name: account.friendlyName,
    owner_account_sid: account.ownerAccountSid ?? account.sid,
    sid: account.sid,
    status: account.status,
    subresource_uris: {},
    type: 'Full',
    uri: `/2010-04-01/Accounts/${account.sid}.json`,
  };
}

function availableResource(number: FakeAvailableNumber): Record<string, unknown> {
  const national = number.phoneNumber.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');
  return {
    friendly_name: national,
    phone_number: number.phoneNumber,
    lata: null,
    locality: number.locality ?? null,
    rate_center: null,
    latitude: null,
    longitude: null,
    region: number.region ?? null,
    postal_code: number.postalCode ?? null,
    iso_country: number.isoCountry,
    address_requirements: 'none',
    beta: false,
    // Twilio's live API spells these with capitals, whatever the spec says.
    capabilities: { voice: true, SMS: number.type === 'local', MMS: number.type === 'local', fax: false },
  };
}
