import { type Database, forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { saveNotificationSettings } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import type { AnyEngineTool, ToolContext, ToolResult } from '@receptionist/engine';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestToolContext } from '../testing/index.ts';
import { buildReceptionistTools, RECEPTIONIST_TOOL_NAMES } from './index.ts';

// Monday 2030-01-07 08:00 in New York; the test business is open weekdays 9-17 with lunch 12-13.
const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const CALLER = '+12025550123';

let database: TestDatabase;
let db: Database;
let businessId: string;
let callId: string;
let tools: Map<string, AnyEngineTool>;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  const { business } = await createTestReceptionistBusiness(db);
  businessId = business.id;
  callId = (await createTestCall(db, businessId, { fromNumber: CALLER, startedAt: NOW })).id;
  tools = new Map(
    buildReceptionistTools({ db, businessId, now: () => NOW }).map((tool) => [tool.name, tool]),
  );
});

afterEach(async () => {
  await database.cleanup();
});

function call(name: string, args: unknown, overrides: Partial<ToolContext> = {}): Promise<ToolResult> {
  const tool = tools.get(name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  return tool.execute(
    args as never,
    createTestToolContext(businessId, callId, { callerNumber: CALLER, ...overrides }),
  );
}

async function counts() {
  const tenant = forBusiness(db, businessId);
  const appointments = await tenant.appointments.list({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
  return {
    booked: appointments.filter((row) => row.status === 'booked').length,
    customers: (await tenant.customers.list()).length,
    messages: (await tenant.messages.list()).length,
  };
}

const booking = { service: 'Cleaning', date: '2030-01-08', time: '10:00', customerName: 'Ada Lovelace' };

describe('receptionist tools', () => {
  it('defines every contract tool once with a "Call when" description and described parameters', () => {
    expect([...tools.keys()]).toEqual([...RECEPTIONIST_TOOL_NAMES]);
    for (const tool of tools.values()) {
      expect(tool.description).toMatch(/^Call when/);
      for (const field of Object.values(tool.parameters.shape)) {
        expect((field as { description?: string }).description, tool.name).toBeTruthy();
      }
    }
  });

  it('books once per tool call id: a retried call returns the stored result and acts once', async () => {
    const context = { toolCallId: 'tc_retry' };
    const first = await call('book_appointment', booking, context);
    const retry = await call('book_appointment', booking, context);
    expect(first.ok).toBe(true);
    expect(first.message).toContain('Cleaning on Tuesday, January 8 at 10:00 AM');
    expect(retry).toEqual(first);
    expect(await counts()).toMatchObject({ booked: 1, customers: 1 });
    const detail = await forBusiness(db, businessId).calls.get(callId);
    expect(detail?.toolCalls).toHaveLength(1);
    expect(detail?.toolCalls[0]).toMatchObject({
      name: 'book_appointment',
      status: 'ok',
      toolCallId: 'tc_retry',
    });
  });

  it('refuses a taken slot with a sentence offering the nearest free times, writing nothing', async () => {
    await call('book_appointment', booking);
    const second = await call('book_appointment', {
      ...booking,
      customerName: 'Grace Hopper',
      phone: '(202) 555-0199',
    });
    expect(second).toMatchObject({ ok: false, code: 'slot_taken' });
    expect(second.message).toMatch(
      /10:00 AM on Tuesday, January 8 is already taken\. .*(9:00 AM|11:00 AM).* free\./,
    );
    expect(await counts()).toMatchObject({ booked: 1, customers: 1 });
  });

  it.each([
    ['a malformed date', { ...booking, date: 'next Tuesday' }, 'invalid_input'],
    ['an impossible date', { ...booking, date: '2030-02-30' }, 'invalid_input'],
    ['a malformed time', { ...booking, time: '25:00' }, 'invalid_input'],
    ['a past date', { ...booking, date: '2030-01-04' }, 'in_past'],
    ['a date beyond the horizon', { ...booking, date: '2031-01-07' }, 'too_far_ahead'],
    ['a closed day', { ...booking, date: '2030-01-12' }, 'closed'],
    ['the lunch break', { ...booking, time: '12:00' }, 'outside_hours'],
    ['a time after closing', { ...booking, time: '16:30' }, 'outside_hours'],
    ['an off-grid time', { ...booking, time: '10:07' }, 'outside_hours'],
    ['an unknown service', { ...booking, service: 'Root canal' }, 'unknown_service'],
    ['a malformed phone number', { ...booking, phone: '12345' }, 'invalid_phone'],
  ])('rejects %s with a clear result and writes nothing', async (_label, args, code) => {
    const result = await call('book_appointment', args);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual({ booked: 0, customers: 0, messages: 0 });
  });

  it('needs a phone number when there is no caller ID', async () => {
    const result = await call('book_appointment', booking, { callerNumber: undefined });
    expect(result).toMatchObject({ ok: false, code: 'phone_required' });
    expect(await counts()).toMatchObject({ booked: 0, customers: 0 });
  });

  it('finds, moves and cancels bookings for the caller on the number on file who gives the name', async () => {
    await call('book_appointment', booking);
    // Caller ID alone is not proof: the name on file is asked for.
    expect(await call('find_my_appointments', {})).toMatchObject({
      ok: false,
      code: 'verification_required',
    });
    const ada = { customerName: 'ada lovelace' };
    const found = await call('find_my_appointments', ada);
    expect(found.ok).toBe(true);
    expect(found.message).toContain('Cleaning on Tuesday, January 8 at 10:00 AM');

    const moved = await call('reschedule_appointment', { ...ada, newDate: '2030-01-09', newTime: '14:00' });
    expect(moved.ok).toBe(true);
    expect(moved.message).toContain('Wednesday, January 9 at 2:00 PM');
    // The old slot is free again.
    const again = await call('book_appointment', {
      ...booking,
      customerName: 'Grace Hopper',
      phone: '+12025550199',
    });
    expect(again.ok).toBe(true);

    const cancelled = await call('cancel_appointment', { ...ada, date: '2030-01-09' });
    expect(cancelled).toMatchObject({ ok: true });
    expect(cancelled.message).toContain('cancelled');
  });

  it('never lets another number, even with the name and date, reach a booking', async () => {
    await call('book_appointment', booking);
    const stranger = { callerNumber: '+12025550142' };
    // Without a name nobody learns whether the number has bookings: the same question for everyone.
    expect(await call('find_my_appointments', {}, stranger)).toMatchObject({ code: 'verification_required' });
    for (const args of [
      { customerName: 'Ada Lovelace' },
      { date: '2030-01-08', customerName: 'ada lovelace' },
    ]) {
      expect(await call('cancel_appointment', args, stranger)).toMatchObject({
        ok: false,
        code: 'verification_failed',
      });
    }
    expect(await counts()).toMatchObject({ booked: 1 });
  });

  it('does not rename the customer of a number a caller only spoke', async () => {
    await call('book_appointment', booking);
    const stranger = { callerNumber: '+12025550142' };
    const sneaky = await call(
      'book_appointment',
      { ...booking, time: '11:00', customerName: 'Mallory', phone: CALLER },
      stranger,
    );
    expect(sneaky.ok).toBe(true);
    const customer = await forBusiness(db, businessId).customers.findByPhone(CALLER);
    expect(customer?.name).toBe('Ada Lovelace');
    expect(await call('find_my_appointments', { customerName: 'Mallory' })).toMatchObject({
      code: 'verification_failed',
    });
  });

  it('limits failed proofs per call and per number, whatever is guessed next', async () => {
    await call('book_appointment', booking);
    const wrong = (index: number) => ({ customerName: `Guess ${index}`, date: '2030-01-08' });
    for (let index = 0; index < 3; index += 1) {
      expect(await call('find_my_appointments', wrong(index))).toMatchObject({ code: 'verification_failed' });
    }
    // The fourth try on this call is refused even with the right name.
    expect(await call('find_my_appointments', { customerName: 'Ada Lovelace' })).toMatchObject({
      ok: false,
      code: 'verification_limited',
    });
    // A new call from the same number starts a new per-call count, inside the per-number window.
    const secondCall = (await createTestCall(db, businessId, { fromNumber: CALLER, startedAt: NOW })).id;
    expect(
      (await call('find_my_appointments', { customerName: 'Ada Lovelace' }, { callId: secondCall })).ok,
    ).toBe(true);
    for (let index = 3; index < 5; index += 1) {
      await call('find_my_appointments', wrong(index), { callId: secondCall });
    }
    const thirdCall = (await createTestCall(db, businessId, { fromNumber: CALLER, startedAt: NOW })).id;
    expect(
      await call('find_my_appointments', { customerName: 'Ada Lovelace' }, { callId: thirdCall }),
    ).toMatchObject({ code: 'verification_limited' });
  });

  it('reports free times and the next opening on a closed day', async () => {
    const open = await call('check_availability', {
      service: 'checkup',
      date: '2030-01-08',
      preferredTime: '15:00',
    });
    expect(open.ok).toBe(true);
    expect(open.message).toContain('3:00 PM');
    const closed = await call('check_availability', { service: 'Checkup', date: '2030-01-12' });
    expect(closed.message).toBe(
      "We're closed on Saturdays. The next opening is Monday, January 14 at 9:00 AM.",
    );
    expect(await call('check_availability', { service: 'Checkup', date: '2029-12-01' })).toMatchObject({
      ok: false,
      code: 'in_past',
    });
  });

  it('answers from the FAQ and the profile, and admits what it does not know', async () => {
    const insurance = await call('answer_question', { question: 'Do you take Delta insurance?' });
    expect(insurance.message).toContain('Delta Dental');
    // By meaning, without any of the entry's keywords.
    const parking = await call('answer_question', { question: 'is there somewhere to leave my vehicle' });
    expect(parking.message).toContain('street parking');
    const hours = await call('answer_question', { question: 'What time do you open on Friday?' });
    expect(hours.message).toContain('Monday to Friday 9:00 AM to 5:00 PM');
    expect(await call('answer_question', { question: 'Do you sell bicycles?' })).toMatchObject({
      ok: false,
      code: 'no_answer',
    });
    const info = await call('get_business_info', { topic: 'services' });
    expect(info.message).toContain('Whitening (90 minutes, $300)');
  });

  it('takes a message linked to the call, defaulting to caller ID', async () => {
    const result = await call('take_message', {
      callerName: 'Ada',
      reason: 'Question about my bill',
      urgency: 'high',
    });
    expect(result.ok).toBe(true);
    const [message] = await forBusiness(db, businessId).messages.list();
    expect(message).toMatchObject({ callerNumber: CALLER, urgency: 'high', callId, handled: false });
    expect(await call('take_message', { reason: 'x', callbackNumber: 'not a number' })).toMatchObject({
      ok: false,
      code: 'invalid_phone',
    });
  });

  it('says a message was passed on only when someone is told of it now', async () => {
    const tenant = forBusiness(db, businessId);
    const unheard = await call('take_message', { callerName: 'Ada', reason: 'Question about my bill' });
    expect(unheard.message).toBe(
      "I've taken your message and saved it for the team; they'll see it and get back to you.",
    );
    await saveNotificationSettings({
      ctx: { tenant, nowMs: NOW },
      input: { emails: ['front@example.test'], emailTopics: ['urgent_message'] },
    });
    const normal = await call('take_message', { callerName: 'Ada', reason: 'Question about my bill' });
    expect(normal.message).toMatch(/^I've taken your message/);
    const urgent = await call('take_message', { callerName: 'Ada', reason: 'Tooth pain', urgency: 'high' });
    expect(urgent.message).toBe("I've passed your message on; someone will get back to you.");
  });

  it('transfers only to allow-listed destinations, by id or name', async () => {
    const byName = await call('transfer_call', { destination: 'front desk' });
    expect(byName.action).toEqual({
      type: 'transfer',
      destinationId: 'front-desk',
      destinationName: 'Front desk',
      phoneNumber: '+15005550100',
    });
    const byNumber = await call('transfer_call', { destination: '+15005550199' });
    expect(byNumber).toMatchObject({ ok: false, code: 'unknown_destination' });
    expect(byNumber.action).toBeUndefined();
  });

  it('never dials a stored destination the policy refuses (a premium-rate number saved before the policy)', async () => {
    const tenant = forBusiness(db, businessId);
    const stored = (await tenant.business.get())?.profile as Record<string, unknown>;
    await tenant.business.update({
      profile: {
        ...stored,
        transferDestinations: [{ id: 'desk', name: 'Desk', phoneNumber: '+19002001234' }],
      },
    });
    const refused = await call('transfer_call', { destination: 'desk' });
    expect(refused).toMatchObject({ ok: false, code: 'destination_refused' });
    expect(refused.action).toBeUndefined();
  });

  it('ends the call through an action', async () => {
    const result = await call('end_call', { reason: 'caller said goodbye' });
    expect(result.action).toEqual({ type: 'end_call', reason: 'caller said goodbye' });
  });

  it("refuses to act for another business and cannot touch another business's bookings", async () => {
    await call('book_appointment', booking);
    const [appointment] = await forBusiness(db, businessId).appointments.list({
      fromMs: 0,
      toMs: Number.MAX_SAFE_INTEGER,
    });
    const other = await createTestReceptionistBusiness(db);
    const otherCall = await createTestCall(db, other.business.id, { fromNumber: CALLER });
    const otherTools = buildReceptionistTools({ db, businessId: other.business.id, now: () => NOW });
    const cancel = otherTools.find((tool) => tool.name === 'cancel_appointment')!;
    const result = await cancel.execute(
      { appointmentId: appointment!.id, date: '2030-01-08', customerName: 'Ada Lovelace' },
      createTestToolContext(other.business.id, otherCall.id, { callerNumber: CALLER }),
    );
    expect(result.ok).toBe(false);
    expect(await counts()).toMatchObject({ booked: 1 });
    await expect(
      cancel.execute(
        { appointmentId: appointment!.id },
        createTestToolContext(businessId, callId, { callerNumber: CALLER }),
      ),
    ).rejects.toThrow(/another business/);
  });
});
