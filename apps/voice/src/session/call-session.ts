import type { Conversation, ConversationConfig, Engine, ToolAction } from '@receptionist/engine';
import { type CallTransport, TelephonyError, type TransportClosed } from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { EngineChoice } from '../engines.ts';
import type { VoiceMetrics } from '../metrics.ts';
import type { CallControl } from './call-control.ts';
import type { CallRecorder, SessionCallStatus } from './call-recorder.ts';
import { ConversationBridge } from './conversation-bridge.ts';
import { SilenceMonitor } from './silence-monitor.ts';
import { waitForPlayback } from './wait-for-playback.ts';

export interface PreparedCall {
  config: ConversationConfig;
  engines: EngineChoice;
  limits: { maxCallMs: number; silenceTimeoutMs: number };
  /** Where DTMF 0 and "talk to a person" go when no tool names a destination. */
  humanLine?: { name: string; phoneNumber: string } | undefined;
}

export interface CallSessionOptions {
  callId: string;
  transport: CallTransport;
  control: CallControl;
  recorder: CallRecorder;
  logger: Logger;
  metrics: VoiceMetrics;
  /** Loads the business and picks the engines; caller audio is buffered meanwhile. */
  prepare: () => Promise<PreparedCall>;
  /** Before a transfer or hang-up, agent speech may finish playing for at most this long. */
  playbackGraceMs?: number;
}

export interface CallEnd {
  status: Exclude<SessionCallStatus, 'in_progress'>;
  reason: string;
}

export const SESSION_PROMPTS = {
  stillThere: 'Are you still there?',
  silenceGoodbye: "I haven't heard anything, so I'll hang up now. Please call back any time. Goodbye!",
  maxDuration:
    "We've reached the time limit for this call. Please call back if you need anything else. Goodbye!",
};

/** Caller audio kept while the engine connects; older audio beyond it is dropped (and counted). */
const MAX_BUFFERED_AUDIO_MS = 30_000;

/**
 * One live call: the only place a transport and an engine meet. Relays audio both ways, does barge-in,
 * intercepts DTMF 0, enforces call limits, performs tool actions (transfer, hang-up), fails over to a backup
 * engine, and writes the call log as it happens.
 */
export class CallSession {
  readonly callId: string;
  readonly done: Promise<CallEnd>;
  readonly #options: CallSessionOptions;
  readonly #transport: CallTransport;
  readonly #log: Logger;
  readonly #bridge: ConversationBridge;
  readonly #bufferedAudio: Uint8Array[] = [];
  #bufferedBytes = 0;
  #resolveDone!: (end: CallEnd) => void;
  #prepared: PreparedCall | undefined;
  #conversation: Conversation | undefined;
  #engine: Engine | undefined;
  #failedOver = false;
  #silence: SilenceMonitor | undefined;
  #maxTimer: NodeJS.Timeout | undefined;
  #ending = false;
  #ended = false;

