import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/** Where the twilio library sends requests unless told otherwise. */
export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/** Twilio's API hosts: `api.twilio.com`, `pricing.twilio.com`, … (one per product). */
const TWILIO_HOST = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.twilio\.com(?=\/|$)/;

/**
 * The twilio library's HTTP client pointed at another origin, so tests and staging can aim REST calls at a
 * stand-in of Twilio's API (TWILIO_API_BASE_URL). Only the origin changes; paths and auth are Twilio's.
 * Every Twilio product host (api, pricing, …) goes to the one stand-in, which routes by path.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  readonly #origin: string;

  constructor(origin: string, timeoutMs = 10_000) {
    super({ timeout: timeoutMs });
    this.#origin = origin.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = String(opts.uri);
    return super.request<TData>({ ...opts, uri: uri.replace(TWILIO_HOST, this.#origin) });
  }
}

export interface TwilioRestClientOptions {
  /** The account SID (with its auth token) or an API key SID (with its secret). */
  username: string;
  password: string;
  /** The account acted for; needed when `username` is an API key. */
  accountSid: string;
  /** `https://api.twilio.com`, or a stand-in's origin. */
  apiBaseUrl: string;
  timeoutMs?: number;
}

export type TwilioRestClient = ReturnType<typeof twilio>;

/** The official twilio client, rebased when `apiBaseUrl` is not Twilio's own origin. */
export function createTwilioRestClient(options: TwilioRestClientOptions): TwilioRestClient {
  const rebased = options.apiBaseUrl.replace(/\/+$/, '') !== TWILIO_API_ORIGIN;
  return twilio(options.username, options.password, {
    accountSid: options.accountSid,
    ...(rebased
      ? { httpClient: new RebasedRequestClient(options.apiBaseUrl, options.timeoutMs) }
      : options.timeoutMs === undefined
        ? {}
        : { timeout: options.timeoutMs }),
  });
}
