import { createTwilioRestClient, type TwilioRestClient } from './rest-client.ts';

/**
 * Phone-number provisioning over Twilio's REST API, through the official `twilio` client: the account
 * (`GET /2010-04-01/Accounts/{Sid}.json`), number search (`AvailablePhoneNumbers/{Country}/Local|TollFree`),
 * monthly prices (Pricing v1 `PhoneNumbers/Countries/{Iso}`) and the account's own numbers
 * (`IncomingPhoneNumbers`: list, create, update, delete). Plain data in and out; Twilio's refusals come out
 * as `TwilioApiError` carrying its `status` and `code`, for the caller to map.
 */

export interface TwilioCredentials {
  accountSid: string;
  /** The account SID (with the auth token) or an API key SID (with its secret). */
  username: string;
  password: string;
}

export type TwilioNumberType = 'local' | 'toll_free';

export interface TwilioAccountInfo {
  accountSid: string;
  friendlyName: string;
  /** `active`, `suspended` or `closed`. */
  status: string;
  /** Set for a subaccount: its parent account. */
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

export interface TwilioMonthlyPrice {
  /** Decimal string as Twilio gives it, e.g. `1.15`. */
  amount: string;
  currency: string;
}

export class TwilioApiError extends Error {
  /** The HTTP status; undefined when Twilio was not reached at all. */
  readonly status: number | undefined;
  /** Twilio's error code (20003, 21452, …), when it sent one. */
  readonly twilioCode: number | undefined;

