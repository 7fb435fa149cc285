import { randomUUID } from 'node:crypto';
import { TypedEmitter } from '@receptionist/audio';
import type { Logger } from 'pino';
import { succeededTools, UNBACKED_COMMITMENT } from '../commitments.ts';
import type { Conversation, ConversationConfig, ConversationEvents, EndEvent } from '../engine.ts';
import { ToolRunner } from '../tools/runner.ts';
import { CallerAudioDecoder, RECOGNIZER_SAMPLE_RATE } from './audio/convert.ts';
import { RecentAudio } from './audio/recent-audio.ts';
import type { DialoguePolicy, DialoguePolicyFactory, PolicyAction, PolicyInput } from './dialogue-policy.ts';
import type { LocalEngineError } from './errors.ts';
import { speakReply } from './speaker.ts';
import { prepareRecognizerModel, type RecognizerModel } from './stt/model-files.ts';
import { nameInRehearing, withNameGrammar } from './stt/name-grammar.ts';
import { PocketsphinxRecognizer } from './stt/pocketsphinx.ts';
import { rehear } from './stt/rehear.ts';
import { warmSentence } from './tts/speech-cache.ts';
import type { SpeechSynthesizer } from './tts/synthesizer.ts';
import { VoiceActivityDetector } from './vad/detector.ts';
import type { SpeechProbabilityModel } from './vad/speech-model.ts';

export interface ConversationParts {
  model: RecognizerModel;
  speechModel: SpeechProbabilityModel;
  synthesizer: SpeechSynthesizer;
  logger: Logger;
  /** The receptionist's dialogue policy (injected: the engine knows no business or tool names). */
  dialogue: DialoguePolicyFactory;
  toolTimeoutMs: number;
  vadPostspeechFrames: number;
}

/** A caller turn: when its speech ended (performance.now()), so the reply's latency can be measured. */
interface Turn {
  endedAt: number;
  metricsSent: boolean;
}

/** Arrival time of caller audio by stream position, to turn the VAD's end of speech into wall time. */
interface Arrival {
  streamEndMs: number;
  at: number;
}

/**
 * One offline call: caller audio → 16 kHz → Silero VAD (turn events, barge-in) and pocketsphinx
 * (transcripts) → dialogue policy → tools → flite/espeak → agent audio in the call's format.
 * Work for the policy runs through one queue so replies never interleave.
 */
export class LocalConversation extends TypedEmitter<ConversationEvents> implements Conversation {
  readonly #config: ConversationConfig;
  readonly #parts: ConversationParts;
  readonly #decoder: CallerAudioDecoder;
  readonly #policy: DialoguePolicy;
  readonly #tools: ToolRunner;
  readonly #recognizer: PocketsphinxRecognizer;
  readonly #vad: VoiceActivityDetector;
  /** The caller's recent audio, for a turn the policy wants decoded again (`rehearAs`). */
  readonly #recent = new RecentAudio();
  readonly #lifetime = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #currentReply: { itemId: string; abort: AbortController } | undefined;
  #streamSamples = 0;
  #arrivals: Arrival[] = [];
  #lastSpeechEndAt: number | undefined;
  #closed = false;

