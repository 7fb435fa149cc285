// The webhook helpers alone: the package's index loads the whole REST client (see ../rest.ts).
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js';

/** Form parameters as Twilio posts them (values may repeat). */
export type TwilioParams = Record<string, string | string[]>;

/**
 * Checks `X-Twilio-Signature` for a webhook. `url` must be built from the configured public origin plus the
 * path Twilio requested, never from `Host` / `X-Forwarded-*` (research/reliability.md §1.1). All received
 * parameters are passed: Twilio adds new ones without notice.
 */
export function validateTwilioSignature(input: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: TwilioParams;
}): boolean {
  if (!input.signature || input.authToken.length === 0) return false;
  return validateRequest(input.authToken, input.signature, input.url, input.params);
}

/** The signature Twilio would send for this request: what our fake Twilio client puts in the header. */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return getExpectedTwilioSignature(authToken, url, params);
}

/** Joins the public origin (e.g. `https://voice.example.com`) and a request path without doubling slashes. */
export function publicUrlFor(publicUrl: string, pathWithQuery: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${pathWithQuery.startsWith('/') ? '' : '/'}${pathWithQuery}`;
}
