import { TypedEmitter } from '@receptionist/audio';
import type { Logger } from 'pino';
import type {
  Conversation,
  ConversationConfig,
  ConversationEvents,
  EndEvent,
  TranscriptEntry,
  TranscriptEvent,
} from '../engine.ts';
import { EngineConnectError } from '../errors.ts';
import { RealtimeAgentTools, type RealtimeFunctionCall } from './agent-tools.ts';
import { buildCallAgent, type CallAgent } from './call-agent.ts';
import { RealtimeConnection } from './connection.ts';
import { RealtimeEventRouter } from './event-router.ts';
import { ConversationHistory, seedItems } from './history.ts';
import { type ResolvedOpenAIEngineOptions, realtimeSessionUrl } from './options.ts';
import { ReconnectBudget } from './reconnect.ts';
import { buildSessionConfig } from './session-config.ts';
import { staffNoteItem } from './staff-note.ts';

type State = 'connecting' | 'open' | 'reconnecting' | 'closed';
type LossCode = 'disconnected' | 'session_expired';

/**
 * One phone or browser call on the OpenAI Realtime API. Owns the call's state that must outlive a
 * single Realtime connection (what was heard, tool results, typed text not yet sent) and replaces the
 * connection when it fails: up to `reconnect.maxAttempts` within `reconnect.windowMs`, re-seeding
 * the conversation; past that, a fatal `error` then `end` hand the call back to the voice server.
 * It keeps no caller audio: while it reconnects, `acceptingAudio` is false and the voice server's
 * relay holds the caller's audio until `accepting_audio` says the new connection takes it.
 */
export class OpenAIConversation extends TypedEmitter<ConversationEvents> implements Conversation {
  readonly #config: ConversationConfig;
  readonly #options: ResolvedOpenAIEngineOptions;
  readonly #logger: Logger;
  readonly #history: ConversationHistory;
  readonly #budget: ReconnectBudget;
  readonly #abort = new AbortController();
  readonly #agentTools: RealtimeAgentTools;
  readonly #startedAt = performance.now();
  #state: State = 'connecting';
  #connection: RealtimeConnection | undefined;
  #router: RealtimeEventRouter | undefined;
  /** Bumped whenever a connection is replaced; events and answers from older ones are ignored. */
  #generation = 0;
  #pendingText: string[] = [];
  /** A supervisor answer whose connection died before it could be spoken. */
  #undeliveredAnswer: string | undefined;
  #textCounter = 0;
  readonly #truncated = new Set<string>();
  readonly #brain: CallAgent;