  constructor(message: string, options: { status?: number; twilioCode?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.twilioCode = options.twilioCode;
  }
}

export interface TwilioNumbersApi {
  fetchAccount(credentials: TwilioCredentials): Promise<TwilioAccountInfo>;
  searchAvailable(
    credentials: TwilioCredentials,
    query: { country: string; type: TwilioNumberType; areaCode?: number; contains?: string; limit: number },
  ): Promise<TwilioAvailableNumber[]>;
  /** The monthly price of a number of this type in this country; undefined when Twilio lists none. */
  monthlyPrice(
    credentials: TwilioCredentials,
    country: string,
    type: TwilioNumberType,
  ): Promise<TwilioMonthlyPrice | undefined>;
  listOwned(credentials: TwilioCredentials, filter?: { phoneNumber?: string }): Promise<TwilioOwnedNumber[]>;
  buy(
    credentials: TwilioCredentials,
    input: { phoneNumber: string; friendlyName: string; webhooks: TwilioNumberWebhooks },
  ): Promise<TwilioOwnedNumber>;
  setWebhooks(
    credentials: TwilioCredentials,
    sid: string,
    webhooks: TwilioNumberWebhooks,
  ): Promise<TwilioOwnedNumber>;
  release(credentials: TwilioCredentials, sid: string): Promise<void>;
}

/** Pricing names the types as words (`local`, `toll free`, `mobile`, `national`). */
const PRICING_TYPE: Record<TwilioNumberType, string> = { local: 'local', toll_free: 'toll free' };
/** How many of the account's numbers one listing reads (a receptionist install has a handful). */
const OWNED_LIMIT = 200;

export function createTwilioNumbersApi(options: {
  apiBaseUrl: string;
  timeoutMs?: number;
}): TwilioNumbersApi {
  const clientFor = (credentials: TwilioCredentials): TwilioRestClient =>
    createTwilioRestClient({ ...credentials, apiBaseUrl: options.apiBaseUrl, timeoutMs: options.timeoutMs });

  return {
    fetchAccount: (credentials) =>
      calling('fetch the account', async () => {
        const account = await clientFor(credentials).api.v2010.accounts(credentials.accountSid).fetch();
        return {
          accountSid: account.sid,
          friendlyName: account.friendlyName,
          status: account.status,
          ownerAccountSid:
            account.ownerAccountSid && account.ownerAccountSid !== account.sid
              ? account.ownerAccountSid
              : undefined,
        };
      }),

    searchAvailable: (credentials, query) =>
      calling('search numbers', async () => {
        const country = clientFor(credentials).availablePhoneNumbers(query.country);
        const filters = {
          ...(query.areaCode === undefined ? {} : { areaCode: query.areaCode }),
          ...(query.contains === undefined ? {} : { contains: query.contains }),
          voiceEnabled: true,
          limit: query.limit,
        };
        const found =
          query.type === 'local' ? await country.local.list(filters) : await country.tollFree.list(filters);
        return found.map((number) => ({
          phoneNumber: number.phoneNumber,
          friendlyName: number.friendlyName,
          locality: number.locality || undefined,
          region: number.region || undefined,
          isoCountry: number.isoCountry,
          addressRequirements: number.addressRequirements,
          voice: capability(number.capabilities, 'voice'),
          sms: capability(number.capabilities, 'SMS') || capability(number.capabilities, 'sms'),
        }));
      }),

    monthlyPrice: (credentials, country, type) =>
      calling('read number prices', async () => {
        const prices = await clientFor(credentials).pricing.v1.phoneNumbers.countries(country).fetch();
        const price = prices.phoneNumberPrices.find((entry) => entry.numberType === PRICING_TYPE[type]);
        if (price?.currentPrice === undefined || price.currentPrice === null) return undefined;
        return { amount: String(price.currentPrice), currency: prices.priceUnit };
      }),

    listOwned: (credentials, filter) =>
      calling('list your numbers', async () => {
        const numbers = await clientFor(credentials).incomingPhoneNumbers.list({
          ...(filter?.phoneNumber === undefined ? {} : { phoneNumber: filter.phoneNumber }),
          limit: OWNED_LIMIT,
        });
        return numbers.map(ownedNumber);
      }),

    buy: (credentials, input) =>
      calling('buy the number', async () =>
        ownedNumber(
          await clientFor(credentials).incomingPhoneNumbers.create({
            phoneNumber: input.phoneNumber,
            friendlyName: input.friendlyName,
            ...webhookParams(input.webhooks),
          }),
        ),
      ),

    setWebhooks: (credentials, sid, webhooks) =>
      calling('set the webhooks', async () =>
        ownedNumber(await clientFor(credentials).incomingPhoneNumbers(sid).update(webhookParams(webhooks))),
      ),

    release: (credentials, sid) =>
      calling('release the number', async () => {
        await clientFor(credentials).incomingPhoneNumbers(sid).remove();
      }),
  };
}

/** Voice and SMS webhooks by POST, call progress to our status callback (Twilio signs each request). */
function webhookParams(webhooks: TwilioNumberWebhooks) {
  return {
    voiceUrl: webhooks.voiceUrl,
    voiceMethod: 'POST',
    statusCallback: webhooks.statusCallback,
    statusCallbackMethod: 'POST',
    smsUrl: webhooks.smsUrl,
    smsMethod: 'POST',
  } as const;
}

function ownedNumber(number: {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  voiceMethod: string | null;
  statusCallback: string | null;
  smsUrl: string | null;
}): TwilioOwnedNumber {
  return {
    sid: number.sid,
    phoneNumber: number.phoneNumber,
    friendlyName: number.friendlyName,
    voiceUrl: number.voiceUrl ?? '',
    voiceMethod: number.voiceMethod ?? '',
    statusCallback: number.statusCallback ?? '',
    smsUrl: number.smsUrl ?? '',
  };
}

function capability(capabilities: unknown, name: string): boolean {
  return (
    typeof capabilities === 'object' &&
    capabilities !== null &&
    (capabilities as Record<string, unknown>)[name] === true
  );
}

/** Runs one Twilio request, turning whatever the client throws into a `TwilioApiError`. */
async function calling<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
    const httpStatus = typeof status === 'number' ? status : undefined;
    throw new TwilioApiError(
      httpStatus === undefined
        ? `Twilio could not be reached to ${what}`
        : `Twilio refused to ${what}: ${typeof message === 'string' ? message : httpStatus}`,
      { status: httpStatus, twilioCode: typeof code === 'number' ? code : undefined, cause: error },
    );
  }
}
