// The TwiML builder alone: the package's index loads the whole REST client (see ../rest.ts).

import type VoiceResponseTypes from 'twilio/lib/twiml/VoiceResponse';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { DEFAULT_SAY_VOICE, type SayVoice } from './say-voices.ts';

/**
 * TwiML documents the voice server answers with. Built with the twilio library so XML escaping and attribute
 * names are right by construction.
 */

/** What Twilio does if our media stream ends or never starts: it must not need any server of ours. */
export type TwilioFallback =
  | {
      kind: 'dial';
      phoneNumber: string;
      say?: string | undefined;
      timeLimitSeconds?: number | undefined;
      /** Where Twilio posts `DialCallStatus` when the dialled leg ends (so nobody answering is not the end). */
      actionUrl?: string | undefined;
      timeoutSeconds?: number | undefined;
    }
  | {
      kind: 'voicemail';
      say: string;
      maxLengthSeconds?: number | undefined;
      /** Signed route Twilio posts to when the recording is ready (`recordingStatusCallback`). */
      recordingStatusCallbackUrl?: string | undefined;
      /**
       * Where Twilio asks for TwiML once recording stops. Without one it re-requests the current document
       * (the voice webhook), which would answer the same call again.
       */
      actionUrl?: string | undefined;
    }
  | { kind: 'hangup'; say?: string | undefined };

export interface StreamTwimlInput {
  /** Spoken by Twilio before any audio reaches the AI (AI / recording disclosure). */
  disclosure?: string | undefined;
  /** `wss://…/twilio/stream/<token>`; query strings are dropped by Twilio, so the token lives in the path. */
  streamUrl: string;
  /** Custom parameters delivered in the `start` message; name+value under 500 characters each. */
  parameters?: Record<string, string> | undefined;
  /** Runs after `</Connect>` when the stream closes. */
  fallback: TwilioFallback;
  /** Optional `<Stream statusCallback>` URL (stream-started/stopped/error). */
  statusCallbackUrl?: string | undefined;
  /** Language and voice of the disclosure and the fallback's sentences (default en-US Polly.Joanna). */
  say?: SayVoice | undefined;
}

const SAY_VOICE = 'Polly.Joanna' as const;

/** Our voice table (say-voices.ts) names only voices and languages Twilio lists. */
function sayAttributes(voice: SayVoice | undefined): VoiceResponseTypes.SayAttributes {
  const chosen = voice ?? DEFAULT_SAY_VOICE;
  return {
    voice: chosen.voice as NonNullable<VoiceResponseTypes.SayAttributes['voice']>,
    language: chosen.language as NonNullable<VoiceResponseTypes.SayAttributes['language']>,
  };
}

function appendFallback(response: VoiceResponse, fallback: TwilioFallback): void {
  const say = { voice: SAY_VOICE };
  switch (fallback.kind) {
    case 'dial':
      if (fallback.say) response.say(say, fallback.say);
      response.dial(
        {
          timeLimit: fallback.timeLimitSeconds ?? 3600,
          ...(fallback.actionUrl ? { action: fallback.actionUrl, method: 'POST' as const } : {}),
          ...(fallback.timeoutSeconds ? { timeout: fallback.timeoutSeconds } : {}),
        },
        fallback.phoneNumber,
      );
      break;
    case 'voicemail':
      response.say(say, fallback.say);
      response.record({
        maxLength: fallback.maxLengthSeconds ?? 120,
        playBeep: true,
        ...(fallback.actionUrl ? { action: fallback.actionUrl, method: 'POST' } : {}),
        ...(fallback.recordingStatusCallbackUrl
          ? {
              recordingStatusCallback: fallback.recordingStatusCallbackUrl,
              recordingStatusCallbackMethod: 'POST',
              recordingStatusCallbackEvent: ['completed'],
            }
          : {}),
      });
      response.hangup();
      break;
    case 'hangup':
      if (fallback.say) response.say(say, fallback.say);
      response.hangup();
      break;
  }
}

export function buildStreamTwiml(input: StreamTwimlInput): string {
  const response = new VoiceResponse();
  if (input.disclosure)
    response.say(input.say === undefined ? { voice: SAY_VOICE } : sayAttributes(input.say), input.disclosure);
  const stream = response.connect().stream({
    url: input.streamUrl,
    ...(input.statusCallbackUrl
      ? { statusCallback: input.statusCallbackUrl, statusCallbackMethod: 'POST' }
      : {}),
  });
  for (const [name, value] of Object.entries(input.parameters ?? {})) {
    stream.parameter({ name, value });
  }
  // The fallback's sentences are the voice server's own (English): they keep the default voice.
  appendFallback(response, input.fallback);
  return response.toString();
}

export interface LanguageMenuInput {
  /** One sentence per language, each spoken in its own voice ("Para español, oprima dos."). */
  prompts: Array<{ text: string; say: SayVoice }>;
  /** Where Twilio posts the keyed digit (`Digits`), or an empty one when the caller keys nothing. */
  actionUrl: string;
  timeoutSeconds?: number | undefined;
}

/**
 * A keypad language choice before the stream: `<Gather numDigits="1">` around the prompts, posting to
 * `actionUrl` even on silence (`actionOnEmptyResult`) so the call always goes on in some language.
 */
export function buildLanguageMenuTwiml(input: LanguageMenuInput): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: input.timeoutSeconds ?? 4,
    action: input.actionUrl,
    method: 'POST',
    actionOnEmptyResult: true,
  });
  for (const prompt of input.prompts) gather.say(sayAttributes(prompt.say), prompt.text);
  return response.toString();
}

/** What Twilio gets after a voicemail was recorded: nothing more to do. */
export function buildHangupTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}

/** A polite refusal (unknown number, draining server, over capacity): say something, then hang up. */
export function buildSayHangupTwiml(message: string): string {
  const response = new VoiceResponse();
  response.say({ voice: SAY_VOICE }, message);
  response.hangup();
  return response.toString();
}

/** TwiML without a stream: used after hours, or when the stream cannot be offered at all. */
export function buildFallbackTwiml(fallback: TwilioFallback): string {
  const response = new VoiceResponse();
  appendFallback(response, fallback);
  return response.toString();
}

/** Transfer TwiML for a live call update (REST `calls(sid).update({ twiml })`). */
export function buildTransferTwiml(input: {
  phoneNumber: string;
  say?: string | undefined;
  callerId?: string;
  /**
   * Where Twilio posts `DialCallStatus` once the dialled leg ends. Without it an unanswered transfer ends
   * the call in silence; with it the caller can be offered something else (a message).
   */
  actionUrl?: string | undefined;
  /** How long the destination rings before the dial counts as `no-answer` (Twilio's default is 30). */
  timeoutSeconds?: number | undefined;
}): string {
  const response = new VoiceResponse();
  if (input.say) response.say({ voice: SAY_VOICE }, input.say);
  response.dial(
    {
      timeLimit: 3600,
      ...(input.callerId ? { callerId: input.callerId } : {}),
      ...(input.actionUrl ? { action: input.actionUrl, method: 'POST' as const } : {}),
      ...(input.timeoutSeconds ? { timeout: input.timeoutSeconds } : {}),
    },
    input.phoneNumber,
  );
  return response.toString();
}
