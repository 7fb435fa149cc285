import type { Listenable } from '@receptionist/audio';
import type { CommitmentCheck } from './commitments.ts';
import type { AnyEngineTool, ToolResult } from './tool.ts';

/**
 * The audio a conversation speaks and hears, exactly as the transport carries it.
 * Phone calls are G.711 μ-law 8 kHz (Twilio); browser calls are PCM16 little-endian 24 kHz mono.
 */
export type AudioFormat = { encoding: 'mulaw'; sampleRate: 8000 } | { encoding: 'pcm16'; sampleRate: 24000 };

export const PHONE_AUDIO: AudioFormat = { encoding: 'mulaw', sampleRate: 8000 };
export const BROWSER_AUDIO: AudioFormat = { encoding: 'pcm16', sampleRate: 24000 };

/**
 * What an engine can do by itself. The call session branches on these flags, never on the vendor
 * (livekit's RealtimeCapabilities pattern).
 */
export interface EngineCapabilities {
  /** The engine detects when the caller starts and stops talking (and emits `caller_speech_started`). */
  turnDetection: boolean;
  /** The engine can cut its own record of an agent reply at the audio the caller actually heard. */
  truncation: boolean;
  /** The engine emits caller transcripts. */
  callerTranscription: boolean;
  /** The engine accepts typed caller text (`pushText`). */
  textInput: boolean;
  /** The engine understands keypad digits (`pushDtmf`); without it the session handles them alone. */
  dtmf: boolean;
}

/** A short, engine-neutral summary of the business for engines that need facts up front (local policy, LM). */
export interface BusinessBrief {
  name: string;
  timeZone: string;
  services: Array<{ id: string; name: string; durationMinutes: number; priceCents?: number | undefined }>;
  transferDestinations: Array<{ id: string; name: string }>;
  /** Extra words the recognizer should expect: staff names, street names, product names. */
  vocabulary: string[];
  /**
   * Sentences in the business's own words (its FAQ questions and answers, service descriptions): the
   * recogniser's language model learns their word sequences, so "where can I park" is expected here.
   */
  phrases?: readonly string[] | undefined;
  /**
   * Weekly opening hours by lower-case English weekday (`HH:mm`, business zone; null or absent: closed).
   * The offline policy reads "at four" as the hour the business is open and knows its closed days.
   */
  openingHours?: Readonly<Record<string, { open: string; close: string } | null>> | undefined;
}

/** One line already said on the call, used to re-seed a reconnected or failed-over conversation. */
export interface TranscriptEntry {
  role: 'caller' | 'agent';
  text: string;
}

/**
 * Why the agent placed this call (outbound calls only): a kind (`reminder`, `callback`…) and plain facts
 * (`appointmentId`, `spoken`…). Engines pass it through untouched; the dialogue behind them reads it.
 */
export interface CallPurpose {
  kind: string;
  facts: Readonly<Record<string, string>>;
}

export interface ConversationConfig {
  callId: string;
  businessId: string;
  /** Caller ID in E.164, when the transport knows it. */
  callerNumber?: string | undefined;
  /** The agent's instructions, built from the business profile. */
  instructions: string;
  /** The first thing the agent says. */
  greeting: string;
  /** A voice name the engine understands; engines map or ignore unknown names. */
  voice?: string | undefined;
  /**
   * BCP-47 tag of the language the call starts in (the business's primary one, or the caller's keypad
   * choice), e.g. `en-US`. The conversation answers in it until the caller speaks another.
   */
  language?: string | undefined;
  /**
   * Every language the business serves, primary first. With more than one the engine must not pin
   * recognition to `language` (a pinned hint breaks callers who switch) and answers in the caller's.
   */
  languages?: readonly string[] | undefined;
  /** Checks confirmations against the tools that succeeded on this call before they are said. */
  commitments?: CommitmentCheck | undefined;
  audioFormat: AudioFormat;
  tools: AnyEngineTool[];
  business: BusinessBrief;
  /** Set when the agent placed the call: why (the greeting already says it). */
  purpose?: CallPurpose | undefined;
  /** What was already said (failover / reconnect); the engine must not greet again when this is set. */
  history?: TranscriptEntry[] | undefined;
  /**
   * The clock (epoch ms). The engine reads "now" only from here ("tomorrow", "the fourth", the current time
   * in the supervisor's instructions), so a call behaves the same on every date and tests pin it.
   */
  now: () => number;
}

export interface TranscriptEvent {
  role: 'caller' | 'agent';
  /** Stable id of the utterance; partial and final events of one utterance share it. */
  itemId: string;
  text: string;
  final: boolean;
  /** For final agent turns cut short by barge-in. */
  interrupted?: boolean | undefined;
}

export interface ToolCallEvent {
  toolCallId: string;
  name: string;
  arguments: unknown;
}

