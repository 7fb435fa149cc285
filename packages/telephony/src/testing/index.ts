export {
  FakeBrowserClient,
  type FakeBrowserClientEvents,
  type FakeBrowserConnectOptions,
} from './fake-browser-client.ts';
export { type FakeStartOverrides, FakeTwilioCall, type FakeTwilioCallEvents } from './fake-twilio-call.ts';
export type { FakeCallsBehaviour, RecordedOutboundCall } from './fake-twilio-calls.ts';
export {
  FakeTwilioClient,
  type FakeTwilioClientOptions,
  fakeSid,
  type PlaceCallOptions,
  type WebhookAnswer,
} from './fake-twilio-client.ts';
export { answerOutboundCall, postAnsweredBy, postOutboundStatus } from './fake-twilio-outbound.ts';
export {
  FakeTwilioRestServer,
  type RecordedCallUpdate,
  type RecordedMessage,
} from './fake-twilio-rest-server.ts';
export { type ParsedTwiml, readTwiml } from './twiml-reader.ts';
export { paceFrames, splitFrames, VirtualPlayout, waitUntil } from './virtual-playout.ts';