  static async start(
    config: ConversationConfig,
    parts: Omit<ConversationParts, 'model'>,
    prepare: typeof prepareRecognizerModel = prepareRecognizerModel,
  ): Promise<LocalConversation> {
    const channel = config.audioFormat.encoding === 'mulaw' ? 'phone' : 'wideband';
    const model = await prepare(config.business, channel);
    const conversation = new LocalConversation(config, { ...parts, model });
    // The greeting starts on the next turn of the event loop, once the caller has attached listeners.
    setImmediate(() => {
      conversation.#decide('engine_ready', 'local engine started', {
        vad: parts.speechModel.name,
        voice: parts.synthesizer.name,
        vocabularySize: model.vocabularySize,
        recognizerPid: conversation.#recognizer.pid,
      });
      conversation.#enqueue({ type: 'start' }, undefined);
    });
    warmFixedSentences(parts.synthesizer, parts.dialogue.fixedSentences);
    return conversation;
  }

  private constructor(config: ConversationConfig, parts: ConversationParts) {
    super();
    this.#config = config;
    this.#parts = parts;
    this.#decoder = new CallerAudioDecoder(config.audioFormat);
    this.#policy = parts.dialogue.create({
      business: config.business,
      greeting: config.greeting,
      callerNumber: config.callerNumber,
      resumed: (config.history?.length ?? 0) > 0,
      now: config.now,
      language: config.language,
      purpose: config.purpose,
    });
    this.#tools = new ToolRunner({
      tools: config.tools,
      context: {
        businessId: config.businessId,
        callId: config.callId,
        callerNumber: config.callerNumber,
        language: config.language,
      },
      timeoutMs: parts.toolTimeoutMs,
      signal: this.#lifetime.signal,
      onToolCall: (event) => this.emit('tool_call', event),
      onToolResult: (event) => this.emit('tool_result', event),
      // The caller heard "didn't answer in time": tell them what did happen after all.
      onLateResult: (event) => this.say(event.result.message),
      logger: parts.logger,
    });
    this.#recognizer = new PocketsphinxRecognizer(
      parts.model,
      {
        onHypothesis: (text) => this.#heard(text, true),
        onExit: (error) => this.#fail(error),
      },
      { vadPostspeechFrames: parts.vadPostspeechFrames },
    );
    this.#vad = new VoiceActivityDetector(parts.speechModel, {
      onSpeechStart: (atMs) => this.#callerStartedSpeaking(atMs),
      onSpeechEnd: (atMs) => {
        this.#lastSpeechEndAt = this.#arrivalOf(atMs);
        this.emit('caller_speech_stopped', { atMs });
      },
      onError: (error) => {
        this.#parts.logger.warn({ err: error }, 'VAD failed; pocketsphinx endpointing continues');
        this.emit('error', {
          code: 'speech_failed',
          message: 'voice activity detection failed',
          fatal: false,
          cause: error,
        });
      },
    });
  }

  /** The recognizer runs in this process for the whole call: audio is taken until the call ends. */
  get acceptingAudio(): boolean {
    return !this.#closed;
  }

  pushAudio(audio: Uint8Array): void {
    if (this.#closed) return;
    const samples = this.#decoder.decode(audio);
    if (samples.length === 0) return;
    this.#streamSamples += samples.length;
    const streamEndMs = (this.#streamSamples / RECOGNIZER_SAMPLE_RATE) * 1000;
    this.#arrivals.push({ streamEndMs, at: performance.now() });
    if (this.#arrivals.length > 1000) this.#arrivals.splice(0, 500);
    this.#recognizer.write(samples);
    this.#recent.push(samples);
    void this.#vad.push(samples);
  }

  pushText(text: string): void {
    if (this.#closed || text.trim() === '') return;
    this.#lastSpeechEndAt = performance.now();
    this.#heard(text.trim(), false);
  }

  pushDtmf(digit: string): void {
    if (this.#closed) return;
    this.#enqueue({ type: 'dtmf', digit }, { endedAt: performance.now(), metricsSent: false });
  }

  /** A fixed sentence from the call session ("Are you still there?"), spoken after any reply under way. */
  say(text: string): void {
    this.#queue = this.#queue
      .then(() => (this.#closed ? undefined : this.#speak(text, undefined)))
      .catch((error: unknown) => this.#parts.logger.error({ err: error }, 'local engine prompt failed'));
  }

  interrupt(itemId: string, heardMs: number): void {
    if (this.#currentReply?.itemId === itemId) this.#currentReply.abort.abort();
    this.#decide('barge_in', 'the caller interrupted the agent', { itemId, heardMs });
  }

  async close(reason: EndEvent['reason'] = 'closed'): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#lifetime.abort();
    this.#currentReply?.abort.abort();
    await Promise.allSettled([this.#recognizer.close(), this.#vad.close()]);
    this.emit('end', { reason });
  }

  #callerStartedSpeaking(atMs: number): void {
    this.emit('caller_speech_started', { atMs });
    // Barge-in: stop producing the reply in progress; the session clears what the transport still plays.
    this.#currentReply?.abort.abort();
  }

  #arrivalOf(streamMs: number): number {
    return this.#arrivals.find((arrival) => arrival.streamEndMs >= streamMs)?.at ?? performance.now();
  }

  /** `spoken`: heard by the recogniser (so its audio can be decoded again), not typed in. */
  #heard(text: string, spoken: boolean): void {
    if (this.#closed) return;
    this.emit('transcript', { role: 'caller', itemId: `caller_${randomUUID()}`, text, final: true });
    // The VAD's end of speech when it saw this utterance end; otherwise the recognizer's own endpoint.
    const lastSpeech = this.#vad.speaking ? undefined : this.#lastSpeechEndAt;
    this.#lastSpeechEndAt = undefined;
    const span = spoken ? this.#recent.endTurn() : undefined;
    this.#enqueue(
      // Asked when the turn's turn comes, so the policy answers in the state the turns before left it in.
      async () => ({
        type: 'caller_text',
        text,
        heardAsName: span === undefined ? undefined : await this.#rehearAsName(text, span),
      }),
      { endedAt: lastSpeech ?? performance.now(), metricsSent: false },
    );
  }

  /** The turn decoded again as a name when the policy asks for it; a failed decode only loses that. */
  async #rehearAsName(text: string, span: ReturnType<RecentAudio['endTurn']>): Promise<string | undefined> {
    const request = this.#policy.rehearAs?.(text);
    const audio = request === undefined ? undefined : this.#recent.read(span);
    if (request === undefined || audio === undefined) return undefined;
    try {
      const rehearing = { exclude: request.exclude, around: request.around };
      const heard = await withNameGrammar(this.#parts.model, rehearing, (grammar) =>
        rehear(this.#parts.model, audio, grammar),
      );
      const name = nameInRehearing(heard, rehearing);
      this.#decide('reheard', 'the turn decoded again as a name', { found: name !== undefined });
      return name;
    } catch (error) {
      this.#parts.logger.warn({ err: error }, 'decoding a turn again as a name failed');
      return undefined;
    }
  }

  #enqueue(input: PolicyInput | (() => Promise<PolicyInput>), turn: Turn | undefined): void {
    this.#queue = this.#queue
      .then(async () => {
        if (this.#closed) return;
        const ready = typeof input === 'function' ? await input() : input;
        if (!this.#closed) await this.#perform(this.#policy.handle(ready), turn);
      })
      .catch((error: unknown) => {
        this.#parts.logger.error({ err: error }, 'local engine turn failed');
        this.emit('error', {
          code: 'internal',
          message: 'the local engine failed a turn',
          fatal: false,
          cause: error,
        });
      });
  }

  async #perform(actions: PolicyAction[], turn: Turn | undefined): Promise<void> {
    let speech: string[] = [];
    const flushSpeech = async (): Promise<void> => {
      if (speech.length > 0) await this.#speak(speech.join(' '), turn);
      speech = [];
    };
    for (const action of actions) {
      if (this.#closed) return;
      if (action.type === 'say') {
        speech.push(this.#truthful(action.text));
        continue;
      }
      await flushSpeech();
      if (action.type === 'decision') {
        this.#decide(action.kind, action.detail, action.data);
        continue;
      }
      const { result } = await this.#tools.run(action.name, action.args, `local_${randomUUID()}`);
      await this.#perform(this.#policy.handle({ type: 'tool_result', name: action.name, result }), turn);
    }
    await flushSpeech();
  }

  /** The policy's sentence, unless it confirms what no tool did on this call: then the truthful one. */
  #truthful(text: string): string {
    const claim = this.#config.commitments?.review(
      text,
      succeededTools(this.#tools.completed()),
      this.#config.language,
    );
    if (claim === undefined) return text;
    this.#decide(UNBACKED_COMMITMENT, claim.kind, {
      source: 'local_policy',
      claim: claim.claim,
      replacement: claim.replacement,
    });
    return claim.replacement;
  }

  async #speak(text: string, turn: Turn | undefined): Promise<void> {
    const itemId = `agent_${randomUUID()}`;
    const abort = new AbortController();
    this.#currentReply = { itemId, abort };
    try {
      const reply = await speakReply(
        this.#parts.synthesizer,
        this.#config.audioFormat,
        text,
        AbortSignal.any([abort.signal, this.#lifetime.signal]),
        (audio) => {
          this.emit('agent_audio', { itemId, audio });
        },
      );
      if (reply.firstAudioAt !== undefined && turn && !turn.metricsSent) {
        turn.metricsSent = true;
        this.emit('turn_metrics', {
          itemId,
          responseLatencyMs: Math.max(0, reply.firstAudioAt - turn.endedAt),
        });
      }
      if (reply.firstAudioAt !== undefined) this.emit('agent_audio_done', { itemId });
      this.emit('transcript', {
        role: 'agent',
        itemId,
        text: reply.interrupted ? reply.spokenText || text : text,
        final: true,
        interrupted: reply.interrupted || undefined,
      });
    } catch (error) {
      if (this.#closed) return;
      this.emit('error', {
        code: 'speech_failed',
        message: 'text-to-speech failed',
        fatal: false,
        cause: error,
      });
    } finally {
      if (this.#currentReply?.itemId === itemId) this.#currentReply = undefined;
    }
  }

  #decide(kind: string, detail: string, data?: Record<string, unknown>): void {
    this.emit('decision', { kind, detail, ...(data ? { data } : {}) });
  }

  #fail(error: LocalEngineError): void {
    if (this.#closed) return;
    this.#parts.logger.error({ err: error }, 'local engine recognizer failed');
    this.emit('error', { code: error.code, message: error.message, fatal: true, cause: error });
    void this.close('error');
  }
}

const warmed = new Set<string>();

/**
 * Synthesises the policy's fixed sentences into the process-wide cache, one at a time in the background,
 * once per voice per process; a failure only means those sentences are synthesised when first said.
 */
function warmFixedSentences(synthesizer: SpeechSynthesizer, sentences: readonly string[]): void {
  if (warmed.has(synthesizer.name)) return;
  warmed.add(synthesizer.name);
  void (async () => {
    for (const sentence of sentences) await warmSentence(synthesizer, sentence);
  })().catch(() => undefined);
}
