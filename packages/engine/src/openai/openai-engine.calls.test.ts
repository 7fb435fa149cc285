import { describe, expect, it } from 'vitest';
import { BROWSER_AUDIO } from '../engine.ts';
import type { FakeRealtimeReply } from '../testing/fake-openai-realtime-server.ts';
import { patternBytes, startOpenAITestCall } from './test-kit.ts';

describe('OpenAI engine: a phone call through the real Agents SDK', () => {
  it('configures μ-law both ways and passes caller and agent audio byte for byte', async () => {
    const greetingAudio = patternBytes(8_000 + 37, 7); // ~1 s of μ-law, deliberately not a chunk multiple
    const replyAudio = patternBytes(4_800, 9);
    const { peers, conversation, recorder } = await startOpenAITestCall({
      realtime: {
        respond: ({ request }): FakeRealtimeReply =>
          typeof request?.instructions === 'string'
            ? {
                kind: 'audio',
                transcript: 'Thanks for calling Test Dental, how can I help?',
                audio: greetingAudio,
              }
            : { kind: 'audio', transcript: 'We open at nine.', audio: replyAudio },
      },
    });
    const server = await peers.realtime.connection(0);

    expect(server.headers.authorization).toBe('Bearer sk-test-key');
    // We open the socket ourselves (transport.ts); the SDK's identifying headers must still be there.
    expect(server.headers['x-openai-agents-sdk']).toMatch(/^openai-agents-sdk\./);
    expect(server.headers['user-agent']).toMatch(/^Agents\/JavaScript /);
    expect(new URL(server.url, 'ws://x').searchParams.get('model')).toBe('gpt-realtime');
    const audio = server.session.audio as {
      input: {
        format: unknown;
        turn_detection: Record<string, unknown>;
        transcription: Record<string, unknown>;
      };
      output: { format: unknown; voice: string };
    };
    expect(audio.input.format).toEqual({ type: 'audio/pcmu' });
    expect(audio.output.format).toEqual({ type: 'audio/pcmu' });
    expect(audio.output.voice).toBe('coral');
    expect(audio.input.turn_detection).toMatchObject({ type: 'server_vad', interrupt_response: true });
    expect(audio.input.transcription).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'en' });
    const tools = server.session.tools as Array<{ name: string }>;
    expect(tools.map((tool) => tool.name)).toEqual(['getNextResponseFromSupervisor']);

    // The greeting is asked for explicitly and its audio reaches us unchanged.
    const greetingRequest = await server.waitForEvent((event) => event.type === 'response.create');
    expect(JSON.stringify(greetingRequest)).toContain('Thanks for calling Test Dental');
    await recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');
    await recorder.waitFor(() => recorder.events.agent_audio_done.length === 1, 'greeting audio done');
    expect(recorder.agentAudio()).toEqual(greetingAudio);

    // Caller audio: 100 frames of 20 ms μ-law, sent in order, unchanged.
    const callerAudio = patternBytes(16_000, 3);
    for (let offset = 0; offset < callerAudio.byteLength; offset += 160) {
      conversation.pushAudio(callerAudio.subarray(offset, offset + 160));
    }
    expect(await server.waitForInputBytes(callerAudio.byteLength)).toEqual(callerAudio);

    // A caller turn: speech events, the caller's transcript, then the agent's reply audio.
    server.simulateCallerSpeech('When do you open?');
    await recorder.finalTranscript('caller', 'When do you open?');
    const reply = await recorder.finalTranscript('agent', 'We open at nine.');
    await recorder.waitFor(() => recorder.events.agent_audio_done.length === 2, 'reply audio done');
    expect(recorder.agentAudio(reply.itemId)).toEqual(replyAudio);
    expect(recorder.events.caller_speech_started).toHaveLength(1);
    expect(recorder.events.caller_speech_stopped).toHaveLength(1);
    expect(recorder.events.turn_metrics).toEqual([
      { itemId: reply.itemId, responseLatencyMs: expect.any(Number) },
    ]);

    await conversation.close('caller_hangup');
    expect(recorder.events.end).toEqual([{ reason: 'caller_hangup' }]);
    await server.waitForClose();
    expect(recorder.events.error).toEqual([]);
  });

  it('re-seeds a failed-over conversation instead of greeting again', async () => {
    const { peers, recorder } = await startOpenAITestCall(
      { realtime: { respond: () => ({ kind: 'audio', transcript: 'Sure, what is your name?' }) } },
      {
        history: [
          { role: 'agent', text: 'Thanks for calling Test Dental.' },
          { role: 'caller', text: 'I need a cleaning.' },
        ],
      },
    );
    const server = await peers.realtime.connection(0);
    const created = await server.waitForEvent(
      (event) => event.type === 'response.create' && server.items.length >= 2,
    );
    expect(JSON.stringify(created)).not.toContain('Say exactly');
    expect(server.items.slice(0, 2).map((item) => [item.role, JSON.stringify(item.content)])).toEqual([
      ['assistant', JSON.stringify([{ type: 'output_text', text: 'Thanks for calling Test Dental.' }])],
      ['user', JSON.stringify([{ type: 'input_text', text: 'I need a cleaning.' }])],
    ]);
    await recorder.finalTranscript('agent', 'Sure, what is your name?');
  });
});

