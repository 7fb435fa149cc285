/**
 * What a scenario checks after its call, read from the database the voice server writes (@receptionist/db):
 * the call row with its turns and tool calls, and what the call changed — appointments booked, cancelled or
 * moved, and messages taken. Also the state a scenario sets up before its call.
 */
import {
  type AppointmentRow,
  type BusinessRow,
  type CallDetail,
  type Database,
  findBusinessByPhoneNumber,
  findCallByTwilioSid,
  forBusiness,
  type MessageRow,
} from '@receptionist/db';
import { DateTime } from 'luxon';
import { CallerError } from '../errors.ts';
import { localSlot, resolveDateCandidates, slotToEpochMs } from './dates.ts';
import type { Scenario } from './schema.ts';

/** The seeded demo business's number (Bright Smile Dental). */
export const DEMO_PHONE_NUMBER = '+15005550006';

const DAY_MS = 86_400_000;
const OPEN_STATUSES = new Set(['ringing', 'in_progress']);

export interface AppointmentView {
  id: string;
  serviceName: string;
  date: string;
  time: string;
  status: string;
}

export interface CallRecord {
  business: BusinessRow;
  call: CallDetail;
  booked: AppointmentView[];
  cancelled: AppointmentView[];
  moved: AppointmentView[];
  messages: MessageRow[];
}

export function businessNumber(scenario: Scenario): string {
  return scenario.business === 'demo' ? DEMO_PHONE_NUMBER : scenario.business;
}

export async function findScenarioBusiness(db: Database, scenario: Scenario): Promise<BusinessRow> {
  const number = businessNumber(scenario);
  const business = await findBusinessByPhoneNumber(db, number);
  if (!business) {
    throw new CallerError('bad_scenario', `no business owns ${number} (is the demo business seeded?)`);
  }
  return business;
}

/** Books the scenario's setup appointments on every date its phrase could mean (see dates.ts). */
export async function applySetup(
  db: Database,
  business: BusinessRow,
  scenario: Pick<Scenario, 'name' | 'setup'>,
  nowMs: number,
): Promise<void> {
  const tenant = forBusiness(db, business.id);
  const services = await tenant.services.list();
  for (const wanted of scenario.setup.appointments) {
    const needle = wanted.service.toLowerCase();
    const service = services.find(
      (candidate) => candidate.id === wanted.service || candidate.name.toLowerCase().includes(needle),
    );
    if (!service)
      throw new CallerError('bad_scenario', `setup: ${business.name} has no service "${wanted.service}"`);
    const customer = await tenant.customers.upsertByPhone({
      phone: wanted.customer.phone,
      name: wanted.customer.name,
    });
    for (const date of resolveDateCandidates(wanted.date, business.timeZone, DateTime.fromMillis(nowMs))) {
      const startAt = slotToEpochMs(date, wanted.time, business.timeZone);
      const endAt = startAt + service.durationMinutes * 60_000;
      const taken = await tenant.appointments.list({ fromMs: startAt, toMs: endAt, status: 'booked' });
      if (taken.some((appointment) => appointment.startAt === startAt)) continue;
      await tenant.appointments.book({
        serviceId: service.id,
        customerId: customer.id,
        startAt,
        endAt,
        blockedUntil: endAt + service.bufferMinutes * 60_000,
        notes: `scenario setup: ${scenario.name}`,
      });
    }
  }
}

/** Waits until the voice server has logged the call and closed it (or `timeoutMs` passes). */
export async function waitForCallRecord(
  db: Database,
  business: BusinessRow,
  callSid: string,
  timeoutMs: number,
  receptionistNowMs: number,
): Promise<CallRecord | undefined> {
  const deadline = Date.now() + timeoutMs;
  let record: CallRecord | undefined;
  for (;;) {
    record = await readCallRecord(db, business, callSid, receptionistNowMs);
    if (record && !OPEN_STATUSES.has(record.call.status)) return record;
    if (Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What the call did. `receptionistNowMs` is "now" on the receptionist's clock (pinned in tests): the
 * appointments it could touch are looked for around that day, not around the call row's wall-clock start.
 */
export async function readCallRecord(
  db: Database,
  business: BusinessRow,
  callSid: string,
  receptionistNowMs: number,
): Promise<CallRecord | undefined> {
  const row = await findCallByTwilioSid(db, callSid);
  if (!row || row.businessId !== business.id) return undefined;
  const tenant = forBusiness(db, business.id);
  const call = await tenant.calls.get(row.id);
  if (!call) return undefined;
  const services = new Map(
    (await tenant.services.list({ includeInactive: true })).map((s) => [s.id, s.name]),
  );
  const view = (appointment: AppointmentRow): AppointmentView => ({
    id: appointment.id,
    serviceName: services.get(appointment.serviceId) ?? appointment.serviceId,
    ...localSlot(appointment.startAt, business.timeZone),
    status: appointment.status,
  });
  // Appointments the call could have touched: from a day before the receptionist's today to a year after.
  const window = { fromMs: receptionistNowMs - DAY_MS, toMs: receptionistNowMs + 400 * DAY_MS };
  const all = await tenant.appointments.list(window);
  const during = (at: number | null | undefined): boolean => typeof at === 'number' && at >= call.startedAt;
  // Set-up bookings are written just before the call row, sometimes in the same millisecond as its start: one
  // created at the start itself is one the call found, not one made during it (a move of one was missed).
  const before = (at: number): boolean => at <= call.startedAt;
  return {
    business,
    call,
    booked: all.filter((a) => a.createdByCallId === call.id && a.status === 'booked').map(view),
    cancelled: all.filter((a) => a.status === 'cancelled' && during(a.cancelledAt)).map(view),
    moved: all
      .filter(
        (a) =>
          a.createdByCallId !== call.id &&
          a.status === 'booked' &&
          during(a.updatedAt) &&
          before(a.createdAt),
      )
      .map(view),
    messages: (await tenant.messages.list({ limit: 500 })).filter((message) => message.callId === call.id),
  };
}