  private constructor(config: ConversationConfig, options: ResolvedOpenAIEngineOptions) {
    super();
    this.#config = config;
    this.#options = options;
    this.#logger = options.logger.child({ callId: config.callId, engine: 'openai' });
    this.#history = new ConversationHistory(config.history ?? []);
    this.#budget = new ReconnectBudget(options.reconnect);
    this.#brain = buildCallAgent({
      config,
      options,
      signal: this.#abort.signal,
      logger: this.#logger,
      emit: (event, payload) => this.emit(event, payload),
      history: () => this.#history.entries(),
      generation: () => this.#generation,
      onAnswer: (text, askedOnGeneration) => this.#deliverLateAnswer(text, askedOnGeneration),
      // Asked on generation -1 so it is spoken on whichever connection is current (or the next one).
      onLateResult: (sentence) => this.#deliverLateAnswer(sentence, -1),
    });
    this.#agentTools = new RealtimeAgentTools(this.#brain.agent, this.#logger);
  }

  /** Connects (retrying within the reconnect budget), then greets or re-seeds the given history. */
  static async start(
    config: ConversationConfig,
    options: ResolvedOpenAIEngineOptions,
  ): Promise<OpenAIConversation> {
    const conversation = new OpenAIConversation(config, options);
    await conversation.#connectInitially();
    return conversation;
  }

  get acceptingAudio(): boolean {
    return this.#state === 'open' && this.#connection !== undefined;
  }

  /** Dropped unless `acceptingAudio`: the caller's side buffers the gap (see `Conversation.pushAudio`). */
  pushAudio(audio: Uint8Array): void {
    if (this.acceptingAudio) this.#connection?.sender.appendAudio(audio);
  }

  pushText(text: string): void {
    if (this.#state === 'closed' || text.trim() === '') return;
    this.#textCounter += 1;
    const itemId = `text_${this.#textCounter}`;
    this.#history.finalize(itemId, 'caller', text);
    this.emit('transcript', { role: 'caller', itemId, text: text.trim(), final: true });
    const connection = this.#connection;
    if (this.#state === 'open' && connection)
      this.#guard('pushText', () => connection.sender.sendUserText(text));
    else this.#pendingText.push(text);
  }

  pushDtmf(digit: string): void {
    // capabilities.dtmf is false: the call session handles digits itself.
    this.#logger.debug({ digit }, 'dtmf ignored by the openai engine');
  }

  interrupt(itemId: string, heardMs: number): void {
    const connection = this.#connection;
    const record = this.#router?.playback(itemId);
    if (this.#state !== 'open' || !connection || !record || this.#truncated.has(itemId)) return;
    const audioEndMs = Math.floor(Math.min(Math.max(0, heardMs), record.audioMs));
    // Heard to the end: nothing to cut, and the record of what was said is already right.
    if (record.done && audioEndMs >= Math.floor(record.audioMs)) return;
    if (this.#router?.isResponseActive(record.responseId)) connection.sender.cancelResponse();
    this.#truncated.add(itemId);
    this.#guard('interrupt', () => connection.sender.truncate(itemId, record.contentIndex, audioEndMs));
    const heardText = this.#history.truncate(itemId, record.audioMs > 0 ? audioEndMs / record.audioMs : 0);
    this.emit('transcript', { role: 'agent', itemId, text: heardText, final: true, interrupted: true });
  }

  /** A fixed sentence from the call session ("Are you still there?"); dropped while reconnecting. */
  say(text: string): void {
    if (this.#state === 'open') this.#say(text);
  }

  /** A staff note: a system message in the conversation, used by the next reply (no reply is forced). */
  whisper(note: string): void {
    const connection = this.#connection;
    if (this.#state !== 'open' || !connection) return;
    this.#guard('whisper', () => connection.sender.createItem(staffNoteItem(note)));
  }

  async close(reason: EndEvent['reason'] = 'closed'): Promise<void> {
    if (this.#state === 'closed') return;
    this.#shutDown();
    this.emit('end', { reason });
  }

  async #connectInitially(): Promise<void> {
    try {
      await this.#open();
    } catch (error) {
      this.#logger.warn({ err: error }, 'realtime connect failed; retrying');
      const reconnected = await this.#retry();
      if (!reconnected) {
        this.#shutDown();
        throw error instanceof EngineConnectError
          ? error
          : new EngineConnectError('Realtime connect failed', error);
      }
    }
    try {
      this.#afterOpen(false);
    } catch (error) {
      this.#shutDown();
      throw new EngineConnectError('Realtime session failed while starting the conversation', error);
    }
  }

  async #open(): Promise<void> {
    this.#generation += 1;
    const generation = this.#generation;
    const router = new RealtimeEventRouter({
      audioFormat: this.#config.audioFormat,
      history: this.#history,
      emit: (event, payload) => {
        this.emit(event, payload);
        if (event === 'transcript') this.#reviewAgentLine(payload as TranscriptEvent, generation);
      },
      onFatalServerError: (code, event) => {
        if (generation !== this.#generation) return;
        this.#logger.warn({ error: event.error }, 'realtime server error ends the session');
        this.#onConnectionLost(code);
      },
      onFunctionCall: (call) => void this.#runFunctionCall(call, generation),
      callClockMs: () => Math.round(performance.now() - this.#startedAt),
      logger: this.#logger,
    });
    const agent = await this.#agentTools.sessionFields();
    const connection = new RealtimeConnection({
      url: realtimeSessionUrl(this.#options),
      apiKey: this.#options.apiKey,
      session: buildSessionConfig(this.#config, this.#options, agent),
      logger: this.#logger,
    });
    connection.on('server_event', (event) => {
      if (generation === this.#generation) router.route(event);
    });
    connection.on('disconnected', () => {
      if (generation === this.#generation) this.#onConnectionLost('disconnected');
    });
    await connection.ready(
      Math.max(500, Math.min(this.#options.reconnect.connectTimeoutMs, this.#budget.remainingMs())),
    );
    if (generation !== this.#generation || this.#state === 'closed') {
      connection.close();
      throw new EngineConnectError('Conversation ended while connecting');
    }
    this.#connection = connection;
    this.#router = router;
  }

  /**
   * Makes the new connection current: re-seeds what was said (a fresh session starts empty), takes
   * caller audio again (after a reconnect the relay sends the gap's audio from within
   * `accepting_audio`, so it lands after the seed and before any reply is asked for), sends typed text
   * that waited, then either greets (a new call) or lets the agent continue if it owes a reply.
   */
  #afterOpen(reconnected: boolean, owedReply = false): void {
    const connection = this.#connection;
    if (!connection) return;
    const seed: TranscriptEntry[] = this.#history.entries();
    for (const item of seedItems(seed)) connection.sender.createItem(item);
    this.#state = 'open';
    if (reconnected) this.emit('accepting_audio', { accepting: true });
    for (const text of this.#pendingText.splice(0)) connection.sender.sendUserText(text);
    if (this.#undeliveredAnswer) {
      this.#say(this.#undeliveredAnswer);
      this.#undeliveredAnswer = undefined;
    } else if (seed.length === 0 && !reconnected) {
      this.#say(this.#config.greeting);
    } else if (owedReply || this.#history.callerSpokeLast()) {
      connection.sender.requestResponse();
    }
  }

  /** A finished agent line that confirms what no tool did is followed at once by the truthful sentence. */
  #reviewAgentLine(event: TranscriptEvent, generation: number): void {
    if (event.role !== 'agent' || !event.final || event.interrupted) return;
    const correction = this.#brain.reviewAgentLine(event.text);
    if (correction !== undefined && generation === this.#generation && this.#state === 'open')
      this.#say(correction);
  }

  /** Has the agent say a fixed sentence (the greeting, a late supervisor answer). */
  #say(sentence: string): void {
    this.#connection?.sender.requestResponse({
      instructions: `Say exactly this to the caller, in your own voice: "${sentence}"`,
    });
  }

  /**
   * Runs a tool the realtime model called and answers on the connection that asked; an answer for a
   * replaced connection is dropped (a supervisor answer still reaches the caller: #deliverLateAnswer).
   */
  async #runFunctionCall(call: RealtimeFunctionCall, generation: number): Promise<void> {
    const output = await this.#agentTools.invoke(call);
    if (output !== undefined && generation === this.#generation)
      this.#connection?.sender.sendFunctionCallOutput(call.callId, output);
  }

  #onConnectionLost(code: LossCode): void {
    if (this.#state !== 'open') return;
    const owedReply = this.#router?.responding ?? false;
    this.#history.dropUnfinished();
    this.#state = 'reconnecting';
    this.#generation += 1;
    this.#connection?.close();
    this.#connection = undefined;
    this.#router = undefined;
    this.emit('accepting_audio', { accepting: false });
    this.emit('decision', { kind: 'engine_reconnecting', detail: code });
    void this.#retry()
      .then((reconnected) => {
        if (!reconnected) throw new EngineConnectError('Reconnect budget spent');
        this.#afterOpen(true, owedReply);
        this.emit('decision', { kind: 'engine_reconnected', detail: code });
      })
      .catch((error: unknown) => {
        this.#logger.warn({ err: error, code }, 'realtime session could not be restored');
        if (!this.#isClosed()) this.#fail(code, error);
      });
  }

  /** Opens a new connection within the budget; false when the budget is spent or the call ended. */
  async #retry(): Promise<boolean> {
    while (!this.#isClosed() && this.#budget.tryAcquire()) {
      await delay(this.#budget.backoffMs());
      if (this.#isClosed()) return false;
      try {
        await this.#open();
        return true;
      } catch (error) {
        this.#logger.warn({ err: error }, 'realtime reconnect attempt failed');
      }
    }
    return false;
  }

  /** A method, not a field read, so TypeScript does not carry a narrowed state across awaits. */
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  /** Calls from the voice server must never throw into it (a socket can die between check and send). */
  #guard(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.#logger.warn({ err: error, what }, 'realtime send failed');
    }
  }

  #fail(code: LossCode, cause?: unknown): void {
    this.#shutDown();
    const message =
      code === 'session_expired'
        ? 'The Realtime session expired and could not be renewed'
        : 'Lost the Realtime connection and could not reconnect';
    this.emit('error', { code, message, fatal: true, cause });
    this.emit('end', { reason: 'error', detail: code });
  }

  #shutDown(): void {
    this.#state = 'closed';
    this.#generation += 1;
    this.#abort.abort(new Error('conversation closed'));
    this.#connection?.close();
    this.#connection = undefined;
    this.#router = undefined;
  }

  /** The connection that asked the supervisor is gone: speak its answer on the current (or next) one. */
  #deliverLateAnswer(text: string, askedOnGeneration: number): void {
    if (askedOnGeneration === this.#generation || this.#state === 'closed') return;
    if (this.#state === 'open') this.#say(text);
    else this.#undeliveredAnswer = text;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
