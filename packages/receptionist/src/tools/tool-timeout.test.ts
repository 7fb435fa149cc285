import { type Database, forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { TOOL_FAILURE_SENTENCES, type ToolResultEvent, ToolRunner } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceptionistTools } from './index.ts';

// Monday 2030-01-07 08:00 in New York; the test business is open weekdays 9-17.
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const CALLER = '+12025550123';
const booking = { service: 'Cleaning', date: '2030-01-08', time: '10:00', customerName: 'Ada Lovelace' };

let database: TestDatabase;
let db: Database;
let businessId: string;
let callId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  businessId = (await createTestReceptionistBusiness(db)).business.id;
  callId = (await createTestCall(db, businessId, { fromNumber: CALLER })).id;
});

afterEach(async () => {
  await database.cleanup();
});

/** Another writer (the dashboard, a second process) holding the write lock until `release` is called. */
function holdWriteLock(): { release: () => void; done: Promise<void> } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = forBusiness(db, businessId).transaction(async () => {
    await held;
  });
  return { release, done };
}

describe('a tool that times out behind a held write lock', () => {
  it('tells the caller it did not answer, and then never books behind their back', async () => {
    const results: ToolResultEvent[] = [];
    const late: ToolResultEvent[] = [];
    const runner = new ToolRunner({
      tools: buildReceptionistTools({ db, businessId, now: () => NOW }),
      context: { businessId, callId, callerNumber: CALLER },
      timeoutMs: 150,
      signal: new AbortController().signal,
      onToolCall: () => undefined,
      onToolResult: (event) => results.push(event),
      onLateResult: (event) => late.push(event),
    });
    const lock = holdWriteLock();
    const answer = await runner.run('book_appointment', booking, 'tc_held');
    expect(answer.result).toMatchObject({ ok: false, message: TOOL_FAILURE_SENTENCES.timeout });

    // The other writer lets go; the booking's transaction now gets the lock and must roll back.
    lock.release();
    await lock.done;
    await forBusiness(db, businessId).transaction(async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const tenant = forBusiness(db, businessId);
    const appointments = await tenant.appointments.list({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(appointments).toEqual([]);
    expect(await tenant.calls.findToolCall(callId, 'tc_held')).toBeUndefined();
    expect(late).toEqual([]);
    expect(results.map((event) => event.status)).toEqual(['timeout']);
  });

  it('books normally once the lock is free again', async () => {
    const runner = new ToolRunner({
      tools: buildReceptionistTools({ db, businessId, now: () => NOW }),
      context: { businessId, callId, callerNumber: CALLER },
      timeoutMs: 5_000,
      signal: new AbortController().signal,
      onToolCall: () => undefined,
      onToolResult: () => undefined,
    });
    const lock = holdWriteLock();
    setTimeout(() => lock.release(), 100);
    const answer = await runner.run('book_appointment', booking, 'tc_waits');
    expect(answer.result.ok).toBe(true);
    const appointments = await forBusiness(db, businessId).appointments.list({
      fromMs: 0,
      toMs: Number.MAX_SAFE_INTEGER,
    });
    expect(appointments).toHaveLength(1);
  });
});
