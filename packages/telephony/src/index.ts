export { decodeStrictBase64, encodeBase64, isStrictBase64 } from './base64.ts';
export { BrowserTransport, type BrowserTransportOptions } from './browser/browser-transport.ts';
export * from './browser/protocol.ts';
export { ConnectionGuard, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-guard.ts';
export * from './errors.ts';
export * from './live-token.ts';
export { MarkedPlayback, type MarkedPlaybackOptions, type PlaybackSink } from './marked-playback.ts';
export { PlaybackTracker } from './playback-tracker.ts';
export { RateWindow } from './rate-window.ts';
export { type CorkableSocket, holdWritesUntilTickEnd } from './socket-writes.ts';
export * from './tokens.ts';
export type * from './transport.ts';
export * from './twilio/media-protocol.ts';
export {
  TwilioMediaTransport,
  type TwilioMediaTransportOptions,
  type TwilioStreamStart,
} from './twilio/media-transport.ts';
export * from './twilio/say-voices.ts';
export {
  publicUrlFor,
  signTwilioRequest,
  type TwilioParams,
  validateTwilioSignature,
} from './twilio/signature.ts';
export * from './twilio/twiml.ts';
