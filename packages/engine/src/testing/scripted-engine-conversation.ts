import { TypedEmitter } from '@receptionist/audio';
import type {
  Conversation,
  ConversationConfig,
  ConversationEvents,
  EndEvent,
  EngineCapabilities,
  EngineErrorEvent,
} from '../engine.ts';
import type { ToolResult } from '../tool.ts';
import { ToolRunner } from '../tools/runner.ts';
import type { ScriptedEngineScript, ScriptedTurn, ScriptedUtterance } from './scripted-engine.ts';

/** What the conversation received from the call session, for assertions. */
export interface ScriptedReceived {
  audioBytes: number;
  texts: string[];
  dtmf: string[];
  interrupts: Array<{ itemId: string; heardMs: number }>;
  said: string[];
  /** Staff notes whispered to the agent (`Conversation.whisper`). */
  whispers: string[];
  closedWith: EndEvent['reason'] | undefined;
}

const AUDIO_CHUNK_MS = 100;

function bytesPerMs(config: ConversationConfig): number {
  return config.audioFormat.encoding === 'mulaw' ? 8 : 48;
}

/** True when a chunk carries more than silence (μ-law 0xFF/0x7F are zero; PCM16 under ~-36 dBFS is quiet). */
function isSpeech(config: ConversationConfig, audio: Uint8Array): boolean {
  if (config.audioFormat.encoding === 'mulaw') return audio.some((byte) => byte !== 0xff && byte !== 0x7f);
  const view = new DataView(audio.buffer, audio.byteOffset, audio.byteLength);
  for (let offset = 0; offset + 1 < audio.byteLength; offset += 2) {
    if (Math.abs(view.getInt16(offset, true)) > 500) return true;
  }
  return false;
}

export class ScriptedConversation extends TypedEmitter<ConversationEvents> implements Conversation {
  readonly config: ConversationConfig;
  readonly received: ScriptedReceived = {
    audioBytes: 0,
    texts: [],
    dtmf: [],
    interrupts: [],
    said: [],
    whispers: [],
    closedWith: undefined,
  };
  readonly #script: ScriptedEngineScript;
  readonly #capabilities: EngineCapabilities;
  readonly #turns: ScriptedTurn[];
  readonly #startedAt = performance.now();
  #itemSequence = 0;
  #callerSpeaking = false;
  #silentMs = 0;
  #audioMs = 0;
  #callerEndedAt = 0;
  #ended = false;
  /** Replies run one after another, like a real agent's responses. */
  #queue: Promise<void> = Promise.resolve();
  readonly #lifetime = new AbortController();
  /** The same tool path as the real engines: validation, timeout, ledger, events. */
  readonly #tools: ToolRunner;