describe('OpenAI engine: a browser call', () => {
  it('uses PCM16 24 kHz both ways and answers typed text', async () => {
    const replyAudio = patternBytes(9_600, 5); // 200 ms of PCM16 24 kHz
    const { peers, conversation, recorder } = await startOpenAITestCall(
      {
        realtime: {
          respond: ({ request }): FakeRealtimeReply =>
            typeof request?.instructions === 'string'
              ? { kind: 'audio', transcript: 'Hello!' }
              : { kind: 'audio', transcript: 'We are at 1 Main Street.', audio: replyAudio },
        },
      },
      { audioFormat: BROWSER_AUDIO, voice: 'not-a-voice' },
    );
    const server = await peers.realtime.connection(0);
    const audio = server.session.audio as {
      input: { format: unknown };
      output: { format: unknown; voice: string };
    };
    expect(audio.input.format).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audio.output.format).toEqual({ type: 'audio/pcm', rate: 24000 });
    expect(audio.output.voice).toBe('marin');
    await recorder.finalTranscript('agent', 'Hello!');

    const callerAudio = patternBytes(4_800, 11);
    conversation.pushAudio(callerAudio);
    expect(await server.waitForInputBytes(callerAudio.byteLength)).toEqual(callerAudio);

    conversation.pushText('Where are you?');
    const userItem = await server.waitForEvent((event) => event.type === 'conversation.item.create');
    expect(userItem.item).toMatchObject({
      role: 'user',
      content: [{ type: 'input_text', text: 'Where are you?' }],
    });
    const reply = await recorder.finalTranscript('agent', 'We are at 1 Main Street.');
    await recorder.waitFor(() => recorder.events.agent_audio_done.length === 2, 'reply audio done');
    expect(recorder.agentAudio(reply.itemId)).toEqual(replyAudio);
    expect(
      recorder.events.transcript.some((event) => event.role === 'caller' && event.text === 'Where are you?'),
    ).toBe(true);
  });
});

describe('OpenAI engine: session prompts', () => {
  it('speaks a fixed sentence from the call session through response.create', async () => {
    const { peers, conversation } = await startOpenAITestCall({
      realtime: {
        respond: ({ request }): FakeRealtimeReply => ({
          kind: 'audio',
          transcript: String(request?.instructions ?? 'ok'),
          audio: patternBytes(800, 5),
        }),
      },
    });
    const server = await peers.realtime.connection(0);
    await server.waitForEvent((event) => event.type === 'response.create');
    conversation.say?.('Are you still there?');
    const prompt = await server.waitForEvent(
      (event) => event.type === 'response.create' && JSON.stringify(event).includes('Are you still there?'),
    );
    expect(prompt.type).toBe('response.create');
  });
});
