import { TypedEmitter } from '@receptionist/audio';
import { forBusiness } from '@receptionist/db';
import {
  createTestBusiness,
  createTestCall,
  createTestDatabase,
  type TestDatabase,
} from '@receptionist/db/testing';
import { JOB_KINDS } from '@receptionist/domain';
import type { ToolResultEvent } from '@receptionist/engine';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoiceMetrics } from '../metrics.ts';
import { CallJournal } from './call-journal.ts';
import { CallLogOutbox } from './call-log-outbox.ts';
import { CallLogWriter } from './call-log-writer.ts';
import type { RelayEvents } from './media-relay.ts';

/** Stands in for the media relay: the test says what passed through it. */
class TestRelay extends TypedEmitter<RelayEvents> {
  send<K extends keyof RelayEvents & string>(event: K, payload: RelayEvents[K]): void {
    this.emit(event, payload);
  }
}

/** The journal's wall clock, pinned: turn timestamps come from it. */
const NOW_MS = Date.parse('2030-01-07T14:30:00Z');

let test: TestDatabase;
beforeEach(async () => {
  test = await createTestDatabase();
});
afterEach(async () => {
  await test.cleanup();
});

async function journalOnNewCall() {
  const business = await createTestBusiness(test.db);
  const call = await createTestCall(test.db, business.id);
  const metrics = new VoiceMetrics();
  const outbox = new CallLogOutbox({ db: test.db, logger: pino({ level: 'silent' }), metrics });
  const writer = new CallLogWriter({ outbox, businessId: business.id, callId: call.id });
  const playback = { isPlaying: false };
  const journal = new CallJournal({ writer, metrics, playback, now: () => NOW_MS });
  const relay = new TestRelay();
  journal.follow(relay);
  return { journal, relay, metrics, playback, tenant: forBusiness(test.db, business.id), callId: call.id };
}

const toolResult = (overrides: Partial<ToolResultEvent>): ToolResultEvent => ({
  toolCallId: 'tool_1',
  name: 'book_appointment',
  arguments: {},
  result: { ok: true, message: 'Booked.' },
  status: 'ok',
  latencyMs: 12,
  ...overrides,
});

describe('CallJournal', () => {
  it('writes no tool_calls row for a result the tool already recorded, but counts it for the outcome', async () => {
    const { journal, relay, tenant, callId } = await journalOnNewCall();
    relay.send('tool_result', toolResult({ toolCallId: 'tool_1', recorded: true }));
    relay.send(
      'tool_result',
      toolResult({ toolCallId: 'tool_2', name: 'check_availability', status: 'timeout' }),
    );
    journal.end('completed', 'caller_hangup');
    await journal.flush();
    const logged = await tenant.calls.get(callId);
    expect(logged?.toolCalls.map((row) => [row.toolCallId, row.status])).toEqual([['tool_2', 'timeout']]);
    expect(logged?.outcome).toBe('booked');
    expect(logged?.endReason).toBe('caller_hangup');
    // Other kinds (business events for the cold path's consumers) may follow; one call.ended is the point.
    const kinds = (await tenant.jobs.list()).map((job) => job.kind);
    expect(kinds.filter((kind) => kind === JOB_KINDS.callEnded)).toEqual([JOB_KINDS.callEnded]);
  });

  it('logs an agent reply once it has played, and a cut reply as interrupted, in spoken order', async () => {
    const { journal, relay, playback, tenant, callId } = await journalOnNewCall();
    playback.isPlaying = true;
    relay.send('agent_audio', { itemId: 'a1', engine: 'scripted' });
    relay.send('transcript', { role: 'agent', itemId: 'a1', text: 'Hello, how can I help?', final: true });
    relay.send('barge_in', { itemId: 'a1', heardMs: 400 });
    relay.send('transcript', { role: 'caller', itemId: 'c1', text: 'Book me in', final: true });
    relay.send('agent_audio', { itemId: 'a2', engine: 'scripted' });
    relay.send('transcript', { role: 'agent', itemId: 'a2', text: 'Sure.', final: true });
    playback.isPlaying = false;
    relay.send('played', undefined);
    await journal.flush();
    const turns = (await tenant.calls.get(callId))?.turns ?? [];
    expect(turns.map((turn) => [turn.role, turn.text, turn.interrupted])).toEqual([
      ['agent', 'Hello, how can I help?', true],
      ['caller', 'Book me in', false],
      ['agent', 'Sure.', false],
    ]);
    expect(turns[2]?.latencyMs).not.toBeNull();
    expect(journal.history).toEqual([
      { role: 'agent', text: 'Hello, how can I help?' },
      { role: 'caller', text: 'Book me in' },
      { role: 'agent', text: 'Sure.' },
    ]);
  });

  it('never fails the call when a write is refused: it counts the refusal and goes on in order', async () => {
    const business = await createTestBusiness(test.db);
    const metrics = new VoiceMetrics();
    const outbox = new CallLogOutbox({ db: test.db, logger: pino({ level: 'silent' }), metrics });
    const writer = new CallLogWriter({
      outbox,
      businessId: business.id,
      callId: 'call_that_does_not_exist',
    });
    const journal = new CallJournal({ writer, metrics, playback: { isPlaying: false }, now: () => NOW_MS });
    journal.engineSwitched('local', 'openai: disconnected');
    journal.end('failed', 'engine_error');
    await expect(journal.flush()).resolves.toBeUndefined();
    const failures = (await metrics.errors.get()).values.find(
      (value) => value.labels.kind === 'call_log_write_rejected',
    );
    // The system turn, the engine switch and the end (with its outcome): three refusals, none retried.
    expect(failures?.value).toBe(3);
  });
});
