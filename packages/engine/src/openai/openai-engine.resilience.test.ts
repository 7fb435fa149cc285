import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EngineConnectError } from '../errors.ts';
import type { FakeRealtimeReply, FakeRealtimeResponder } from '../testing/fake-openai-realtime-server.ts';
import { defineTool } from '../tool.ts';
import {
  type OpenAITestPeerOptions,
  patternBytes,
  startOpenAITestCall,
  startOpenAITestPeersForTest,
  testConversationConfig,
} from './test-kit.ts';

const greetThenAnswer: FakeRealtimeResponder = ({ request, items }): FakeRealtimeReply => {
  if (typeof request?.instructions === 'string') {
    const said = /"(.*)"/.exec(request.instructions)?.[1] ?? 'Hello.';
    return { kind: 'audio', transcript: said };
  }
  const last = items.at(-1);
  if (last?.type === 'function_call_output') return { kind: 'audio', transcript: String(last.output) };
  return { kind: 'audio', transcript: 'Sure.' };
};

async function callWithOneExchange(engine: Partial<OpenAITestPeerOptions> = {}) {
  const call = await startOpenAITestCall(
    { realtime: { respond: greetThenAnswer }, ...engine },
    { greeting: 'Hello, Test Dental.' },
  );
  const { peers, recorder } = call;
  const first = await peers.realtime.connection(0);
  await recorder.finalTranscript('agent', 'Hello, Test Dental.');
  first.simulateCallerSpeech('I need a cleaning.');
  await recorder.finalTranscript('agent', 'Sure.');
  return { ...call, first };
}

/** The text items the engine created to re-seed a session (the server's own replies carry audio). */
function seededItems(items: readonly Record<string, unknown>[]): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const content = (item.content as Array<{ type: string; text?: string }> | undefined)?.[0];
    if (item.type === 'message' && (content?.type === 'input_text' || content?.type === 'output_text')) {
      lines.push(`${item.role}:${content.type}:${content.text}`);
    }
  }
  return lines;
}