  constructor(config: ConversationConfig, script: ScriptedEngineScript, capabilities: EngineCapabilities) {
    super();
    this.config = config;
    this.#script = script;
    this.#capabilities = capabilities;
    this.#turns = [...(script.turns ?? [])];
    this.#tools = new ToolRunner({
      tools: config.tools,
      context: { businessId: config.businessId, callId: config.callId, callerNumber: config.callerNumber },
      timeoutMs: 10_000,
      signal: this.#lifetime.signal,
      onToolCall: (event) => this.emit('tool_call', event),
      onToolResult: (event) => this.emit('tool_result', event),
    });
  }

  /** Greets (unless history says the call already started). */
  begin(): void {
    if (this.config.history?.length) return;
    const greeting =
      this.#script.greeting === undefined ? { text: this.config.greeting } : this.#script.greeting;
    // Greet on a later turn of the event loop, once the session has attached its listeners to `start()`'s result.
    if (greeting) setTimeout(() => this.#enqueue(() => this.#speak(greeting)), 0);
  }

  get ended(): boolean {
    return this.#ended;
  }

  get acceptingAudio(): boolean {
    return !this.#ended;
  }

  pushAudio(audio: Uint8Array): void {
    if (this.#ended) return;
    this.received.audioBytes += audio.byteLength;
    const durationMs = audio.byteLength / bytesPerMs(this.config);
    this.#audioMs += durationMs;
    if (!this.#capabilities.turnDetection) return;
    if (isSpeech(this.config, audio)) {
      this.#silentMs = 0;
      if (!this.#callerSpeaking) {
        this.#callerSpeaking = true;
        this.emit('caller_speech_started', { atMs: this.#audioMs - durationMs });
      }
      return;
    }
    if (!this.#callerSpeaking) return;
    this.#silentMs += durationMs;
    if (this.#silentMs >= (this.#script.endOfSpeechMs ?? 300)) {
      this.#callerSpeaking = false;
      this.#callerEndedAt = performance.now();
      this.emit('caller_speech_stopped', { atMs: this.#audioMs - this.#silentMs });
      const turn = this.#turns.shift();
      if (turn) this.#enqueue(() => this.#answer(turn, turn.caller ?? '(caller speech)', true));
    }
  }

  pushText(text: string): void {
    if (this.#ended) return;
    this.received.texts.push(text);
    this.#callerEndedAt = performance.now();
    // Like the real engines, typed text comes back as the caller's final transcript.
    this.emit('transcript', { role: 'caller', itemId: this.#nextItemId('caller'), text, final: true });
    const turn = this.#takeTurn(text);
    if (turn) this.#enqueue(() => this.#answer(turn, text, false));
  }

  pushDtmf(digit: string): void {
    if (this.#ended) return;
    this.received.dtmf.push(digit);
    this.#callerEndedAt = performance.now();
    const turn = this.#takeTurn(digit);
    if (turn) this.#enqueue(() => this.#answer(turn, `[pressed ${digit}]`, false));
  }

  interrupt(itemId: string, heardMs: number): void {
    this.received.interrupts.push({ itemId, heardMs });
  }

  /** Makes the agent say something now (tests; silence prompts). */
  whisper(note: string): void {
    this.received.whispers.push(note);
  }

  say(text: string, audioMs?: number): void {
    this.#enqueue(() => this.#speak({ text, audioMs }));
  }

  /** Emits an engine error now, as a failing peer would; a fatal one ends the conversation. */
  fail(error: Omit<EngineErrorEvent, 'cause'>): void {
    this.emit('error', error);
    if (error.fatal) this.#end({ reason: 'error', detail: error.message });
  }

  async close(reason: EndEvent['reason'] = 'closed'): Promise<void> {
    if (this.#ended) return;
    this.received.closedWith = reason;
    this.#end({ reason });
  }

  #takeTurn(input: string): ScriptedTurn | undefined {
    const index = this.#turns.findIndex((turn) => !turn.match || turn.match.test(input));
    if (index < 0) return undefined;
    return this.#turns.splice(index, 1)[0];
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((cause: unknown) => {
      this.emit('error', { code: 'internal', message: 'scripted reply failed', fatal: false, cause });
    });
  }

  #end(event: EndEvent): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#lifetime.abort();
    this.emit('end', event);
  }

  async #answer(turn: ScriptedTurn, callerText: string, fromAudio: boolean): Promise<void> {
    if (this.#ended) return;
    if (fromAudio && this.#capabilities.callerTranscription) {
      this.emit('transcript', {
        role: 'caller',
        itemId: this.#nextItemId('caller'),
        text: callerText,
        final: true,
      });
    }
    if (turn.error) {
      this.fail(turn.error);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, this.#script.responseDelayMs ?? 30));
    const toolResult = turn.tool ? await this.#callTool(turn.tool.name, turn.tool.arguments) : undefined;
    const reply = typeof turn.reply === 'function' ? turn.reply(toolResult) : turn.reply;
    if (reply) await this.#speak(reply, true);
    if (turn.end) this.#end({ reason: turn.end });
  }

  async #callTool(name: string, args: unknown): Promise<ToolResult> {
    const { result } = await this.#tools.run(name, args, `call_${this.#nextItemId('tool')}`);
    return result;
  }

  async #speak(utterance: ScriptedUtterance, isResponse = false): Promise<void> {
    if (this.#ended) return;
    const itemId = this.#nextItemId('agent');
    const audio = utterance.audio ?? generatedAudio(this.config, utterance.audioMs ?? 600);
    const chunkBytes = AUDIO_CHUNK_MS * bytesPerMs(this.config);
    this.received.said.push(utterance.text);
    this.emit('transcript', { role: 'agent', itemId, text: utterance.text, final: false });
    for (let offset = 0; offset < audio.byteLength; offset += chunkBytes) {
      if (this.#ended) return;
      if (offset === 0 && isResponse && this.#callerEndedAt > 0) {
        this.emit('turn_metrics', {
          itemId,
          responseLatencyMs: Math.round(performance.now() - this.#callerEndedAt),
        });
      }
      this.emit('agent_audio', { itemId, audio: audio.subarray(offset, offset + chunkBytes) });
      // Yield between chunks so caller audio and barge-in interleave as they would with a network engine.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.emit('agent_audio_done', { itemId });
    this.emit('transcript', { role: 'agent', itemId, text: utterance.text, final: true });
  }

  #nextItemId(kind: string): string {
    this.#itemSequence += 1;
    return `${kind}_${this.#itemSequence}`;
  }

  /** Milliseconds since the conversation started (for tests that want engine-relative times). */
  get ageMs(): number {
    return performance.now() - this.#startedAt;
  }
}

/** Non-silent audio of the given length: a μ-law or PCM16 square-ish pattern. */
export function generatedAudio(config: ConversationConfig, durationMs: number): Uint8Array {
  const bytes = new Uint8Array(Math.round(durationMs * bytesPerMs(config)));
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = index % 16 < 8 ? 0x20 : 0xa0;
  return bytes;
}
