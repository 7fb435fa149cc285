import { forBusiness } from '@receptionist/db';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { appendCallTurn, appendCallTurns } from './append-turn.ts';
import { closeInterruptedCalls } from './close-interrupted.ts';
import { type CallContext, callContext } from './context.ts';
import { endCall } from './end-call.ts';
import { markCallAnswered } from './mark-call-answered.ts';
import { recordToolCall } from './record-tool-call.ts';
import { setCallOutcome } from './set-outcome.ts';
import { startCall } from './start-call.ts';
import { switchCallEngine } from './switch-call-engine.ts';

let test: TestDatabase;
let ctx: CallContext;
let businessId: string;

beforeEach(async () => {
  test = await createTestDatabase();
  businessId = (await createTestBusiness(test.db)).id;
  ctx = callContext(test.db, businessId);
});
afterEach(async () => {
  await test.cleanup();
});

async function ringingCall() {
  return startCall({
    ctx,
    input: { channel: 'phone', twilioCallSid: 'CA01', fromNumber: '+12125550123', engine: 'local' },
  });
}

/** The call.ended jobs only: ending a call also records a business event for each event consumer. */
async function callEndedJobs() {
  const jobs = await forBusiness(test.db, businessId).jobs.list();
  return jobs.filter((job) => job.kind === JOB_KINDS.callEnded);
}

