import { TypedEmitter } from '@receptionist/audio';
import type {
  Conversation,
  EndEvent,
  Engine,
  ToolAction,
  ToolResultEvent,
  TranscriptEvent,
  TurnMetricsEvent,
} from '@receptionist/engine';
import { UNBACKED_COMMITMENT } from '@receptionist/engine';
import type { CallTransport } from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';
import { CallerAudioBuffer } from './caller-audio-buffer.ts';

/**
 * What the relay reports. Conversation events come only from the conversation currently attached and only
 * until the call starts ending, except `tool_result` (every result belongs in the call log).
 */
export interface RelayEvents {
  /** The caller pressed a key or typed a line (speech is reported by the engine below). */
  caller_input: { kind: 'dtmf'; digit: string } | { kind: 'text' };
  /** A typed line is about to reach the engine, which echoes it back as the caller's final transcript. */
  caller_typed: undefined;
  caller_speech_started: undefined;
  caller_speech_stopped: undefined;
  /** Agent audio is about to be sent to the caller (not sent for replies cut by barge-in). */
  agent_audio: { itemId: string; engine: string };
  /** The caller spoke over the agent: playback of `itemId` was cleared after `heardMs`. */
  barge_in: { itemId: string; heardMs: number };
  /** The far end reported playing agent audio (a Twilio mark, a browser playback report). */
  played: undefined;
  transcript: TranscriptEvent;
  turn_metrics: TurnMetricsEvent;
  tool_result: ToolResultEvent;
  /** A tool asked for a transfer or a hang-up. */
  tool_action: ToolAction;
  /** The engine reported a fatal error. */
  engine_failed: { why: string };
  /** The engine ended the conversation on its own. */
  engine_ended: { engine: string; reason: EndEvent['reason']; detail?: string | undefined };
}

/**
 * Moves media between the caller's transport and the engine's conversation: caller audio in (buffered here,
 * the one place, while no engine takes it: the call being prepared, the engine connecting, a failover, an
 * engine reconnecting mid-call), agent audio out, barge-in (clear playback, tell the engine what was heard),
 * marks, typed text and keypresses, and transcripts and tool activity to the page. It decides nothing about
 * the call and writes nothing: the session and the journal act on its events.
 */
export class MediaRelay extends TypedEmitter<RelayEvents> {
  readonly #transport: CallTransport;
  readonly #metrics: VoiceMetrics;
  readonly #log: Logger;
  readonly #buffer: CallerAudioBuffer;
  readonly #cutItems = new Set<string>();
  #conversation: Conversation | undefined;
  #engine: Engine | undefined;
  #callerSpeaking = false;
  #ending = false;

