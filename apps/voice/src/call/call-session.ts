import type { Conversation, ConversationConfig, Engine, ToolAction } from '@receptionist/engine';
import { type CallTransport, TelephonyError } from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { EngineChoice } from '../engines.ts';
import type { VoiceMetrics } from '../metrics.ts';
import type { CallControl } from './call-control.ts';
import { type CallEnd, endForClosedTransport, endForEngineEnd, SESSION_PROMPTS } from './call-endings.ts';
import type { CallJournal } from './call-journal.ts';
import { CallLimits } from './call-limits.ts';
import { CallRefusedError } from './call-refused.ts';
import { MediaRelay } from './media-relay.ts';
import { waitForPlayback } from './wait-for-playback.ts';

export { type CallEnd, SESSION_PROMPTS } from './call-endings.ts';

export interface PreparedCall {
  config: ConversationConfig;
  engines: EngineChoice;
  /** `silenceHangupMs`: silence after the prompt before the polite end (absent: `silenceTimeoutMs` again). */
  limits: { maxCallMs: number; silenceTimeoutMs: number; silenceHangupMs?: number | undefined };
  /** Where DTMF 0 and "talk to a person" go when no tool names a destination. */
  humanLine?: { name: string; phoneNumber: string } | undefined;
}

export interface CallSessionOptions {
  callId: string;
  transport: CallTransport;
  control: CallControl;
  journal: CallJournal;
  logger: Logger;
  metrics: VoiceMetrics;
  /** Loads the business and picks the engines; the relay buffers caller audio meanwhile. */
  prepare: () => Promise<PreparedCall>;
  /** Before a transfer or hang-up, agent speech may finish playing for at most this long. */
  playbackGraceMs?: number;
}

/**
 * One live call's lifecycle: prepares it, starts the engine, enforces the limits, handles DTMF 0, performs
 * tool actions (transfer, hang-up), fails over to a backup engine, and ends the call exactly once. Media
 * goes through the relay; what happened is written by the journal.
 */
export class CallSession {
  readonly callId: string;
  readonly done: Promise<CallEnd>;
  readonly #options: CallSessionOptions;
  readonly #transport: CallTransport;
  readonly #journal: CallJournal;
  readonly #log: Logger;
  readonly #relay: MediaRelay;
  #resolveDone!: (end: CallEnd) => void;
  #prepared: PreparedCall | undefined;
  /** Settles when `prepare` has: a keypress during preparation waits for it rather than act on nothing. */
  #preparing: Promise<unknown> | undefined;
  #engine: Engine | undefined;
  /** The conversation attached to the relay, for staff notes from the live view (live/staff-actions.ts). */
  #conversation: Conversation | undefined;
  #failedOver = false;
  #limits: CallLimits | undefined;
  #ending = false;
  #ended = false;

