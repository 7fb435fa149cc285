import type { Executor } from '../client.ts';
import { newId } from '../ids.ts';
import { createBusiness } from '../lookups.ts';
import type {
  AppointmentRow,
  BusinessRow,
  CallRow,
  CustomerRow,
  MembershipRole,
  MessageRow,
  ServiceRow,
  UserRow,
} from '../schema/index.ts';
import type { CreateCallInput, ServiceInput } from '../tenant/index.ts';
import { forBusiness } from '../tenant/index.ts';
import { createUser } from '../users.ts';

// Row factories for tests: unique values by default, every field overridable. They use the real DAL.

let counter = 0;
function unique(): number {
  counter += 1;
  return counter;
}

/** A business with a minimal profile JSON. The receptionist package's factories build a full profile. */
export async function createTestBusiness(
  ex: Executor,
  overrides: { id?: string; name?: string; timeZone?: string; profile?: unknown } = {},
): Promise<BusinessRow> {
  const name = overrides.name ?? `Test Business ${unique()}`;
  const timeZone = overrides.timeZone ?? 'America/New_York';
  return createBusiness(ex, {
    id: overrides.id,
    name,
    timeZone,
    profile: overrides.profile ?? { name, timeZone },
  });
}

export async function createTestService(
  ex: Executor,
  businessId: string,
  overrides: Partial<ServiceInput> = {},
): Promise<ServiceRow> {
  const tenant = forBusiness(ex, businessId);
  const existing = await tenant.services.list({ includeInactive: true });
  const service: ServiceInput = {
    id: overrides.id ?? `svc_${unique()}`,
    name: overrides.name ?? 'Consultation',
    durationMinutes: overrides.durationMinutes ?? 30,
    priceCents: overrides.priceCents ?? 5000,
    bufferMinutes: overrides.bufferMinutes ?? 0,
  };
  const keep = existing
    .filter((row) => row.active && row.id !== service.id)
    .map((row) => ({
      id: row.id,
      name: row.name,
      durationMinutes: row.durationMinutes,
      priceCents: row.priceCents ?? undefined,
      bufferMinutes: row.bufferMinutes,
    }));
  await tenant.services.sync([...keep, service]);
  return (await tenant.services.get(service.id))!;
}

export async function createTestCustomer(
  ex: Executor,
  businessId: string,
  overrides: { phone?: string; name?: string } = {},
): Promise<CustomerRow> {
  const phone = overrides.phone ?? `+1202555${String(1000 + (unique() % 9000)).padStart(4, '0')}`;
  return forBusiness(ex, businessId).customers.upsertByPhone({
    phone,
    name: overrides.name ?? 'Test Customer',
  });
}

export async function createTestCall(
  ex: Executor,
  businessId: string,
  overrides: Partial<CreateCallInput> = {},
): Promise<CallRow> {
  return forBusiness(ex, businessId).calls.create({
    channel: overrides.channel ?? 'browser',
    twilioCallSid: overrides.twilioCallSid,
    fromNumber: overrides.fromNumber,
    toNumber: overrides.toNumber,
    engine: overrides.engine ?? 'scripted',
    status: overrides.status ?? 'in_progress',
    startedAt: overrides.startedAt,
  });
}

export async function createTestAppointment(
  ex: Executor,
  businessId: string,
  input: {
    serviceId: string;
    customerId: string;
    startAt: number;
    durationMinutes?: number;
    bufferMinutes?: number;
  },
): Promise<AppointmentRow> {
  const endAt = input.startAt + (input.durationMinutes ?? 30) * 60_000;
  return forBusiness(ex, businessId).appointments.book({
    serviceId: input.serviceId,
    customerId: input.customerId,
    startAt: input.startAt,
    endAt,
    blockedUntil: endAt + (input.bufferMinutes ?? 0) * 60_000,
  });
}

export async function createTestMessage(
  ex: Executor,
  businessId: string,
  overrides: { reason?: string; callerName?: string; callerNumber?: string } = {},
): Promise<MessageRow> {
  return forBusiness(ex, businessId).messages.create({
    reason: overrides.reason ?? 'Please call back',
    callerName: overrides.callerName ?? 'Test Caller',
    callerNumber: overrides.callerNumber,
  });
}

export async function createTestUser(
  ex: Executor,
  overrides: { email?: string; name?: string; businessId?: string; role?: MembershipRole } = {},
): Promise<UserRow> {
  const user = await createUser(ex, {
    email: overrides.email ?? `user-${unique()}-${newId('e')}@example.com`,
    name: overrides.name ?? 'Test User',
  });
  if (overrides.businessId !== undefined) {
    await forBusiness(ex, overrides.businessId).members.set(user.id, overrides.role ?? 'owner');
  }
  return user;
}
