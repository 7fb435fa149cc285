import type {
  Conversation,
  ConversationConfig,
  EndEvent,
  Engine,
  EngineCapabilities,
  EngineErrorEvent,
} from '../engine.ts';
import { EngineConnectError } from '../errors.ts';
import type { ToolResult } from '../tool.ts';
import { ScriptedConversation } from './scripted-engine-conversation.ts';

/** Something the scripted agent says: a transcript plus audio in the conversation's format. */
export interface ScriptedUtterance {
  text: string;
  /** Exact audio bytes; by default `audioMs` of a non-silent pattern is generated. */
  audio?: Uint8Array | undefined;
  /** Length of generated audio (default 600 ms). */
  audioMs?: number | undefined;
}

/** A tool the scripted agent calls (from `config.tools`, with real arguments) before it answers. */
export interface ScriptedToolCall {
  name: string;
  arguments: unknown;
}

/** One caller turn and the agent's answer to it. */
export interface ScriptedTurn {
  /** What the caller "said" (logged as the caller transcript when the caller spoke audio). */
  caller?: string | undefined;
  /** When set, only typed text / DTMF matching this triggers the turn (audio always matches the next turn). */
  match?: RegExp | undefined;
  tool?: ScriptedToolCall | undefined;
  /** The answer; a function gets the tool's result. Omit to stay silent. */
  reply?: ScriptedUtterance | ((toolResult: ToolResult | undefined) => ScriptedUtterance) | undefined;
  /** Emit this error instead of answering (a fatal error ends the conversation). */
  error?: Omit<EngineErrorEvent, 'cause'> | undefined;
  /** End the conversation after the answer. */
  end?: EndEvent['reason'] | undefined;
}

export interface ScriptedEngineScript {
  name?: string;
  capabilities?: Partial<EngineCapabilities>;
  /** What the agent says first; default: `config.greeting` with 600 ms of audio. `null` = no greeting. */
  greeting?: ScriptedUtterance | null;
  /** Caller turns answered in order (audio segments, typed text, DTMF digits). */
  turns?: ScriptedTurn[];
  /** `start()` waits this long (simulated connect time). */
  startDelayMs?: number;
  /** `start()` rejects (simulated connect failure). */
  failStart?: boolean;
  /** Delay between the caller's end of speech and the first agent audio (default 30 ms). */
  responseDelayMs?: number;
  /** Audio of this many ms of silence ends a caller utterance (default 300 ms). */
  endOfSpeechMs?: number;
}

export const SCRIPTED_CAPABILITIES: EngineCapabilities = {
  turnDetection: true,
  truncation: true,
  callerTranscription: true,
  textInput: true,
  dtmf: false,
};

/**
 * A scripted engine for tests: greets, answers caller turns from a script (calling real tools from the config),
 * detects caller speech with a simple energy check (for barge-in), and records everything it receives.
 * It is a test double for the *engine* (a network peer of the voice server), never for our own code.
 */
export class ScriptedEngine implements Engine {
  readonly name: string;
  readonly capabilities: EngineCapabilities;
  readonly conversations: ScriptedConversation[] = [];
  readonly #script: ScriptedEngineScript;

  constructor(script: ScriptedEngineScript = {}) {
    this.#script = script;
    this.name = script.name ?? 'scripted';
    this.capabilities = { ...SCRIPTED_CAPABILITIES, ...script.capabilities };
  }

  async start(config: ConversationConfig): Promise<Conversation> {
    if (this.#script.startDelayMs)
      await new Promise((resolve) => setTimeout(resolve, this.#script.startDelayMs));
    if (this.#script.failStart) throw new EngineConnectError('scripted engine refused to connect');
    const conversation = new ScriptedConversation(config, this.#script, this.capabilities);
    this.conversations.push(conversation);
    conversation.begin();
    return conversation;
  }

  /** The most recent conversation (most tests run one call). */
  get last(): ScriptedConversation | undefined {
    return this.conversations.at(-1);
  }
}

export function createScriptedEngine(script: ScriptedEngineScript = {}): ScriptedEngine {
  return new ScriptedEngine(script);
}
