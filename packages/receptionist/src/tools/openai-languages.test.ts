import { type Database, forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import type {
  FakeRealtimeReply,
  FakeRealtimeResponderInput,
  FakeResponsesServerOptions,
  FakeResponsesStep,
} from '@receptionist/engine/testing';
import { startOpenAITestCall } from '@receptionist/engine/testing/openai';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { receptionistCommitments } from '../commitments.ts';
import { buildAgentInstructions, toBusinessBrief } from '../instructions.ts';
import { buildReceptionistTools } from './index.ts';

// Monday 2030-01-07 08:00 in New York; the test business is open weekdays 9-17.
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const CALLER = '+12025550123';
const GREETING = 'Gracias por llamar. ¿En qué le puedo ayudar?';

let database: TestDatabase;
let db: Database;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  onTestFinished(() => database.cleanup());
});

/** The realtime agent as the model behaves: defer each Spanish turn to the supervisor, read its answer. */
function spanishAgent({ request, items }: FakeRealtimeResponderInput): FakeRealtimeReply {
  if (typeof request?.instructions === 'string') return { kind: 'audio', transcript: GREETING };
  const last = items.at(-1);
  if (last?.type === 'function_call_output') return { kind: 'audio', transcript: String(last.output) };
  return {
    kind: 'function_call',
    name: 'getNextResponseFromSupervisor',
    arguments: {
      relevantContextFromLastUserMessage: 'Quiere una cita mañana a las diez',
      callerLanguage: 'es-ES',
    },
  };
}

/** The last tool output the supervisor saw, parsed. */
function lastToolOutput(request: { body: { input?: unknown } }): {
  data?: { appointment?: { spoken?: string } };
} {
  const outputs = (request.body.input as Array<{ type?: string; output?: string }>).filter(
    (item) => item.type === 'function_call_output',
  );
  return JSON.parse(outputs.at(-1)?.output ?? '{}');
}

/** Books `service` tomorrow at ten, then says the booking in the caller's language from the tool's `spoken`. */
function bookingSupervisor(service: string) {
  return (request: { body: { input?: unknown } }, index: number): FakeResponsesStep => {
    if (index === 0)
      return {
        kind: 'tool_calls',
        calls: [
          {
            name: 'book_appointment',
            arguments: { service, date: '2030-01-08', time: '10:00', customerName: 'Ana García' },
          },
        ],
      };
    return {
      kind: 'text',
      text: `Listo, su cita está reservada: ${lastToolOutput(request).data?.appointment?.spoken}.`,
    };
  };
}

async function spanishCall(script: FakeResponsesServerOptions) {
  const { business, profile } = await createTestReceptionistBusiness(db, {
    languages: ['en-US', 'es-ES'],
    translations: { 'es-ES': { greeting: GREETING, services: { cleaning: { name: 'Limpieza' } } } },
  });
  const call = await createTestCall(db, business.id, { fromNumber: CALLER });
  const started = await startOpenAITestCall(
    { realtime: { respond: spanishAgent }, responses: script },
    {
      callId: call.id,
      businessId: business.id,
      callerNumber: CALLER,
      instructions: buildAgentInstructions(profile, { nowMs: NOW, language: 'es-ES' }),
      greeting: GREETING,
      business: toBusinessBrief(profile),
      tools: buildReceptionistTools({ db, businessId: business.id, now: () => NOW }),
      language: 'es-ES',
      languages: ['en-US', 'es-ES'],
      commitments: receptionistCommitments,
      now: () => NOW,
    },
  );
  const server = await started.peers.realtime.connection(0);
  await started.recorder.finalTranscript('agent', GREETING);
  return { ...started, server, business };
}

describe('a Spanish call through the OpenAI engine and the real receptionist tools', () => {
  it('reads the booked date and time back in Spanish, with the Spanish service name', async () => {
    const { server, recorder, business } = await spanishCall({ script: bookingSupervisor('Cleaning') });
    server.simulateCallerSpeech('Quisiera una limpieza mañana a las diez. Me llamo Ana García.');
    const said = await recorder.waitFor(
      () =>
        recorder.events.transcript.find((event) => event.role === 'agent' && event.text.startsWith('Listo')),
      'the Spanish confirmation',
    );
    expect(said.text).toBe('Listo, su cita está reservada: Limpieza el martes, 8 de enero a las 10:00.');
    // A real booking backs the confirmation: nothing was replaced.
    expect(recorder.events.decision.map((event) => event.kind)).not.toContain('commitment_unbacked');
    const booked = await forBusiness(db, business.id).appointments.list({
      fromMs: 0,
      toMs: Number.MAX_SAFE_INTEGER,
    });
    expect(booked).toHaveLength(1);
  });

  it('falls back to the primary-language name for a service with no Spanish translation', async () => {
    const { server, recorder } = await spanishCall({ script: bookingSupervisor('Whitening') });
    server.simulateCallerSpeech('Quisiera un blanqueamiento mañana a las diez.');
    const said = await recorder.waitFor(
      () =>
        recorder.events.transcript.find((event) => event.role === 'agent' && event.text.startsWith('Listo')),
      'the Spanish confirmation',
    );
    expect(said.text).toBe('Listo, su cita está reservada: Whitening el martes, 8 de enero a las 10:00.');
  });

  it('replaces a fabricated Spanish "su cita está reservada" with a truthful sentence when nothing was booked', async () => {
    const { server, recorder, business } = await spanishCall({
      script: [{ kind: 'text', text: 'Perfecto, su cita está reservada para mañana a las diez.' }],
    });
    server.simulateCallerSpeech('Quisiera una limpieza mañana a las diez.');
    const said = await recorder.waitFor(
      () =>
        recorder.events.transcript.find(
          (event) => event.role === 'agent' && event.text.startsWith('Todavía'),
        ),
      'the truthful sentence',
    );
    expect(said.text).toBe(
      'Todavía no hay ninguna reserva hecha. ¿Quiere que revise los horarios y haga la reserva?',
    );
    expect(recorder.events.transcript.some((event) => event.text.includes('está reservada'))).toBe(false);
    expect(recorder.events.decision).toContainEqual(
      expect.objectContaining({ kind: 'commitment_unbacked', detail: 'booking' }),
    );
    const booked = await forBusiness(db, business.id).appointments.list({
      fromMs: 0,
      toMs: Number.MAX_SAFE_INTEGER,
    });
    expect(booked).toHaveLength(0);
  });
});
