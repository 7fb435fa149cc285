/**
 * Twilio's REST API (calls, numbers, pricing) through the official client. Its own entry point: the client
 * is about 12 MB of modules, which a voice server answering calls needs only for a transfer or a staff
 * hang-up, and signatures and TwiML need none of it.
 */
export * from './twilio/numbers-api.ts';
export {
  createTwilioRestClient,
  RebasedRequestClient,
  TWILIO_API_ORIGIN,
  type TwilioRestClient,
  type TwilioRestClientOptions,
} from './twilio/rest-client.ts';
