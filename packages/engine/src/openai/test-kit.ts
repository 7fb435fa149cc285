/**
 * Shared set-up for the OpenAI engine's integration tests: the two fake OpenAI peers, an engine
 * pointed at them, a conversation config, and an event recorder with condition waits (no sleeps).
 */
import { onTestFinished } from 'vitest';
import type { Conversation, ConversationConfig, ConversationEvents, Engine } from '../engine.ts';
import { PHONE_AUDIO } from '../engine.ts';
import {
  FakeOpenAIRealtimeServer,
  type FakeOpenAIRealtimeServerOptions,
} from '../testing/fake-openai-realtime-server.ts';
import {
  FakeOpenAIResponsesServer,
  type FakeResponsesServerOptions,
} from '../testing/fake-openai-responses-server.ts';
import { createOpenAIEngine } from './engine.ts';
import type { OpenAIEngineOptions } from './options.ts';

export interface OpenAITestPeers {
  realtime: FakeOpenAIRealtimeServer;
  responses: FakeOpenAIResponsesServer;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenAITestPeerOptions {
  realtime?: FakeOpenAIRealtimeServerOptions;
  responses?: FakeResponsesServerOptions;
  engine?: Partial<OpenAIEngineOptions>;
}

export async function startOpenAITestPeers(input: OpenAITestPeerOptions = {}): Promise<OpenAITestPeers> {
  const realtime = await FakeOpenAIRealtimeServer.start(input.realtime);
  const responses = await FakeOpenAIResponsesServer.start(input.responses ?? { script: [] });
  const engine = createOpenAIEngine({
    apiKey: 'sk-test-key',
    realtimeUrl: realtime.url,
    baseUrl: responses.baseUrl,
    realtimeModel: 'gpt-realtime',
    supervisorModel: 'gpt-4.1',
    reconnect: { backoffMs: 20 },
    ...input.engine,
  });
  return {
    realtime,
    responses,
    engine,
    close: async () => {
      await realtime.close();
      await responses.close();
    },
  };
}

export interface OpenAITestCall {
  peers: OpenAITestPeers;
  conversation: Conversation;
  recorder: EventRecorder;
}

export interface OpenAITestPeersForTest extends OpenAITestPeers {
  /** Starts a conversation on `testConversationConfig(config)`, recording its events; it is closed with the peers. */
  startCall(config?: Partial<ConversationConfig>): Promise<Omit<OpenAITestCall, 'peers'>>;
}

/**
 * Peers for the current test, for tests that act on them before or between conversations. When
 * the test finishes, passed or failed, every conversation started with `startCall` is closed
 * first, then the peers.
 */
export async function startOpenAITestPeersForTest(
  input: OpenAITestPeerOptions = {},
): Promise<OpenAITestPeersForTest> {
  const peers = await startOpenAITestPeers(input);
  const conversations: Conversation[] = [];
  onTestFinished(async () => {
    try {
      for (const conversation of conversations) await conversation.close();
    } finally {
      await peers.close();
    }
  });
  return {
    ...peers,
    startCall: async (config = {}) => {
      const conversation = await peers.engine.start(testConversationConfig(config));
      conversations.push(conversation);
      return { conversation, recorder: new EventRecorder(conversation) };
    },
  };
}

/** Peers plus one started conversation for the current test, all closed when it finishes. */
export async function startOpenAITestCall(
  input: OpenAITestPeerOptions = {},
  config: Partial<ConversationConfig> = {},
): Promise<OpenAITestCall> {
  const peers = await startOpenAITestPeersForTest(input);
  return { peers, ...(await peers.startCall(config)) };
}

export function testConversationConfig(overrides: Partial<ConversationConfig> = {}): ConversationConfig {
  return {
    callId: 'call_test_1',
    businessId: 'biz_test_1',
    callerNumber: '+15005550100',
    instructions: 'You answer the phone for Test Dental. Be kind.',
    greeting: 'Thanks for calling Test Dental, how can I help?',
    voice: 'coral',
    language: 'en-US',
    audioFormat: PHONE_AUDIO,
    tools: [],
    business: {
      name: 'Test Dental',
      timeZone: 'America/New_York',
      services: [],
      transferDestinations: [],
      vocabulary: [],
    },
    // Monday 2 March 2026, 10:00 in New York: the supervisor is told this time, never the real one.
    now: () => Date.parse('2026-03-02T15:00:00Z'),
    ...overrides,
  };
}

type Recorded = { [K in keyof ConversationEvents]: Array<ConversationEvents[K]> };

const EVENT_NAMES = [
  'agent_audio',
  'agent_audio_done',
  'caller_speech_started',
  'caller_speech_stopped',
  'transcript',
  'tool_call',
  'tool_result',
  'turn_metrics',
  'decision',
  'accepting_audio',
  'error',
  'end',
] as const satisfies ReadonlyArray<keyof ConversationEvents>;

/** Records every conversation event and waits for conditions on them. */
export class EventRecorder {
  readonly events = Object.fromEntries(EVENT_NAMES.map((name) => [name, []])) as unknown as Recorded;
  readonly #listeners = new Set<() => void>();

  constructor(conversation: Conversation) {
    for (const name of EVENT_NAMES) {
      conversation.on(name, (payload: unknown) => {
        (this.events[name] as unknown[]).push(payload);
        for (const listener of [...this.#listeners]) listener();
      });
    }
  }

  /** All agent audio of one reply (or of the whole call), concatenated. */
  agentAudio(itemId?: string): Uint8Array {
    const chunks = this.events.agent_audio.filter((event) => itemId === undefined || event.itemId === itemId);
    return new Uint8Array(Buffer.concat(chunks.map((event) => event.audio)));
  }

  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(attempt);
      };
      this.#listeners.add(attempt);
      attempt();
    });
  }

  finalTranscript(role: 'caller' | 'agent', text: string): Promise<ConversationEvents['transcript']> {
    return this.waitFor(
      () => this.events.transcript.find((event) => event.role === role && event.final && event.text === text),
      `final ${role} transcript "${text}"`,
    );
  }
}

/** Deterministic pseudo-random bytes (a fixed LCG) so byte-exact checks catch reordering and drops. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[index] = state >> 16;
  }
  return bytes;
}
