import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BROWSER_AUDIO, PHONE_AUDIO } from '../engine.ts';
import { defineTool } from '../tool.ts';
import { ConversationHistory } from './history.ts';
import { toolParametersJsonSchema } from './json-schema.ts';
import { resolveOptions } from './options.ts';
import { ReconnectBudget } from './reconnect.ts';
import { classifyServerError, parseServerEvent } from './server-events.ts';
import { buildSessionConfig, realtimeVoice } from './session-config.ts';
import { testConversationConfig } from './test-kit.ts';

const options = resolveOptions({
  apiKey: 'sk-x',
  realtimeUrl: 'wss://api.openai.com/v1/realtime',
  baseUrl: 'https://api.openai.com/v1',
  realtimeModel: 'gpt-realtime',
});

describe('ConversationHistory', () => {
  it('keeps turns in the order they started and cuts an interrupted reply on a word boundary', () => {
    const history = new ConversationHistory([{ role: 'agent', text: 'Hello.' }]);
    history.touch('caller_1', 'caller');
    history.appendDelta('agent_1', 'agent', 'one two three ');
    history.appendDelta('agent_1', 'agent', 'four');
    history.finalize('caller_1', 'caller', ' I need help ');
    expect(history.truncate('agent_1', 0.5)).toBe('one two');
    expect(history.finalize('agent_1', 'agent', 'one two three four')).toBe(false);
    expect(history.entries()).toEqual([
      { role: 'agent', text: 'Hello.' },
      { role: 'caller', text: 'I need help' },
      { role: 'agent', text: 'one two' },
    ]);
    expect(history.callerSpokeLast()).toBe(false);
    history.appendDelta('agent_2', 'agent', 'half a sentence');
    history.dropUnfinished();
    expect(history.entries()).toHaveLength(3);
  });
});

describe('toolParametersJsonSchema', () => {
  it('converts a shared parameter schema and hands every tool its own copy', () => {
    const parameters = z.object({ date: z.string().describe('YYYY-MM-DD'), party: z.number().default(1) });
    const toolFor = () =>
      defineTool({
        name: 'check',
        description: 'Checks',
        parameters,
        execute: async () => ({ ok: true, message: 'ok' }),
      });
    const first = toolParametersJsonSchema(toolFor());
    expect(first).toMatchObject({
      type: 'object',
      properties: { date: { type: 'string', description: 'YYYY-MM-DD' }, party: { type: 'number' } },
      required: ['date'],
    });
    expect(first).not.toHaveProperty('$schema');
    (first.properties as Record<string, unknown>).date = 'changed by a caller';
    expect(toolParametersJsonSchema(toolFor())).toMatchObject({ properties: { date: { type: 'string' } } });
  });
});

describe('ReconnectBudget', () => {
  it('allows maxAttempts per sliding window', () => {
    let now = 0;
    const budget = new ReconnectBudget(
      { maxAttempts: 2, windowMs: 5_000, connectTimeoutMs: 1, backoffMs: 100 },
      () => now,
    );
    expect(budget.tryAcquire()).toBe(true);
    now = 1_000;
    expect(budget.tryAcquire()).toBe(true);
    expect(budget.tryAcquire()).toBe(false);
    expect(budget.remainingMs()).toBe(4_000);
    now = 5_001;
    expect(budget.tryAcquire()).toBe(true);
  });
});

describe('server events', () => {
  it('parses what it acts on, keeps unknown and malformed events apart', () => {
    expect(
      parseServerEvent({ type: 'input_audio_buffer.speech_started', item_id: 'i', audio_start_ms: 5 }),
    ).toEqual({
      kind: 'event',
      event: { type: 'input_audio_buffer.speech_started', item_id: 'i', audio_start_ms: 5 },
    });
    expect(parseServerEvent({ type: 'rate_limits.updated', rate_limits: [] })).toEqual({
      kind: 'other',
      type: 'rate_limits.updated',
    });
    expect(parseServerEvent({ type: 'response.output_audio.delta', item_id: 'i' })).toMatchObject({
      kind: 'malformed',
    });
  });

  it('treats expiry and server errors as the end of the session, request errors as survivable', () => {
    const error = (fields: Record<string, string>) => ({ type: 'error' as const, error: fields });
    expect(classifyServerError(error({ type: 'invalid_request_error', code: 'session_expired' }))).toBe(
      'session_expired',
    );
    expect(classifyServerError(error({ type: 'server_error' }))).toBe('connection_fatal');
    expect(classifyServerError(error({ type: 'invalid_request_error', code: 'x' }))).toBe('recoverable');
  });
});

describe('session config', () => {
  it('sets formats explicitly per channel and maps unknown voices to the default', () => {
    type WithAudio = { audio?: { input?: { format?: unknown }; output?: { format?: unknown } } };
    const phone = buildSessionConfig(
      testConversationConfig({ audioFormat: PHONE_AUDIO }),
      options,
    ) as WithAudio;
    const browser = buildSessionConfig(
      testConversationConfig({ audioFormat: BROWSER_AUDIO }),
      options,
    ) as WithAudio;
    expect(phone.audio?.input?.format).toEqual({ type: 'audio/pcmu' });
    expect(phone.audio?.output?.format).toEqual({ type: 'audio/pcmu' });
    expect(browser.audio?.input?.format).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(browser.audio?.output?.format).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(realtimeVoice('Cedar')).toBe('cedar');
    expect(realtimeVoice('en-us+f3')).toBe('marin');
    // The deprecated keys would make the SDK ignore `audio`.
    expect(Object.keys(phone)).not.toContain('inputAudioFormat');
  });

  it('rejects unusable options at start', () => {
    expect(() => resolveOptions({ ...options, apiKey: '' })).toThrow(/apiKey/);
    expect(() => resolveOptions({ ...options, realtimeUrl: 'not a url' })).toThrow(/realtimeUrl/);
  });
});
