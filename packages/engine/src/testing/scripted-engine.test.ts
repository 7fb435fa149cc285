import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Conversation,
  type ConversationConfig,
  type ConversationEvents,
  PHONE_AUDIO,
} from '../engine.ts';
import { defineTool } from '../tool.ts';
import { createScriptedEngine } from './scripted-engine.ts';

const bookings: unknown[] = [];
const bookTool = defineTool({
  name: 'book_appointment',
  description: 'Call when the caller wants to book.',
  parameters: z.object({ service: z.string() }),
  async execute(args, context) {
    bookings.push({ args, callId: context.callId });
    return { ok: true, message: `Booked your ${args.service}.` };
  },
});

function config(overrides: Partial<ConversationConfig> = {}): ConversationConfig {
  return {
    callId: 'call_1',
    businessId: 'biz_1',
    instructions: 'Be nice.',
    greeting: 'Thanks for calling Bright Smile Dental.',
    audioFormat: PHONE_AUDIO,
    tools: [bookTool],
    now: () => Date.parse('2026-03-02T15:00:00Z'),
    business: {
      name: 'Bright Smile',
      timeZone: 'America/New_York',
      services: [],
      transferDestinations: [],
      vocabulary: [],
    },
    ...overrides,
  };
}

type Recorded = { [K in keyof ConversationEvents]?: ConversationEvents[K][] };

const EVENT_NAMES = [
  'agent_audio',
  'agent_audio_done',
  'caller_speech_started',
  'caller_speech_stopped',
  'transcript',
  'tool_call',
  'tool_result',
  'turn_metrics',
  'error',
  'end',
] as const;

function record(conversation: Conversation): Recorded {
  const events: Record<string, unknown[]> = {};
  for (const name of EVENT_NAMES) {
    conversation.on(name, (payload) => {
      const list = events[name] ?? [];
      list.push(payload);
      events[name] = list;
    });
  }
  return events as Recorded;
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt += 1)
    await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe('scripted engine', () => {
  it('greets with the configured greeting and audio in the call format', async () => {
    const engine = createScriptedEngine();
    const conversation = await engine.start(config());
    const events = record(conversation);
    await until(() => (events.agent_audio_done?.length ?? 0) === 1);
    const bytes = events.agent_audio?.reduce((sum, chunk) => sum + chunk.audio.byteLength, 0);
    expect(bytes).toBe(600 * 8);
    expect(events.transcript?.at(-1)).toMatchObject({
      role: 'agent',
      final: true,
      text: 'Thanks for calling Bright Smile Dental.',
    });
  });

  it('answers typed text by calling a real tool from the config', async () => {
    const engine = createScriptedEngine({
      greeting: null,
      turns: [
        {
          tool: { name: 'book_appointment', arguments: { service: 'cleaning' } },
          reply: (result) => ({ text: result?.message ?? '' }),
        },
      ],
    });
    const conversation = await engine.start(config());
    const events = record(conversation);
    conversation.pushText('book me a cleaning');
    // The typed line is echoed as the caller's final transcript, then the agent answers.
    await until(() => (events.transcript?.filter((t) => t.final).length ?? 0) === 2);
    expect(events.transcript?.[0]).toMatchObject({ role: 'caller', text: 'book me a cleaning', final: true });
    expect(events.tool_result?.[0]).toMatchObject({ name: 'book_appointment', status: 'ok' });
    expect(events.transcript?.at(-1)?.text).toBe('Booked your cleaning.');
    expect(bookings).toContainEqual({ args: { service: 'cleaning' }, callId: 'call_1' });
    expect(engine.last?.received.texts).toEqual(['book me a cleaning']);
  });

  it('detects caller speech in μ-law audio and answers when it stops', async () => {
    const engine = createScriptedEngine({
      greeting: null,
      turns: [{ caller: 'hello there', reply: { text: 'Hi!' } }],
    });
    const conversation = await engine.start(config());
    const events = record(conversation);
    conversation.pushAudio(new Uint8Array(160).fill(0x20));
    conversation.pushAudio(new Uint8Array(8 * 400).fill(0xff));
    await until(() => (events.agent_audio_done?.length ?? 0) === 1);
    expect(events.caller_speech_started).toHaveLength(1);
    expect(events.caller_speech_stopped).toHaveLength(1);
    expect(events.transcript?.[0]).toMatchObject({ role: 'caller', text: 'hello there', final: true });
    expect(events.turn_metrics).toHaveLength(1);
  });

  it('records interrupts and ends on a fatal error', async () => {
    const engine = createScriptedEngine({ greeting: null });
    const conversation = await engine.start(config());
    const events = record(conversation);
    conversation.interrupt('agent_1', 240);
    engine.last?.fail({ code: 'disconnected', message: 'peer went away', fatal: true });
    expect(engine.last?.received.interrupts).toEqual([{ itemId: 'agent_1', heardMs: 240 }]);
    expect(events.end).toEqual([{ reason: 'error', detail: 'peer went away' }]);
  });

  it('does not greet again when history is given (failover)', async () => {
    const engine = createScriptedEngine();
    const conversation = await engine.start(config({ history: [{ role: 'agent', text: 'Hello' }] }));
    const events = record(conversation);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.agent_audio).toBeUndefined();
  });

  it('fails to start when scripted to', async () => {
    await expect(createScriptedEngine({ failStart: true }).start(config())).rejects.toMatchObject({
      code: 'connect_failed',
    });
  });
});