  constructor(input: { transport: CallTransport; metrics: VoiceMetrics; logger: Logger }) {
    super();
    this.#transport = input.transport;
    this.#metrics = input.metrics;
    this.#log = input.logger;
    this.#buffer = new CallerAudioBuffer({
      bytesPerMs: input.transport.channel === 'phone' ? 8 : 48,
      onDrop: () => this.#metrics.countError('buffered_audio_dropped'),
    });
    this.#listenToTransport();
  }

  /** The caller is mid-utterance (not silence, per the engine's turn detection). */
  get callerSpeaking(): boolean {
    return this.#callerSpeaking;
  }

  /** Connects a started conversation to the caller and hands it the audio buffered meanwhile. */
  attach(conversation: Conversation, engine: Engine): void {
    this.#conversation = conversation;
    this.#engine = engine;
    this.#listenTo(conversation, engine);
    this.#sendBufferedAudio(conversation);
  }

  /** Disconnects the current conversation (failover, end); caller audio is buffered until the next one. */
  detach(): Conversation | undefined {
    const conversation = this.#conversation;
    this.#conversation = undefined;
    return conversation;
  }

  /** The call is ending: the engine's events stop reaching the caller and the log; caller audio still flows. */
  stopRelayingEngine(): void {
    this.#ending = true;
  }

  /** Makes the agent say a fixed sentence, when the engine can (see `Conversation.say`). */
  say(text: string): void {
    const conversation = this.#conversation;
    if (typeof conversation?.say === 'function') conversation.say(text);
    else this.#log.info({ text }, 'engine cannot speak session prompts; skipped');
  }

  /** Passes a keypress to engines that understand digits. */
  pushDtmf(digit: string): void {
    if (this.#engine?.capabilities.dtmf) this.#conversation?.pushDtmf(digit);
  }

  #listenToTransport(): void {
    const transport = this.#transport;
    transport.on('audio', (audio) => {
      const conversation = this.#conversation;
      if (!conversation?.acceptingAudio) {
        this.#buffer.push(audio);
        return;
      }
      this.#sendBufferedAudio(conversation);
      conversation.pushAudio(audio);
    });
    transport.on('dtmf', (digit) => this.emit('caller_input', { kind: 'dtmf', digit }));
    transport.on('text', (text) => {
      this.emit('caller_input', { kind: 'text' });
      const conversation = this.#conversation;
      if (!this.#engine?.capabilities.textInput || !conversation) return;
      this.emit('caller_typed', undefined);
      conversation.pushText(text);
    });
    transport.on('played', () => this.emit('played', undefined));
    transport.on('unknown', ({ event }) => this.#log.info({ event }, 'unknown transport event ignored'));
    transport.on('violation', (error) => {
      this.#metrics.countError(`transport_${error.code}`);
      this.#log.warn({ code: error.code }, `transport closed: ${error.message}`);
    });
  }

  /** Hands the conversation what waited, oldest first, if it takes audio now (else it keeps waiting). */
  #sendBufferedAudio(conversation: Conversation): void {
    if (this.#buffer.empty || !conversation.acceptingAudio) return;
    for (const chunk of this.#buffer.drain()) conversation.pushAudio(chunk);
  }

  #listenTo(conversation: Conversation, engine: Engine): void {
    const current = () => this.#conversation === conversation && !this.#ending;
    // Caller audio flows until the transport closes, even while the call is ending.
    conversation.on('accepting_audio', ({ accepting }) => {
      if (accepting && this.#conversation === conversation) this.#sendBufferedAudio(conversation);
    });
    conversation.on('agent_audio', ({ itemId, audio }) => {
      if (!current() || this.#cutItems.has(itemId)) return;
      this.emit('agent_audio', { itemId, engine: engine.name });
      this.#transport.sendAudio(itemId, audio);
    });
    conversation.on('caller_speech_started', () => {
      if (!current()) return;
      this.#callerSpeaking = true;
      this.emit('caller_speech_started', undefined);
      this.#bargeIn(conversation);
    });
    conversation.on('caller_speech_stopped', () => {
      if (!current()) return;
      this.#callerSpeaking = false;
      this.emit('caller_speech_stopped', undefined);
    });
    conversation.on('transcript', (event) => {
      if (!current()) return;
      this.#transport.notify({ type: 'transcript', ...event, interrupted: event.interrupted ?? false });
      this.emit('transcript', event);
    });
    conversation.on('turn_metrics', (event) => this.emit('turn_metrics', event));
    conversation.on('tool_call', ({ toolCallId, name }) => {
      this.#transport.notify({ type: 'tool', phase: 'call', toolCallId, name });
    });
    conversation.on('tool_result', (event) => {
      const { toolCallId, name, result } = event;
      this.#transport.notify({
        type: 'tool',
        phase: 'result',
        toolCallId,
        name,
        ok: result.ok,
        message: result.message,
      });
      this.emit('tool_result', event);
      if (result.action && current()) this.emit('tool_action', result.action);
    });
    conversation.on('decision', (decision) => {
      this.#log.info({ decision }, 'engine decision');
      if (decision.kind === UNBACKED_COMMITMENT)
        this.#metrics.unbackedCommitments.inc({
          kind: decision.detail,
          source: String(decision.data?.source ?? 'engine'),
        });
    });
    conversation.on('error', (error) => {
      this.#metrics.countError(`engine_${error.code}`);
      this.#log.warn(
        { code: error.code, fatal: error.fatal, engine: engine.name, err: error.cause },
        error.message,
      );
      if (error.fatal && current()) this.emit('engine_failed', { why: `${engine.name}: ${error.code}` });
    });
    conversation.on('end', ({ reason, detail }) => {
      if (!current()) return;
      this.#log.info({ reason, detail }, 'engine ended the conversation');
      this.emit('engine_ended', { engine: engine.name, reason, detail });
    });
  }

  /** The caller spoke over the agent: stop playback at once and tell the engine what was heard. */
  #bargeIn(conversation: Conversation): void {
    if (!this.#transport.isPlaying) return;
    const cleared = this.#transport.clearPlayback();
    if (!cleared) return;
    this.#cutItems.add(cleared.itemId);
    conversation.interrupt(cleared.itemId, cleared.heardMs);
    this.#log.info({ itemId: cleared.itemId, heardMs: cleared.heardMs }, 'barge-in');
    this.emit('barge_in', { itemId: cleared.itemId, heardMs: cleared.heardMs });
  }
}
