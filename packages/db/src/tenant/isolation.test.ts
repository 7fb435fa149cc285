import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import type {
  AppointmentRow,
  CallRow,
  CustomerRow,
  MessageRow,
  PhoneNumberRow,
  UserRow,
} from '../schema/index.ts';
import {
  createTestAppointment,
  createTestBusiness,
  createTestCall,
  createTestCustomer,
  createTestDatabase,
  createTestMessage,
  createTestService,
  createTestUser,
  type TestDatabase,
} from '../testing/index.ts';
import { forBusiness, type TenantDb } from './index.ts';

// Every data-access function, given business A, can neither see nor change business B's rows.

interface Fixture {
  id: string;
  tenant: TenantDb;
  call: CallRow;
  customer: CustomerRow;
  appointment: AppointmentRow;
  message: MessageRow;
  phone: PhoneNumberRow;
  apiKeyId: string;
  user: UserRow;
  serviceId: string;
}

let database: TestDatabase;
let db: Database;
let a: Fixture;
let b: Fixture;
const START = Date.UTC(2030, 0, 8, 15);

async function fixture(db: Database, number: string, phone: string): Promise<Fixture> {
  const business = await createTestBusiness(db);
  const tenant = forBusiness(db, business.id);
  const service = await createTestService(db, business.id, { id: 'consult' });
  const customer = await createTestCustomer(db, business.id, { phone });
  const call = await createTestCall(db, business.id, { twilioCallSid: `CA${number}` });
  await tenant.calls.appendTurn(call.id, { role: 'caller', text: `secret of ${number}` });
  await tenant.calls.recordToolCall(call.id, {
    toolCallId: 'tc1',
    name: 'take_message',
    arguments: {},
    result: { ok: true },
    status: 'ok',
  });
  const appointment = await createTestAppointment(db, business.id, {
    serviceId: service.id,
    customerId: customer.id,
    startAt: START,
  });
  const message = await createTestMessage(db, business.id);
  const phoneRow = await tenant.phoneNumbers.add(number);
  const apiKey = await tenant.apiKeys.create({ name: 'k', hashedKey: `hash-${number}`, prefix: 'rk_' });
  const user = await createTestUser(db, { businessId: business.id });
  await tenant.jobs.enqueue({ kind: 'summary', payload: { callId: call.id } });
  return {
    id: business.id,
    tenant,
    call,
    customer,
    appointment,
    message,
    phone: phoneRow,
    apiKeyId: apiKey.id,
    user,
    serviceId: service.id,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  // Same phone number as a customer of both businesses, same service id: ids must not leak across.
  a = await fixture(db, '+15005550001', '+12025550100');
  b = await fixture(db, '+15005550002', '+12025550100');
});

afterAll(async () => {
  await database.cleanup();
});