describe('OpenAI engine: reconnect', () => {
  it("reconnects after a dropped socket, re-seeds what was said and takes the gap's caller audio", async () => {
    const { peers, conversation, recorder, first } = await callWithOneExchange({
      engine: { reconnect: { backoffMs: 300 } },
    });
    expect(conversation.acceptingAudio).toBe(true);

    first.terminate();
    await recorder.waitFor(
      () => recorder.events.decision.find((event) => event.kind === 'engine_reconnecting'),
      'reconnecting decision',
    );
    // During the gap the engine says it cannot take audio and keeps none itself: the caller's side
    // (the voice server's relay) keeps the gap's audio and sends it once the engine accepts audio again.
    expect(conversation.acceptingAudio).toBe(false);
    expect(recorder.events.accepting_audio).toEqual([{ accepting: false }]);
    conversation.pushAudio(patternBytes(800, 99));
    const gapAudio = patternBytes(1_600, 21);
    conversation.on('accepting_audio', ({ accepting }) => {
      if (accepting) conversation.pushAudio(gapAudio);
    });

    const second = await peers.realtime.connection(1);
    await recorder.waitFor(
      () => recorder.events.decision.find((event) => event.kind === 'engine_reconnected'),
      'reconnected decision',
    );
    expect(recorder.events.accepting_audio).toEqual([{ accepting: false }, { accepting: true }]);
    expect(conversation.acceptingAudio).toBe(true);
    expect(await second.waitForInputBytes(gapAudio.byteLength)).toEqual(gapAudio);
    expect(seededItems(second.items)).toEqual([
      'assistant:output_text:Hello, Test Dental.',
      'user:input_text:I need a cleaning.',
      'assistant:output_text:Sure.',
    ]);
    // The agent had nothing owed: no new greeting, no reply forced.
    expect(second.received.some((event) => event.type === 'response.create')).toBe(false);
    expect((second.session.audio as { output: { format: unknown } }).output.format).toEqual({
      type: 'audio/pcmu',
    });

    // The call goes on over the new session.
    second.simulateCallerSpeech('Tomorrow please.');
    await recorder.waitFor(
      () => recorder.events.transcript.filter((event) => event.final && event.text === 'Sure.').length === 2,
      'second answer',
    );
    expect(recorder.events.error).toEqual([]);
    expect(recorder.events.end).toEqual([]);
  });

  it('after a drop mid-reply, does not re-seed the unfinished reply and asks the agent to go on', async () => {
    const peers = await startOpenAITestPeersForTest({
      realtime: {
        respond: ({ connection }): FakeRealtimeReply =>
          connection === peers.realtime.connections[0]
            ? {
                kind: 'audio',
                transcript: 'A long greeting that never finishes.',
                audio: patternBytes(24_000, 3),
              }
            : { kind: 'audio', transcript: 'Sorry, where were we?' },
        audioChunkIntervalMs: 10,
      },
      engine: { reconnect: { backoffMs: 20 } },
    });
    const { recorder } = await peers.startCall();
    const first = await peers.realtime.connection(0);
    await recorder.waitFor(() => recorder.events.agent_audio.length >= 5, 'some greeting audio');
    first.terminate();

    await recorder.finalTranscript('agent', 'Sorry, where were we?');
    const second = await peers.realtime.connection(1);
    expect(seededItems(second.items)).toEqual([]);
    const requests = second.received.filter((event) => event.type === 'response.create');
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests[0])).not.toContain('A long greeting');
  });

  it('renews an expired session (session_expired, close 1001)', async () => {
    const { peers, recorder, first } = await callWithOneExchange();
    first.sendError({
      type: 'invalid_request_error',
      code: 'session_expired',
      message: 'Your session hit the maximum duration of 60 minutes.',
    });
    first.close(1001, 'Your session hit the maximum duration of 60 minutes.');
    const reconnected = await recorder.waitFor(
      () => recorder.events.decision.find((event) => event.kind === 'engine_reconnected'),
      'reconnected decision',
    );
    expect(reconnected.detail).toBe('session_expired');
    const second = await peers.realtime.connection(1);
    await second.waitForEvent(() => seededItems(second.items).length === 3);
    expect(seededItems(second.items)).toEqual([
      'assistant:output_text:Hello, Test Dental.',
      'user:input_text:I need a cleaning.',
      'assistant:output_text:Sure.',
    ]);
  });

  it('keeps going after a request error the session survives', async () => {
    const { peers, recorder, first } = await callWithOneExchange();
    first.sendError({
      type: 'invalid_request_error',
      code: 'conversation_already_has_active_response',
      message: 'busy',
    });
    const error = await recorder.waitFor(() => recorder.events.error[0], 'non-fatal error');
    expect(error).toMatchObject({ code: 'peer_error', fatal: false });
    first.simulateCallerSpeech('Hello?');
    await recorder.waitFor(
      () => recorder.events.transcript.filter((event) => event.final && event.text === 'Sure.').length === 2,
      'answer on the same session',
    );
    expect(peers.realtime.connections).toHaveLength(1);
  });

  it('fails over after two failed reconnects: a fatal error, then end', async () => {
    const { peers, conversation, recorder, first } = await callWithOneExchange();
    peers.realtime.refuseConnections(100);
    first.close(1011, 'server error');
    await recorder.waitFor(() => recorder.events.end.length === 1, 'end');
    expect(recorder.events.error).toEqual([expect.objectContaining({ code: 'disconnected', fatal: true })]);
    expect(recorder.events.end).toEqual([{ reason: 'error', detail: 'disconnected' }]);
    expect(peers.realtime.connectionAttempts).toBe(3);
    // Closing after the failover is harmless and says nothing more.
    await conversation.close();
    expect(recorder.events.end).toHaveLength(1);
  });

  it('retries a failed first connect, and rejects start when the budget is spent', async () => {
    const peers = await startOpenAITestPeersForTest({ realtime: { respond: greetThenAnswer } });
    peers.realtime.refuseConnections(1);
    const { conversation, recorder } = await peers.startCall({ greeting: 'Hello after a retry.' });
    expect(peers.realtime.connectionAttempts).toBe(2);
    await recorder.finalTranscript('agent', 'Hello after a retry.');
    await conversation.close();

    peers.realtime.refuseConnections(100);
    const failed = peers.engine.start(testConversationConfig());
    await expect(failed).rejects.toBeInstanceOf(EngineConnectError);
    await expect(failed).rejects.toMatchObject({ code: 'connect_failed' });
    expect(peers.realtime.connectionAttempts).toBe(5);
  });

  it('never repeats a tool across a reconnect and speaks the late answer on the new session', async () => {
    let bookings = 0;
    const book = defineTool({
      name: 'book_appointment',
      description: 'Call to book.',
      parameters: z.object({ start: z.string() }),
      execute: async () => {
        bookings += 1;
        return { ok: true, message: 'Booked.', data: { appointmentId: 'appt_9' } };
      },
    });
    let firstDropped = false;
    const { peers, recorder } = await startOpenAITestCall(
      {
        realtime: {
          respond: ({ request, items, connection }): FakeRealtimeReply => {
            const last = items.at(-1);
            if (typeof request?.instructions === 'string' || last?.type === 'function_call_output') {
              return greetThenAnswer({ request, items, connection }) as FakeRealtimeReply;
            }
            return {
              kind: 'function_call',
              name: 'getNextResponseFromSupervisor',
              arguments: { relevantContextFromLastUserMessage: 'book 10am' },
            };
          },
        },
        responses: {
          script: async (_request, index) => {
            if (index === 1 && !firstDropped) {
              // The realtime socket drops while the supervisor is between its tool call and its answer.
              firstDropped = true;
              peers.realtime.connections[0]?.terminate();
              await peers.realtime.connection(1);
            }
            if (index === 0)
              return {
                kind: 'tool_calls',
                calls: [{ name: 'book_appointment', arguments: { start: '10:00' } }],
              };
            return { kind: 'text', text: index === 1 ? 'You are booked at ten.' : 'Anything else?' };
          },
        },
      },
      { tools: [book], greeting: 'Hello.' },
    );
    const first = await peers.realtime.connection(0);
    await recorder.finalTranscript('agent', 'Hello.');
    first.simulateCallerSpeech('Book me at ten.');

    // The answer of the dropped session is said on the new one.
    await recorder.finalTranscript('agent', 'You are booked at ten.');
    const second = await peers.realtime.connection(1);
    expect(JSON.stringify(second.received.filter((event) => event.type === 'response.create'))).toContain(
      'You are booked at ten.',
    );
    // A later supervisor turn is told the booking happened instead of booking again.
    second.simulateCallerSpeech('Did that work?');
    await recorder.finalTranscript('agent', 'Anything else?');
    expect(bookings).toBe(1);
    expect(recorder.events.tool_result).toHaveLength(1);
    expect(JSON.stringify(peers.responses.requests[2]?.body.input)).toContain(
      'Tool calls already made on this call',
    );
    expect(JSON.stringify(peers.responses.requests[2]?.body.input)).toContain('appt_9');
  });
});
