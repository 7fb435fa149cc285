export { isOpenAt } from '@receptionist/domain';
export type { BusinessDirectory, CallBusiness, HumanLine } from './business-directory.ts';
export { type CallEnd, SESSION_PROMPTS } from './call/call-endings.ts';
export {
  createEngineFactory,
  type EngineChoice,
  type EngineConstructors,
  type EngineFactory,
  type EngineRequest,
  loadEngineConstructors,
} from './engines.ts';
export { loadVoiceEnv, parseVoiceEnv, VoiceConfigError, type VoiceEnv } from './env.ts';
export * from './errors.ts';
export { createLogger } from './logger.ts';
export { VoiceMetrics } from './metrics.ts';
export { receptionistDirectory } from './receptionist-directory.ts';
export {
  createVoiceServer,
  MAX_WS_PAYLOAD_BYTES,
  type VoiceServer,
  type VoiceServerOptions,
} from './server.ts';
export { createTwilioCallControl, type TwilioCallControl } from './twilio/twilio-rest.ts';