describe('tenant isolation', () => {
  it('reads only its own rows', async () => {
    expect((await a.tenant.business.get())?.id).toBe(a.id);
    expect(await a.tenant.calls.get(b.call.id)).toBeUndefined();
    expect((await a.tenant.calls.list()).map((row) => row.id)).toEqual([a.call.id]);
    expect((await a.tenant.calls.listOpen()).map((row) => row.id)).toEqual([a.call.id]);
    expect(await a.tenant.calls.findToolCall(b.call.id, 'tc1')).toBeUndefined();
    expect(await a.tenant.customers.get(b.customer.id)).toBeUndefined();
    expect((await a.tenant.customers.findByPhone('+12025550100'))?.id).toBe(a.customer.id);
    expect((await a.tenant.customers.list()).map((row) => row.id)).toEqual([a.customer.id]);
    expect(await a.tenant.appointments.get(b.appointment.id)).toBeUndefined();
    expect((await a.tenant.appointments.listBusy(0, Number.MAX_SAFE_INTEGER)).map((row) => row.id)).toEqual([
      a.appointment.id,
    ]);
    expect((await a.tenant.appointments.list({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).length).toBe(1);
    expect(await a.tenant.appointments.listForCustomer(b.customer.id)).toEqual([]);
    expect(await a.tenant.messages.get(b.message.id)).toBeUndefined();
    expect((await a.tenant.messages.list()).map((row) => row.id)).toEqual([a.message.id]);
    expect((await a.tenant.phoneNumbers.list()).map((row) => row.id)).toEqual([a.phone.id]);
    expect((await a.tenant.apiKeys.list()).map((row) => row.id)).toEqual([a.apiKeyId]);
    expect((await a.tenant.members.list()).map((row) => row.userId)).toEqual([a.user.id]);
    expect(await a.tenant.members.roleOf(b.user.id)).toBeUndefined();
    expect((await a.tenant.jobs.list()).every((job) => job.businessId === a.id)).toBe(true);
    expect((await a.tenant.services.list()).every((service) => service.businessId === a.id)).toBe(true);
  });

  it("cannot change another business's rows", async () => {
    const notFound = { code: 'not_found' };
    await expect(a.tenant.calls.update(b.call.id, { status: 'failed' })).rejects.toMatchObject(notFound);
    await expect(a.tenant.calls.appendTurn(b.call.id, { role: 'agent', text: 'x' })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      a.tenant.calls.recordToolCall(b.call.id, {
        toolCallId: 'tc1',
        name: 'x',
        arguments: {},
        result: {},
        status: 'error',
      }),
    ).rejects.toMatchObject(notFound);
    // The same (call, tool call) ids hit b's row as a conflict: the upsert must leave it as it was.
    expect(await b.tenant.calls.findToolCall(b.call.id, 'tc1')).toMatchObject({
      status: 'ok',
      result: { ok: true },
    });
    await expect(a.tenant.calls.end(b.call.id, { status: 'failed', endReason: 'x' })).rejects.toMatchObject(
      notFound,
    );
    await expect(a.tenant.calls.setSummary(b.call.id, { summary: 'x' })).rejects.toMatchObject(notFound);
    await expect(
      a.tenant.calls.create({
        channel: 'phone',
        twilioCallSid: b.call.twilioCallSid!,
        engine: 'x',
        status: 'ringing',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(a.tenant.customers.update(b.customer.id, { name: 'x' })).rejects.toMatchObject(notFound);
    await expect(a.tenant.appointments.cancel(b.appointment.id)).rejects.toMatchObject(notFound);
    await expect(
      a.tenant.appointments.reschedule(b.appointment.id, {
        startAt: START + 7_200_000,
        endAt: START + 9_000_000,
        blockedUntil: START + 9_000_000,
      }),
    ).rejects.toMatchObject(notFound);
    await expect(
      a.tenant.appointments.book({
        serviceId: a.serviceId,
        customerId: b.customer.id,
        startAt: START + 86_400_000,
        endAt: START + 88_200_000,
        blockedUntil: START + 88_200_000,
      }),
    ).rejects.toMatchObject(notFound);
    await expect(a.tenant.messages.setHandled(b.message.id, true)).rejects.toMatchObject(notFound);
    await expect(a.tenant.phoneNumbers.remove(b.phone.id)).rejects.toMatchObject(notFound);
    await expect(a.tenant.phoneNumbers.add(b.phone.e164)).rejects.toMatchObject({ code: 'conflict' });
    await expect(a.tenant.apiKeys.revoke(b.apiKeyId)).rejects.toMatchObject(notFound);
    await expect(a.tenant.members.remove(b.user.id)).rejects.toMatchObject(notFound);

    // B is untouched.
    const call = await b.tenant.calls.get(b.call.id);
    expect(call).toMatchObject({ status: 'in_progress', endedAt: null, summary: null });
    expect(call?.turns.map((turn) => turn.text)).toEqual(['secret of +15005550002']);
    expect(call?.toolCalls[0]).toMatchObject({ status: 'ok' });
    expect((await b.tenant.customers.get(b.customer.id))?.name).toBe(b.customer.name);
    expect(await b.tenant.appointments.get(b.appointment.id)).toMatchObject({
      status: 'booked',
      startAt: START,
    });
    expect((await b.tenant.messages.get(b.message.id))?.handled).toBe(false);
    expect((await b.tenant.phoneNumbers.list()).length).toBe(1);
    expect((await b.tenant.apiKeys.list())[0]?.revokedAt).toBeNull();
    expect(await b.tenant.members.roleOf(b.user.id)).toBe('owner');
  });

  it('rejects cross-tenant references in the database itself', async () => {
    // Bypassing the DAL: the composite foreign keys still refuse an appointment pointing at B's customer.
    await expect(
      db.$client.execute({
        sql: `insert into appointments (id, business_id, service_id, customer_id, start_at, end_at, blocked_until, status, created_at, updated_at)
              values ('apt_x', ?, 'consult', ?, 1, 2, 2, 'booked', 0, 0)`,
        args: [a.id, b.customer.id],
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      db.$client.execute({
        sql: `insert into call_turns (id, business_id, call_id, sequence, role, text, interrupted, created_at)
              values ('turn_x', ?, ?, 99, 'agent', 'x', 0, 0)`,
        args: [a.id, b.call.id],
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('needs a business id', () => {
    expect(() => forBusiness(db, '')).toThrow(/business id/);
  });
});