export interface ToolResultEvent {
  toolCallId: string;
  name: string;
  arguments: unknown;
  result: ToolResult;
  /** `late`: the tool succeeded after its `timeout` had been reported (the caller is then told). */
  status: 'ok' | 'failed' | 'error' | 'timeout' | 'late';
  latencyMs: number;
  /**
   * The tool already wrote this result to the call's durable tool log (in its own write transaction),
   * so the call log must not write it again. Absent for results that never reached the tool or never
   * came back from it (unknown tool, invalid arguments, timeout, thrown error).
   */
  recorded?: boolean | undefined;
}

export interface TurnMetricsEvent {
  /** The agent item this turn produced. */
  itemId: string;
  /** Caller end of speech → first agent audio byte handed to the session. */
  responseLatencyMs: number;
}

/** A decision the engine made that belongs in the call log (intent recognised, slot filled, failover…). */
export interface DecisionEvent {
  kind: string;
  detail: string;
  data?: Record<string, unknown> | undefined;
}

export type EngineErrorCode =
  | 'connect_failed'
  | 'protocol_error'
  | 'peer_error'
  | 'disconnected'
  | 'session_expired'
  | 'tool_error'
  | 'speech_failed'
  | 'internal';

export interface EngineErrorEvent {
  code: EngineErrorCode;
  message: string;
  /** Whether the conversation can go on. A fatal error is followed by `end`. */
  fatal: boolean;
  cause?: unknown;
}

export interface EndEvent {
  reason: 'completed' | 'caller_hangup' | 'agent_hangup' | 'transfer' | 'error' | 'closed';
  detail?: string | undefined;
}

export interface ConversationEvents {
  /** Agent audio in the conversation's format, in order. `itemId` names the reply it belongs to. */
  agent_audio: { itemId: string; audio: Uint8Array };
  /** The agent finished sending audio for a reply. */
  agent_audio_done: { itemId: string };
  /** The caller started talking (engine-side turn detection). The session does barge-in on it. */
  caller_speech_started: { atMs: number };
  /** The caller stopped talking. */
  caller_speech_stopped: { atMs: number };
  transcript: TranscriptEvent;
  tool_call: ToolCallEvent;
  tool_result: ToolResultEvent;
  turn_metrics: TurnMetricsEvent;
  decision: DecisionEvent;
  /**
   * Whether `pushAudio` reaches the engine changed (see `Conversation.acceptingAudio`): `false` when the
   * engine lost its connection and is reconnecting, `true` once it takes audio again. The caller keeps the
   * audio of the gap and pushes it, oldest first, when this says `true`.
   */
  accepting_audio: { accepting: boolean };
  error: EngineErrorEvent;
  /** The conversation is over; no more events follow. */
  end: EndEvent;
}

/** One live conversation with a caller. Created by `Engine.start`. */
export interface Conversation extends Listenable<ConversationEvents> {
  /**
   * Whether caller audio pushed now reaches the engine. False while the engine reconnects (and once the
   * conversation is over); `accepting_audio` reports each change.
   */
  readonly acceptingAudio: boolean;
  /**
   * Caller audio in the conversation's format. The engine keeps no caller audio of its own: audio pushed
   * while `acceptingAudio` is false is dropped, so the one buffer on the caller's side (the voice server's
   * media relay) holds it until `accepting_audio` says the engine takes audio again.
   */
  pushAudio(audio: Uint8Array): void;
  /**
   * Typed caller text (browser test page). Only when `capabilities.textInput`. The engine echoes it as a
   * final caller `transcript`, which is how the line reaches the call log (once).
   */
  pushText(text: string): void;
  /** A keypad digit. Only when `capabilities.dtmf`. */
  pushDtmf(digit: string): void;
  /**
   * Barge-in happened: the transport's playback was cleared. `heardMs` is how much of reply `itemId`
   * the caller actually heard (from Twilio marks or browser playback reports).
   */
  interrupt(itemId: string, heardMs: number): void;
  /**
   * Speaks a fixed sentence outside the normal turn flow ("Are you still there?", a goodbye before the
   * maximum call length). Optional: the session skips such prompts on engines without it.
   */
  say?(text: string): void;
  /**
   * A note from the business's staff watching the call ("offer her the 3 pm slot"): context the agent acts
   * on in its next reply, never read aloud as is. Optional: without it the note is only in the call log.
   */
  whisper?(note: string): void;
  /** Ends the conversation and releases its resources (sockets, child processes). Idempotent. */
  close(reason?: EndEvent['reason']): Promise<void>;
}

/** A speech brain. `openai` and `local` implement it; `scripted` is the test double. */
export interface Engine {
  readonly name: string;
  readonly capabilities: EngineCapabilities;
  /**
   * Starts a conversation; resolves once the engine is connected and accepts audio. Caller audio that
   * arrives meanwhile is the caller's to keep (there is no conversation to push it to yet).
   */
  start(config: ConversationConfig): Promise<Conversation>;
}
