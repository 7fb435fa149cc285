import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { AppointmentOverlapError } from '../errors.ts';
import {
  createTestAppointment,
  createTestBusiness,
  createTestCustomer,
  createTestDatabase,
  createTestService,
  type TestDatabase,
} from '../testing/index.ts';
import { forBusiness } from './index.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2030, 0, 8, 15);

let database: TestDatabase;
let db: Database;
let businessId: string;
let serviceId: string;
let customerId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.db;
  businessId = (await createTestBusiness(db)).id;
  serviceId = (await createTestService(db, businessId)).id;
  customerId = (await createTestCustomer(db, businessId)).id;
});

afterEach(async () => {
  await database.cleanup();
});

describe('appointments DAL', () => {
  it('refuses overlapping bookings, counting the buffer, and allows back-to-back ones', async () => {
    const tenant = forBusiness(db, businessId);
    await createTestAppointment(db, businessId, {
      serviceId,
      customerId,
      startAt: START,
      durationMinutes: 60,
      bufferMinutes: 15,
    });
    const overlapping = {
      serviceId,
      customerId,
      startAt: START + HOUR,
      endAt: START + 2 * HOUR,
      blockedUntil: START + 2 * HOUR,
    };
    await expect(tenant.appointments.book(overlapping)).rejects.toBeInstanceOf(AppointmentOverlapError);
    const after = await tenant.appointments.book({
      ...overlapping,
      startAt: START + 1.25 * HOUR,
      endAt: START + 2 * HOUR,
    });
    expect(after.status).toBe('booked');
  });

  it('enforces no overlap in the database even for writers that skip the check', async () => {
    await createTestAppointment(db, businessId, {
      serviceId,
      customerId,
      startAt: START,
      durationMinutes: 60,
    });
    const insert = (id: string, start: number, end: number) =>
      db.$client.execute({
        sql: `insert into appointments (id, business_id, service_id, customer_id, start_at, end_at, blocked_until, status, created_at, updated_at)
              values (?, ?, ?, ?, ?, ?, ?, 'booked', 0, 0)`,
        args: [id, businessId, serviceId, customerId, start, end, end],
      });
    await expect(insert('apt_raw1', START + HOUR / 2, START + 1.5 * HOUR)).rejects.toThrow(
      /appointment_overlap/,
    );
    await expect(insert('apt_raw2', START, START + HOUR)).rejects.toThrow(/appointment_overlap|UNIQUE/);
    await insert('apt_raw3', START + HOUR, START + 2 * HOUR);
  });

  it('reschedules into its own old slot range and frees the old time; cancelling frees the slot', async () => {
    const tenant = forBusiness(db, businessId);
    const first = await createTestAppointment(db, businessId, {
      serviceId,
      customerId,
      startAt: START,
      durationMinutes: 60,
    });
    const moved = await tenant.appointments.reschedule(first.id, {
      startAt: START + HOUR / 2,
      endAt: START + 1.5 * HOUR,
      blockedUntil: START + 1.5 * HOUR,
    });
    expect(moved.startAt).toBe(START + HOUR / 2);
    const cancelled = await tenant.appointments.cancel(first.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await tenant.appointments.cancel(first.id)).status).toBe('cancelled');
    await expect(
      tenant.appointments.reschedule(first.id, {
        startAt: START,
        endAt: START + HOUR,
        blockedUntil: START + HOUR,
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    const again = await createTestAppointment(db, businessId, {
      serviceId,
      customerId,
      startAt: START + HOUR / 2,
    });
    expect(again.status).toBe('booked');
  });
});