  constructor(options: CallSessionOptions) {
    this.callId = options.callId;
    this.#options = options;
    this.#transport = options.transport;
    this.#log = options.logger.child({ callId: options.callId });
    this.#bridge = new ConversationBridge({
      transport: options.transport,
      recorder: options.recorder,
      metrics: options.metrics,
      logger: this.#log,
    });
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.#listenToTransport();
  }

  get engineName(): string | undefined {
    return this.#engine?.name;
  }

  /** Loads the call, starts the engine and flushes buffered caller audio into it. */
  async start(): Promise<void> {
    try {
      this.#prepared = await this.#options.prepare();
    } catch (error) {
      // A stream that broke the rules before `start` was already reported by the transport.
      const reason = error instanceof TelephonyError ? `stream_${error.code}` : 'prepare_failed';
      if (!(error instanceof TelephonyError)) {
        this.#log.error({ err: error }, 'could not prepare the call');
        this.#options.metrics.countError('prepare_failed');
      }
      await this.#finish({ status: 'failed', reason }, { hangup: false });
      return;
    }
    if (this.#ending) return;
    const { limits } = this.#prepared;
    this.#maxTimer = setTimeout(
      () => void this.#endPolitely(SESSION_PROMPTS.maxDuration, 'max_duration'),
      limits.maxCallMs,
    );
    this.#maxTimer.unref();
    this.#silence = new SilenceMonitor({
      silenceTimeoutMs: limits.silenceTimeoutMs,
      isBusy: () => this.#bridge.callerSpeaking || this.#transport.isPlaying,
      onPrompt: () => this.#say(SESSION_PROMPTS.stillThere),
      onGiveUp: () => void this.#endPolitely(SESSION_PROMPTS.silenceGoodbye, 'silence_timeout'),
    });
    await this.#startEngine(this.#prepared.engines.primary, this.#prepared.config);
  }

  /** Ends the call from outside (server shutdown): the caller is told nothing more; the log records why. */
  async stop(reason: string): Promise<void> {
    await this.#finish({ status: 'completed', reason }, { hangup: false });
  }

  // ── engine side ───────────────────────────────────────────────────────────────────────────────────────────

  async #startEngine(engine: Engine, config: ConversationConfig): Promise<void> {
    let conversation: Conversation;
    try {
      conversation = await engine.start(config);
    } catch (error) {
      this.#log.error({ err: error, engine: engine.name }, 'engine failed to start');
      this.#options.metrics.countError('engine_start_failed');
      await this.#failOver(`${engine.name} failed to start`);
      return;
    }
    if (this.#ending) {
      await conversation.close('closed');
      return;
    }
    this.#engine = engine;
    this.#conversation = conversation;
    this.#bridge.attach(conversation, engine, {
      isCurrent: () => this.#conversation === conversation && !this.#ending,
      callerActive: () => this.#silence?.callerActive(),
      agentActive: () => this.#silence?.touch(),
      action: (action) => void this.#act(action),
      failed: (why) => void this.#failOver(why),
      ended: (reason, detail) => {
        if (reason === 'error') void this.#failOver(`${engine.name} ended: ${detail ?? 'error'}`);
        else if (reason === 'caller_hangup')
          void this.#finish({ status: 'completed', reason: 'caller_hangup' });
        else void this.#hangUpAfterPlayback(reason === 'completed' ? 'agent_hangup' : reason);
      },
    });
    for (const chunk of this.#bufferedAudio.splice(0)) conversation.pushAudio(chunk);
    this.#bufferedBytes = 0;
  }

  /** The primary engine failed: continue on the fallback with what was said, or end the call. */
  async #failOver(why: string): Promise<void> {
    const previous = this.#conversation;
    this.#conversation = undefined;
    if (previous) await previous.close('error').catch(() => {});
    const fallback = this.#prepared?.engines.fallback;
    if (this.#ending) return;
    if (this.#failedOver || !fallback || !this.#prepared) {
      this.#log.error({ why }, 'engine failed with no fallback left');
      await this.#finish({ status: 'failed', reason: 'engine_error' }, { hangup: false });
      return;
    }
    this.#failedOver = true;
    this.#bridge.flushAgentTurns();
    this.#log.warn({ why, fallback: fallback.name }, 'failing over to the fallback engine');
    this.#options.recorder.turn({
      role: 'system',
      text: `Switched to the ${fallback.name} engine (${why}).`,
    });
    this.#options.recorder.update({ engine: fallback.name });
    await this.#startEngine(fallback, { ...this.#prepared.config, history: [...this.#bridge.history] });
  }

  // ── transport side ───────────────────────────────────────────────────────────────────────────────────────

  #listenToTransport(): void {
    const transport = this.#transport;
    transport.on('audio', (audio) => {
      if (this.#conversation) {
        this.#conversation.pushAudio(audio);
        return;
      }
      this.#buffer(audio);
    });
    transport.on('dtmf', (digit) => {
      this.#silence?.callerActive();
      this.#bridge.callerInputEnded();
      if (digit === '0') {
        void this.#transferToHuman('dtmf_0');
        return;
      }
      if (this.#engine?.capabilities.dtmf) this.#conversation?.pushDtmf(digit);
    });
    transport.on('text', (text) => {
      this.#silence?.callerActive();
      this.#bridge.callerInputEnded();
      if (!this.#engine?.capabilities.textInput || !this.#conversation) return;
      this.#bridge.callerTyped();
      this.#conversation.pushText(text);
    });
    transport.on('played', () => {
      this.#silence?.touch();
      if (!transport.isPlaying) this.#bridge.flushAgentTurns();
    });
    transport.on('unknown', ({ event }) => this.#log.info({ event }, 'unknown transport event ignored'));
    transport.on('violation', (error) => {
      this.#options.metrics.countError(`transport_${error.code}`);
      this.#log.warn({ code: error.code }, `transport closed: ${error.message}`);
    });
    transport.on('closed', (closed) => void this.#onTransportClosed(closed));
  }

  #buffer(audio: Uint8Array): void {
    const bytesPerMs = this.#transport.channel === 'phone' ? 8 : 48;
    this.#bufferedAudio.push(audio);
    this.#bufferedBytes += audio.byteLength;
    while (this.#bufferedBytes > MAX_BUFFERED_AUDIO_MS * bytesPerMs) {
      this.#bufferedBytes -= this.#bufferedAudio.shift()?.byteLength ?? 0;
      this.#options.metrics.countError('buffered_audio_dropped');
    }
  }

  async #onTransportClosed(closed: TransportClosed): Promise<void> {
    if (this.#ending) {
      await this.#finish({ status: 'completed', reason: 'closed' }, { hangup: false });
      return;
    }
    const reason =
      closed.reason === 'hangup'
        ? 'caller_hangup'
        : closed.reason === 'violation'
          ? 'protocol_violation'
          : closed.code === 1009
            ? 'frame_too_large'
            : 'connection_lost';
    await this.#finish(
      { status: closed.reason === 'violation' ? 'failed' : 'completed', reason },
      { hangup: false },
    );
  }

  // ── actions and endings ──────────────────────────────────────────────────────────────────────────────────

  async #act(action: ToolAction): Promise<void> {
    if (action.type === 'transfer') {
      await this.#transfer(
        { name: action.destinationName, phoneNumber: action.phoneNumber },
        'transfer_tool',
      );
      return;
    }
    await this.#hangUpAfterPlayback(`end_call: ${action.reason}`);
  }

  async #transferToHuman(reason: string): Promise<void> {
    const humanLine = this.#prepared?.humanLine;
    if (!humanLine) {
      this.#log.info('DTMF 0 pressed but the business has no human line');
      this.#say(
        "I'm sorry, there is nobody available to take your call right now, but I can take a message.",
      );
      return;
    }
    // A keypress is a clear request: cut the agent off and connect without asking the model.
    this.#transport.clearPlayback();
    await this.#transfer(humanLine, reason);
  }

  async #transfer(target: { name: string; phoneNumber: string }, reason: string): Promise<void> {
    if (this.#ending) return;
    this.#ending = true;
    await waitForPlayback(this.#transport, this.#options.playbackGraceMs ?? 8_000);
    this.#log.info({ destination: target.name, reason }, 'transferring the call');
    try {
      await this.#options.control.transfer(target);
      await this.#finish({ status: 'transferred', reason: `${reason}: ${target.name}` });
    } catch (error) {
      this.#log.error({ err: error }, 'transfer failed');
      this.#options.metrics.countError('transfer_failed');
      await this.#finish({ status: 'failed', reason: 'transfer_failed' });
    }
  }

  async #hangUpAfterPlayback(reason: string): Promise<void> {
    if (this.#ending) return;
    this.#ending = true;
    await waitForPlayback(this.#transport, this.#options.playbackGraceMs ?? 8_000);
    await this.#finish({ status: 'completed', reason });
  }

  async #endPolitely(goodbye: string, reason: string): Promise<void> {
    if (this.#ending) return;
    this.#say(goodbye);
    // Give the engine a moment to start speaking the goodbye before waiting for it to finish playing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.#hangUpAfterPlayback(reason);
  }

  /** Makes the agent say a fixed sentence, when the engine can (see the report on `Conversation.say`). */
  #say(text: string): void {
    const conversation = this.#conversation as (Conversation & { say?: (text: string) => void }) | undefined;
    if (typeof conversation?.say === 'function') conversation.say(text);
    else this.#log.info({ text }, 'engine cannot speak session prompts; skipped');
  }

  async #finish(end: CallEnd, options: { hangup?: boolean } = {}): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#ending = true;
    clearTimeout(this.#maxTimer);
    this.#silence?.stop();
    this.#bridge.flushAgentTurns();
    const conversation = this.#conversation;
    this.#conversation = undefined;
    await conversation?.close(end.status === 'transferred' ? 'transfer' : 'closed').catch(() => {});
    if (options.hangup !== false && !this.#transport.closed && end.status !== 'transferred') {
      await this.#options.control.hangup().catch((error: unknown) => {
        this.#log.error({ err: error }, 'hang-up failed');
        this.#options.metrics.countError('hangup_failed');
      });
    }
    this.#transport.close(1000, end.reason.slice(0, 100));
    this.#options.recorder.end(end.status, end.reason);
    await this.#options.recorder.flush();
    this.#log.info({ status: end.status, reason: end.reason }, 'call ended');
    this.#resolveDone(end);
  }
}
