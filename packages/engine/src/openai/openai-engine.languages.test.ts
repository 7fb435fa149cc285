import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CommitmentCheck } from '../commitments.ts';
import type { FakeRealtimeReply, FakeRealtimeResponder } from '../testing/fake-openai-realtime-server.ts';
import { defineTool, type ToolContext } from '../tool.ts';
import { startOpenAITestCall } from './test-kit.ts';

/**
 * The chat agent as the real model behaves on a bilingual call: greet, and defer each caller turn to the
 * supervisor with the language it hears (Spanish once the caller speaks Spanish), then read the answer.
 */
function bilingualAgent(): FakeRealtimeResponder {
  return ({ request, items }): FakeRealtimeReply => {
    if (typeof request?.instructions === 'string') {
      const said = /"(.*)"/s.exec(request.instructions)?.[1];
      return { kind: 'audio', transcript: said ?? 'Hello, Test Dental.' };
    }
    const last = items.at(-1);
    if (last?.type === 'function_call_output') return { kind: 'audio', transcript: String(last.output) };
    const heard = JSON.stringify(items.filter((item) => item.type === 'message').at(-1) ?? {});
    const spanish = /quisiera|limpieza|martes/i.test(heard);
    return {
      kind: 'function_call',
      name: 'getNextResponseFromSupervisor',
      arguments: {
        relevantContextFromLastUserMessage: spanish ? 'Quiere una limpieza el martes' : 'Asks about hours',
        callerLanguage: spanish ? 'es' : 'en-US',
      },
    };
  };
}

/** A stand-in for the receptionist's check (the engine knows no business): "booked" needs a booking tool. */
const bookingCheck: CommitmentCheck = {
  review(text, succeeded) {
    const claim = /you're booked|está reservad[ao]/i.exec(text);
    if (!claim || succeeded.has('book_appointment')) return undefined;
    return { kind: 'booking', claim: claim[0], replacement: "I haven't booked anything yet." };
  },
};

function sessionUpdates(server: { received: Array<Record<string, unknown>> }) {
  return server.received.filter((event) => event.type === 'session.update');
}

function transcriptionOf(update: Record<string, unknown> | undefined): Record<string, unknown> {
  const session = update?.session as { audio?: { input?: { transcription?: Record<string, unknown> } } };
  return session?.audio?.input?.transcription ?? {};
}

describe('OpenAI engine: languages', () => {
  it('pins recognition to a single language but leaves it unset when the business serves several', async () => {
    const single = await startOpenAITestCall(
      { realtime: { respond: bilingualAgent() } },
      { language: 'es-MX' },
    );
    const singleServer = await single.peers.realtime.connection(0);
    await single.recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');
    expect(transcriptionOf(sessionUpdates(singleServer)[0]).language).toBe('es');

    const several = await startOpenAITestCall(
      { realtime: { respond: bilingualAgent() } },
      { language: 'en-US', languages: ['en-US', 'es-MX'] },
    );
    const severalServer = await several.peers.realtime.connection(0);
    await several.recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');
    const update = sessionUpdates(severalServer)[0];
    expect(transcriptionOf(update)).not.toHaveProperty('language');
    const instructions = String((update?.session as { instructions?: string })?.instructions);
    expect(instructions).toContain('English (en-US), Spanish (es-MX)');
    expect(instructions).toContain('switch with them at once');
  });

  it('follows the caller into Spanish mid-call: the supervisor and the tools are told the new language', async () => {
    const contexts: ToolContext[] = [];
    const tools = [
      defineTool({
        name: 'check_availability',
        description: 'Call when the caller asks for free times.',
        parameters: z.object({ date: z.string() }),
        execute: async (_args, context) => {
          contexts.push(context);
          return { ok: true, message: 'Free at 10:00.', data: { language: context.language } };
        },
      }),
    ];
    const { peers, recorder } = await startOpenAITestCall(
      {
        realtime: { respond: bilingualAgent() },
        responses: {
          script: (_request, index) =>
            index === 0
              ? { kind: 'text', text: 'We are open from nine to five.' }
              : index === 1
                ? {
                    kind: 'tool_calls',
                    calls: [{ name: 'check_availability', arguments: { date: '2026-03-03' } }],
                  }
                : { kind: 'text', text: 'Tengo libre el martes a las diez.' },
        },
      },
      { tools, language: 'en-US', languages: ['en-US', 'es-MX'] },
    );
    const server = await peers.realtime.connection(0);
    await recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');

    server.simulateCallerSpeech('When are you open?');
    await recorder.finalTranscript('agent', 'We are open from nine to five.');
    server.simulateCallerSpeech('Quisiera una limpieza el martes, por favor.');
    await recorder.finalTranscript('agent', 'Tengo libre el martes a las diez.');

    const [english, spanish] = peers.responses.requests;
    expect(JSON.stringify(english?.body.input)).toContain("Caller's language (answer in it) ====\\nen-US");
    expect(JSON.stringify(spanish?.body.input)).toContain("Caller's language (answer in it) ====\\nes-MX");
    // The served tag, not the bare one the agent gave, reaches the tool.
    expect(contexts.map((context) => context.language)).toEqual(['es-MX']);
    expect(recorder.events.decision).toContainEqual(
      expect.objectContaining({ kind: 'caller_language', detail: 'es-MX' }),
    );
  });

  it('replaces a supervisor "you\'re booked" that no tool backs with the truthful sentence, and reports it', async () => {
    const { peers, recorder } = await startOpenAITestCall(
      {
        realtime: { respond: bilingualAgent() },
        responses: { script: [{ kind: 'text', text: "Great, you're booked for Tuesday at ten." }] },
      },
      { commitments: bookingCheck },
    );
    const server = await peers.realtime.connection(0);
    await recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');
    server.simulateCallerSpeech('Can you book me a cleaning Tuesday at ten?');
    await recorder.finalTranscript('agent', "I haven't booked anything yet.");

    expect(
      recorder.events.transcript.some((event) => event.role === 'agent' && /you're booked/i.test(event.text)),
    ).toBe(false);
    expect(recorder.events.decision).toContainEqual({
      kind: 'commitment_unbacked',
      detail: 'booking',
      data: expect.objectContaining({ source: 'supervisor', claim: "you're booked" }),
    });
  });

  it('follows a realtime-agent line that claims a booking no tool made with the truthful sentence', async () => {
    const respond: FakeRealtimeResponder = ({ request }): FakeRealtimeReply => {
      if (typeof request?.instructions === 'string') {
        const said = /"(.*)"/s.exec(request.instructions)?.[1];
        return { kind: 'audio', transcript: said ?? 'Hello.' };
      }
      return { kind: 'audio', transcript: 'Perfecto, su cita está reservada.' };
    };
    const { peers, recorder } = await startOpenAITestCall(
      { realtime: { respond } },
      { commitments: bookingCheck, language: 'es-MX' },
    );
    const server = await peers.realtime.connection(0);
    await recorder.finalTranscript('agent', 'Thanks for calling Test Dental, how can I help?');
    server.simulateCallerSpeech('Quiero una cita el martes.');
    await recorder.finalTranscript('agent', 'Perfecto, su cita está reservada.');
    await recorder.finalTranscript('agent', "I haven't booked anything yet.");
    expect(recorder.events.decision).toContainEqual(
      expect.objectContaining({
        kind: 'commitment_unbacked',
        data: expect.objectContaining({ source: 'realtime_agent' }),
      }),
    );
  });
});