describe('call log verbs', () => {
  it('starts a ringing call once per Twilio call SID', async () => {
    const first = await ringingCall();
    const retried = await ringingCall();
    expect(retried.id).toBe(first.id);
    expect(first.status).toBe('ringing');
  });

  it('logs turns in order, tool calls, the engine and the outcome', async () => {
    const call = await ringingCall();
    await markCallAnswered({ ctx, input: { callId: call.id, engine: 'openai' } });
    await appendCallTurn({ ctx, input: { callId: call.id, role: 'agent', text: 'Hello!', latencyMs: 300 } });
    await appendCallTurn({ ctx, input: { callId: call.id, role: 'caller', text: 'Book me in.' } });
    await recordToolCall({
      ctx,
      input: {
        callId: call.id,
        toolCallId: 't1',
        name: 'book_appointment',
        arguments: { date: '2026-03-03' },
        result: { ok: true },
        status: 'ok',
        latencyMs: 40,
      },
    });
    await switchCallEngine({ ctx, input: { callId: call.id, engine: 'local' } });
    const outcome = await setCallOutcome({
      ctx,
      input: { callId: call.id, succeededTools: ['take_message', 'book_appointment'], status: 'completed' },
    });
    expect(outcome).toBe('booked');
    const logged = await forBusiness(test.db, businessId).calls.get(call.id);
    expect(logged?.status).toBe('in_progress');
    expect(logged?.engine).toBe('local');
    expect(logged?.outcome).toBe('booked');
    expect(logged?.turns.map((turn) => [turn.sequence, turn.role, turn.text])).toEqual([
      [1, 'agent', 'Hello!'],
      [2, 'caller', 'Book me in.'],
    ]);
    expect(logged?.toolCalls.map((toolCall) => [toolCall.name, toolCall.status])).toEqual([
      ['book_appointment', 'ok'],
    ]);
  });

  it('refuses bad input and unknown calls with codes', async () => {
    await expect(
      appendCallTurn({ ctx, input: { callId: 'call_missing', role: 'caller', text: 'hi' } }),
    ).rejects.toMatchObject({ code: 'call_not_found' });
    await expect(
      // @ts-expect-error a role the call log does not know
      appendCallTurn({ ctx, input: { callId: 'call_x', role: 'robot', text: 'hi' } }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      endCall({ ctx, input: { callId: 'call_missing', status: 'completed', endReason: 'caller_hangup' } }),
    ).rejects.toMatchObject({ code: 'call_not_found' });
    await expect(
      // @ts-expect-error an open status is not an end
      endCall({ ctx, input: { callId: 'call_x', status: 'ringing', endReason: 'x' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it("appends one line to each of several calls at once, after each call's own lines", async () => {
    const first = await ringingCall();
    const second = await startCall({ ctx, input: { channel: 'browser', engine: 'local' } });
    await appendCallTurn({ ctx, input: { callId: first.id, role: 'agent', text: 'Hello' } });
    const rows = await appendCallTurns({
      ctx,
      input: [
        { callId: first.id, role: 'caller', text: 'I need a cleaning' },
        { callId: second.id, role: 'caller', text: 'Are you open?' },
      ],
    });
    expect(rows.map((row) => [row.callId, row.sequence])).toEqual([
      [first.id, 2],
      [second.id, 1],
    ]);
    // Two lines of one call in one insert would read the same sequence: refused, nothing written.
    await expect(
      appendCallTurns({
        ctx,
        input: [
          { callId: second.id, role: 'agent', text: 'Yes' },
          { callId: second.id, role: 'agent', text: 'until six' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    // Another business's call, or none, fails the whole write.
    const other = callContext(test.db, (await createTestBusiness(test.db)).id);
    await expect(
      appendCallTurns({ ctx: other, input: [{ callId: first.id, role: 'caller', text: 'not mine' }] }),
    ).rejects.toMatchObject({ code: 'call_not_found' });
    const turns = (await forBusiness(test.db, businessId).calls.get(second.id))?.turns ?? [];
    expect(turns.map((turn) => turn.text)).toEqual(['Are you open?']);
  });
});

describe('endCall', () => {
  it('ends the call and enqueues exactly one call.ended job for it', async () => {
    const call = await ringingCall();
    const ended = await endCall({
      ctx,
      input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' },
    });
    expect(ended.endedNow).toBe(true);
    expect(ended.call.status).toBe('completed');
    expect(ended.call.endReason).toBe('caller_hangup');
    expect(ended.call.endedAt).not.toBeNull();
    const jobs = await callEndedJobs();
    expect(jobs.map((job) => [job.kind, job.payload])).toEqual([[JOB_KINDS.callEnded, { callId: call.id }]]);
    expect(JOB_KINDS.callEnded).toBe('call.ended');
  });

  it('ending twice keeps the first end and does not enqueue a second job', async () => {
    const call = await ringingCall();
    await endCall({
      ctx,
      input: { callId: call.id, status: 'transferred', endReason: 'dtmf_0: Front desk' },
    });
    const again = await endCall({
      ctx,
      input: { callId: call.id, status: 'completed', endReason: 'twilio_completed' },
    });
    expect(again.endedNow).toBe(false);
    expect(again.call.status).toBe('transferred');
    expect(again.call.endReason).toBe('dtmf_0: Front desk');
    expect(await callEndedJobs()).toHaveLength(1);
  });

  it('stores the outcome with the end, and on a call a status callback ended first', async () => {
    const call = await ringingCall();
    const ended = await endCall({
      ctx,
      input: { callId: call.id, status: 'completed', endReason: 'caller_hangup', outcome: 'booked' },
    });
    expect(ended.call.outcome).toBe('booked');

    const second = await startCall({ ctx, input: { channel: 'browser', engine: 'local' } });
    await endCall({ ctx, input: { callId: second.id, status: 'completed', endReason: 'twilio_completed' } });
    const late = await endCall({
      ctx,
      input: { callId: second.id, status: 'completed', endReason: 'caller_hangup', outcome: 'message_taken' },
    });
    expect(late).toMatchObject({
      endedNow: false,
      call: { endReason: 'twilio_completed', outcome: 'message_taken' },
    });
    expect(await callEndedJobs()).toHaveLength(2);
  });

  it('enqueues one job when two ends race', async () => {
    const call = await ringingCall();
    const results = await Promise.all([
      endCall({ ctx, input: { callId: call.id, status: 'completed', endReason: 'caller_hangup' } }),
      endCall({ ctx, input: { callId: call.id, status: 'completed', endReason: 'twilio_completed' } }),
    ]);
    expect(results.filter((result) => result.endedNow)).toHaveLength(1);
    expect(await callEndedJobs()).toHaveLength(1);
  });
});

describe('closeInterruptedCalls', () => {
  it('ends the calls a crash left open, each with one call.ended job, and leaves ended calls alone', async () => {
    const open = await ringingCall();
    const ended = await startCall({
      ctx,
      input: { channel: 'phone', twilioCallSid: 'CA02', fromNumber: '+12125550124', engine: 'local' },
    });
    await endCall({ ctx, input: { callId: ended.id, status: 'completed', endReason: 'caller_hangup' } });
    const restartAtMs = Date.parse('2030-01-07T15:00:00Z');

    const closed = await closeInterruptedCalls({ ctx: { db: test.db, nowMs: restartAtMs } });
    const again = await closeInterruptedCalls({ ctx: { db: test.db, nowMs: restartAtMs + 1_000 } });

    expect(closed.map((call) => [call.id, call.status, call.endedAt])).toEqual([
      [open.id, 'interrupted', restartAtMs],
    ]);
    expect(again).toEqual([]);
    const jobs = await callEndedJobs();
    expect(jobs.map((job) => [job.kind, job.payload]).sort()).toEqual(
      [
        [JOB_KINDS.callEnded, { callId: ended.id }],
        [JOB_KINDS.callEnded, { callId: open.id }],
      ].sort(),
    );
    expect(jobs.find((job) => (job.payload as { callId: string }).callId === open.id)?.runAt).toBe(
      restartAtMs,
    );
  });
});