  constructor(options: CallSessionOptions) {
    this.callId = options.callId;
    this.#options = options;
    this.#transport = options.transport;
    this.#journal = options.journal;
    this.#log = options.logger.child({ callId: options.callId });
    this.#relay = new MediaRelay({
      transport: options.transport,
      metrics: options.metrics,
      logger: this.#log,
    });
    this.#journal.follow(this.#relay);
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.#listen();
  }

  get engineName(): string | undefined {
    return this.#engine?.name;
  }

  /** Loads the call, starts the engine; the relay hands it the caller audio buffered meanwhile. */
  async start(): Promise<void> {
    try {
      const preparing = this.#options.prepare();
      this.#preparing = preparing.catch(() => undefined);
      this.#prepared = await preparing;
    } catch (error) {
      if (error instanceof CallRefusedError) {
        this.#refuse(error);
        return;
      }
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
    this.#limits = new CallLimits({
      ...limits,
      isBusy: () => this.#relay.callerSpeaking || this.#transport.isPlaying,
      onMaxDuration: () => void this.#endPolitely(SESSION_PROMPTS.maxDuration, 'max_duration'),
      onSilencePrompt: () => this.#relay.say(SESSION_PROMPTS.stillThere),
      onSilenceGiveUp: () => void this.#endPolitely(SESSION_PROMPTS.silenceGoodbye, 'silence_timeout'),
    });
    await this.#startEngine(this.#prepared.engines.primary, this.#prepared.config);
  }

  /** Drops a stream that may not go ahead: nothing is said, nothing is written to any call's log. */
  #refuse(error: CallRefusedError): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#ending = true;
    this.#relay.detach();
    this.#log.warn({ why: error.message }, 'refused the stream');
    this.#options.metrics.countError('stream_refused');
    this.#transport.close(1008, 'refused');
    this.#resolveDone({ status: 'failed', reason: 'stream_refused' });
  }

  /** Ends the call from outside (server shutdown): the caller is told nothing more; the log records why. */
  async stop(reason: string): Promise<void> {
    await this.#finish({ status: 'completed', reason }, { hangup: false });
  }

  /** True once the call is ending (a staff action then has nothing left to act on). */
  get ending(): boolean {
    return this.#ending;
  }

  /** Staff hung up from the dashboard: the caller hears `goodbye`, then the call ends. */
  async endByStaff(goodbye: string): Promise<void> {
    await this.#endPolitely(goodbye, 'staff_hang_up');
  }

  /** Staff take the call over: connected to `target` at once, the agent cut off as for DTMF 0. */
  async transferByStaff(target: { name: string; phoneNumber: string }): Promise<void> {
    if (this.#prepared === undefined) await this.#preparing;
    if (this.#ending) return;
    this.#transport.clearPlayback();
    await this.#transfer(target, 'staff_take_over');
  }

  /** A staff note for the agent; false when the engine takes none (the call log still shows it). */
  whisper(note: string): boolean {
    const conversation = this.#conversation;
    if (this.#ending || typeof conversation?.whisper !== 'function') return false;
    conversation.whisper(note);
    return true;
  }

  #listen(): void {
    const relay = this.#relay;
    relay.on('caller_input', (input) => {
      this.#limits?.callerActive();
      if (input.kind !== 'dtmf') return;
      if (input.digit === '0') void this.#transferToHuman('dtmf_0');
      else relay.pushDtmf(input.digit);
    });
    relay.on('caller_speech_started', () => this.#limits?.callerActive());
    relay.on('caller_speech_stopped', () => this.#limits?.callerActive());
    relay.on('agent_audio', () => this.#limits?.agentActive());
    relay.on('played', () => this.#limits?.agentActive());
    relay.on('tool_action', (action) => void this.#act(action));
    relay.on('engine_failed', ({ why }) => void this.#failOver(why));
    relay.on('engine_ended', ({ engine, reason, detail }) => {
      if (reason === 'error') {
        void this.#failOver(`${engine} ended: ${detail ?? 'error'}`);
        return;
      }
      const end = endForEngineEnd(reason);
      if (end.afterPlayback) void this.#hangUpAfterPlayback(end.reason);
      else void this.#finish({ status: 'completed', reason: end.reason });
    });
    this.#transport.on(
      'closed',
      (closed) => void this.#finish(endForClosedTransport(closed, this.#ending), { hangup: false }),
    );
  }

  // ── engines ──────────────────────────────────────────────────────────────────────────────────────────────

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
    this.#relay.attach(conversation, engine);
  }

  /** The primary engine failed: continue on the fallback with what was said, or end the call. */
  async #failOver(why: string): Promise<void> {
    const previous = this.#relay.detach();
    if (previous) await previous.close('error').catch(() => {});
    const fallback = this.#prepared?.engines.fallback;
    if (this.#ending) return;
    if (this.#failedOver || !fallback || !this.#prepared) {
      this.#log.error({ why }, 'engine failed with no fallback left');
      await this.#finish({ status: 'failed', reason: 'engine_error' }, { hangup: false });
      return;
    }
    this.#failedOver = true;
    this.#log.warn({ why, fallback: fallback.name }, 'failing over to the fallback engine');
    this.#journal.engineSwitched(fallback.name, why);
    await this.#startEngine(fallback, { ...this.#prepared.config, history: [...this.#journal.history] });
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
    // The page or Twilio may send a digit as soon as the stream opens, before the business is loaded
    // (a remote database makes that window long enough to hit).
    if (this.#prepared === undefined) await this.#preparing;
    if (this.#ending) return;
    const humanLine = this.#prepared?.humanLine;
    if (!humanLine) {
      this.#log.info('DTMF 0 pressed but the business has no human line');
      this.#relay.say(SESSION_PROMPTS.nobodyToTransferTo);
      return;
    }
    // A keypress is a clear request: cut the agent off and connect without asking the model.
    this.#transport.clearPlayback();
    await this.#transfer(humanLine, reason);
  }

  async #transfer(target: { name: string; phoneNumber: string }, reason: string): Promise<void> {
    if (!this.#beginEnding()) return;
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
    if (!this.#beginEnding()) return;
    await waitForPlayback(this.#transport, this.#options.playbackGraceMs ?? 8_000);
    await this.#finish({ status: 'completed', reason });
  }

  async #endPolitely(goodbye: string, reason: string): Promise<void> {
    if (this.#ending) return;
    this.#relay.say(goodbye);
    // Give the engine a moment to start speaking the goodbye before waiting for it to finish playing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.#hangUpAfterPlayback(reason);
  }

  /** Marks the call as ending; false when it already was. The engine's events stop reaching the caller. */
  #beginEnding(): boolean {
    if (this.#ending) return false;
    this.#ending = true;
    this.#relay.stopRelayingEngine();
    return true;
  }

  async #finish(end: CallEnd, options: { hangup?: boolean } = {}): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#beginEnding();
    this.#limits?.stop();
    this.#journal.flushAgentTurns();
    const conversation = this.#relay.detach();
    await conversation?.close(end.status === 'transferred' ? 'transfer' : 'closed').catch(() => {});
    if (options.hangup !== false && !this.#transport.closed && end.status !== 'transferred') {
      await this.#options.control.hangup().catch((error: unknown) => {
        this.#log.error({ err: error }, 'hang-up failed');
        this.#options.metrics.countError('hangup_failed');
      });
    }
    this.#transport.close(1000, end.reason.slice(0, 100));
    this.#journal.end(end.status, end.reason);
    await this.#journal.flush();
    this.#log.info({ status: end.status, reason: end.reason }, 'call ended');
    this.#resolveDone(end);
  }
}
