import { type Database, forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import type { FakeRealtimeReply, FakeResponsesStep } from '@receptionist/engine/testing';
import { startOpenAITestCall } from '@receptionist/engine/testing/openai';
import { DateTime } from 'luxon';
import { beforeEach, expect, it, onTestFinished } from 'vitest';
import { buildAgentInstructions, toBusinessBrief } from '../instructions.ts';
import { buildReceptionistTools } from './index.ts';

// Monday 2030-01-07 08:00 in New York; the test business is open weekdays 9-17.
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const CALLER = '+12025550123';

let database: TestDatabase;
let db: Database;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  // Registered before the test starts its call, so it runs after the call and its peers are closed
  // (onTestFinished runs last-registered first): nothing still running may find the database gone.
  onTestFinished(() => database.cleanup());
});

/** The supervisor model as it would behave: look up, book, then say the booking tool's own sentence. */
function supervisorModel(request: { body: { input?: unknown } }, index: number): FakeResponsesStep {
  if (index === 0) {
    return {
      kind: 'tool_calls',
      calls: [
        {
          name: 'check_availability',
          arguments: { service: 'Cleaning', date: '2030-01-08', preferredTime: '10:00' },
        },
      ],
    };
  }
  if (index === 1) {
    return {
      kind: 'tool_calls',
      calls: [
        {
          name: 'book_appointment',
          arguments: { service: 'Cleaning', date: '2030-01-08', time: '10:00', customerName: 'Ada Lovelace' },
        },
      ],
    };
  }
  const outputs = (request.body.input as Array<{ type?: string; output?: string }>).filter(
    (item) => item.type === 'function_call_output',
  );
  const last = JSON.parse(outputs.at(-1)?.output ?? '{}') as { message?: string };
  return { kind: 'text', text: last.message ?? 'Something went wrong.' };
}

it('books a real appointment through the supervisor with two real receptionist tools', async () => {
  const { business, profile } = await createTestReceptionistBusiness(db);
  const call = await createTestCall(db, business.id, { fromNumber: CALLER });
  const tools = buildReceptionistTools({ db, businessId: business.id, now: () => NOW });
  const { peers, recorder } = await startOpenAITestCall(
    {
      realtime: {
        respond: ({ request, items }): FakeRealtimeReply => {
          if (typeof request?.instructions === 'string')
            return { kind: 'audio', transcript: profile.greeting };
          const last = items.at(-1);
          if (last?.type === 'function_call_output')
            return { kind: 'audio', transcript: String(last.output) };
          return {
            kind: 'function_call',
            name: 'getNextResponseFromSupervisor',
            arguments: { relevantContextFromLastUserMessage: 'Ada Lovelace wants a cleaning tomorrow at 10' },
          };
        },
      },
      responses: { script: supervisorModel },
    },
    {
      callId: call.id,
      businessId: business.id,
      callerNumber: CALLER,
      instructions: buildAgentInstructions(profile, { nowMs: NOW }),
      greeting: profile.greeting,
      business: toBusinessBrief(profile),
      tools,
      now: () => NOW,
    },
  );
  const server = await peers.realtime.connection(0);
  await recorder.finalTranscript('agent', profile.greeting);
  expect((server.session.tools as Array<{ name: string }>).map((tool) => tool.name).sort()).toEqual([
    'end_call',
    'getNextResponseFromSupervisor',
    'transfer_call',
  ]);

  server.simulateCallerSpeech('Hi, this is Ada Lovelace, can I get a cleaning tomorrow at ten?');
  const spoken = await recorder.waitFor(
    () =>
      recorder.events.transcript.find(
        (event) => event.role === 'agent' && event.final && event.text.startsWith("You're booked"),
      ),
    'the booking sentence',
  );
  expect(spoken.text).toContain('Cleaning on Tuesday, January 8 at 10:00 AM');

  // The supervisor saw every domain tool but the two the realtime agent runs itself.
  const supervisorTools = ((peers.responses.requests[0]?.body.tools ?? []) as Array<{ name: string }>).map(
    (tool) => tool.name,
  );
  expect(supervisorTools).toContain('check_availability');
  expect(supervisorTools).toContain('book_appointment');
  expect(supervisorTools).not.toContain('end_call');
  expect(supervisorTools).not.toContain('transfer_call');

  // One appointment, and the call log holds both tool calls under the ids the model gave them.
  const tenant = forBusiness(db, business.id);
  const appointments = await tenant.appointments.list({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
  expect(appointments.filter((row) => row.status === 'booked')).toHaveLength(1);
  const detail = await tenant.calls.get(call.id);
  expect(detail?.toolCalls.map((row) => [row.name, row.toolCallId, row.status])).toEqual([
    ['check_availability', 'call_fake_1_0', 'ok'],
    ['book_appointment', 'call_fake_2_0', 'ok'],
  ]);
  expect(recorder.events.tool_result.map((event) => [event.name, event.status])).toEqual([
    ['check_availability', 'ok'],
    ['book_appointment', 'ok'],
  ]);
});
