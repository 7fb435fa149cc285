import { forBusiness } from '@receptionist/db';
import {
  createTestBusiness,
  createTestCall,
  createTestDatabase,
  createTestService,
  type TestDatabase,
} from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySetup, findScenarioBusiness, readCallRecord } from './call-log.ts';
import { resolveDateCandidates, slotToEpochMs } from './dates.ts';
import { checkExpectations } from './expectations.ts';
import { parseScenario } from './loader.ts';

const ZONE = 'America/New_York';
// Wednesday 2 December 2026, 10:00 in New York: every date phrase here is read against this morning.
const NOW = DateTime.fromISO('2026-12-02T10:00', { zone: ZONE });
const BUSINESS_NUMBER = '+15005550199';
let test: TestDatabase;

beforeEach(async () => {
  test = await createTestDatabase();
});
afterEach(async () => {
  await test.cleanup();
});

async function seedBusiness() {
  const business = await createTestBusiness(test.db, { timeZone: ZONE, name: 'Test Dental' });
  const tenant = forBusiness(test.db, business.id);
  await tenant.phoneNumbers.add(BUSINESS_NUMBER, 'Main line');
  const cleaning = await createTestService(test.db, business.id, {
    id: 'cleaning',
    name: 'Cleaning',
    durationMinutes: 60,
  });
  return { business, tenant, cleaning };
}

const scenario = (extra: Record<string, unknown>) =>
  parseScenario(
    {
      name: 'test',
      business: BUSINESS_NUMBER,
      caller: { from: '+15550100001' },
      turns: ['hangup'],
      ...extra,
    },
    'test.yaml',
  );

describe('scenario call log checks (real database)', () => {
  it('books setup appointments on every date a phrase may mean, once', async () => {
    const { business, tenant } = await seedBusiness();
    const withSetup = scenario({
      setup: {
        appointments: [
          {
            service: 'clean',
            date: 'next tuesday',
            time: '14:00',
            customer: { name: 'Ann', phone: '+15550109999' },
          },
        ],
      },
    });
    expect((await findScenarioBusiness(test.db, withSetup)).id).toBe(business.id);
    await applySetup(test.db, business, withSetup, NOW.toMillis());
    await applySetup(test.db, business, withSetup, NOW.toMillis()); // idempotent: the slots are already taken
    const dates = resolveDateCandidates('next tuesday', ZONE, NOW);
    const from = slotToEpochMs(dates[0] ?? '', '00:00', ZONE);
    const booked = await tenant.appointments.list({ fromMs: from, toMs: from + 30 * 86_400_000 });
    expect(booked.map((row) => row.startAt).sort()).toEqual(
      dates.map((date) => slotToEpochMs(date, '14:00', ZONE)),
    );
  });

  it('reads what a call did and checks expectations against it', async () => {
    const { business, tenant, cleaning } = await seedBusiness();
    const call = await createTestCall(test.db, business.id, { channel: 'phone', twilioCallSid: 'CA123' });
    await tenant.calls.appendTurn(call.id, {
      role: 'caller',
      text: 'book a cleaning next thursday at two p m',
    });
    await tenant.calls.appendTurn(call.id, {
      role: 'agent',
      text: 'You are booked. Goodbye!',
      interrupted: true,
    });
    await tenant.calls.recordToolCall(call.id, {
      toolCallId: 't1',
      name: 'book_appointment',
      arguments: { service: 'Cleaning' },
      result: { ok: true, message: 'Booked.' },
      status: 'ok',
      latencyMs: 5,
    });
    await tenant.calls.recordToolCall(call.id, {
      toolCallId: 't2',
      name: 'transfer_call',
      arguments: { destination: 'front desk' },
      result: {
        ok: true,
        message: 'Transferring.',
        action: {
          type: 'transfer',
          destinationId: 'fd',
          destinationName: 'Front desk',
          phoneNumber: '+15005550100',
        },
      },
      status: 'ok',
      latencyMs: 3,
    });
    const customer = await tenant.customers.upsertByPhone({ phone: '+15550100001', name: 'John' });
    const date = resolveDateCandidates('next thursday', ZONE, NOW)[0] ?? '';
    const startAt = slotToEpochMs(date, '14:00', ZONE);
    await tenant.appointments.book({
      serviceId: cleaning.id,
      customerId: customer.id,
      startAt,
      endAt: startAt + 3_600_000,
      blockedUntil: startAt + 3_600_000,
      createdByCallId: call.id,
    });
    await tenant.messages.create({
      reason: 'call me about my bill',
      callerName: 'Mary Jones',
      callId: call.id,
    });
    await tenant.calls.end(call.id, { status: 'transferred', endReason: 'transfer' });

    const record = await readCallRecord(test.db, business, 'CA123', NOW.toMillis());
    expect(record).toBeDefined();
    if (!record) return;
    expect(record.booked).toEqual([
      expect.objectContaining({ serviceName: 'Cleaning', date, time: '14:00' }),
    ]);

    const passing = scenario({
      expect: {
        appointment: { service: 'cleaning', date: 'next thursday', time: '14:00' },
        message: { name: 'mary', reason_contains: 'BILL' },
        transfer: { destination: 'front' },
        end_reason: ['transfer', 'agent_hangup'],
        call_status: 'transferred',
        transcript_contains: ['two p m'],
        agent_said: ['goodbye'],
        tools: [{ name: 'book_appointment', ok: true }],
        no_tools: ['cancel_appointment'],
        agent_interrupted: true,
      },
    });
    expect(checkExpectations(passing.expect, record, { clears: 0 }, NOW.toJSDate())).toEqual([]);

    const failing = scenario({
      expect: {
        appointment: { time: '15:00' },
        no_appointment: true,
        no_message: true,
        no_transfer: true,
        end_reason: 'caller_hangup',
        tools: [{ name: 'check_availability', code: 'slot_taken' }],
        no_tools: ['book_appointment'],
        transcript_excludes: ['booked'],
      },
    });
    const failures = checkExpectations(failing.expect, record, { clears: 0 }, NOW.toJSDate());
    expect(failures).toHaveLength(8);
    expect(failures[0]).toMatch(/expected an appointment booked \(15:00\); booked: Cleaning .* 14:00/);
  });

  it('finds nothing for an unknown call SID or another business', async () => {
    const { business } = await seedBusiness();
    const other = await createTestBusiness(test.db);
    await createTestCall(test.db, other.id, { channel: 'phone', twilioCallSid: 'CA999' });
    expect(await readCallRecord(test.db, business, 'CA999', NOW.toMillis())).toBeUndefined();
    expect(await readCallRecord(test.db, business, 'CA000', NOW.toMillis())).toBeUndefined();
  });
});
