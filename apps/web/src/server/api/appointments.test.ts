import { createBusinessWithProfile } from '@receptionist/domain';
import { closeDatabase, createTestProfile, openDatabase } from '@receptionist/domain/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTenant } from '../queries/tenant.ts';
import {
  cancelAppointmentHandler,
  createAppointmentHandler,
  listAppointmentsHandler,
  rescheduleAppointmentHandler,
} from './appointments.ts';
import { API_TEST_NOW, type ApiTestBed, createApiTestBed } from './test-harness.ts';

let bed: ApiTestBed;
const zone = 'America/New_York';
// A Tuesday at least a week after the bed's pinned "today": a normal open day inside the booking horizon.
const day = DateTime.fromISO(API_TEST_NOW, { zone }).plus({ weeks: 1 }).set({ weekday: 2 }).toISODate() ?? '';

beforeAll(async () => {
  bed = await createApiTestBed({
    createBusiness: async (db, name) =>
      (await createBusinessWithProfile(db, createTestProfile({ name, timeZone: zone }))).business,
  });
});

afterAll(async () => {
  await bed.testDb.cleanup();
});

const booking = {
  service: 'checkup',
  date: day,
  time: '10:00',
  customerName: 'Dana Smith',
  phone: '+12025550143',
};

describe('/api/v1/appointments', () => {
  let appointmentId: string;

  it('needs a valid key for every verb', async () => {
    expect(
      (await bed.call(listAppointmentsHandler, { path: '/api/v1/appointments', key: null })).status,
    ).toBe(401);
    expect(
      (await bed.call(createAppointmentHandler, { method: 'POST', path: '/x', key: null, body: booking }))
        .status,
    ).toBe(401);
    expect(
      (
        await bed.call(cancelAppointmentHandler, {
          method: 'POST',
          path: '/x',
          key: 'rk_live_nope',
          params: { appointmentId: 'apt_x' },
        })
      ).status,
    ).toBe(401);
  });

  it('books a free slot in the business time zone and lists it', async () => {
    const created = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/api/v1/appointments',
      body: booking,
    });
    expect(created.status).toBe(201);
    const data = created.body.data as {
      id: string;
      startAt: string;
      service: { id: string };
      customer: { phone: string };
    };
    expect(data.startAt).toBe(
      `${day}T10:00:00.000${DateTime.fromISO(`${day}T10:00`, { zone }).toFormat('ZZ')}`,
    );
    expect(data.service.id).toBe('checkup');
    expect(data.customer.phone).toBe('+12025550143');
    appointmentId = data.id;
    const listed = await bed.call(listAppointmentsHandler, {
      path: `/api/v1/appointments?from=${day}&to=${day}`,
    });
    expect((listed.body.data as Array<{ id: string }>).map((a) => a.id)).toEqual([appointmentId]);
  });

  it('refuses a taken slot (409), a closed day or bad input (422/400), and nothing is written', async () => {
    const taken = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, phone: '+12025550144' },
    });
    expect(taken.status).toBe(409);
    const sunday = DateTime.fromISO(day, { zone }).set({ weekday: 7 }).toISODate();
    const closed = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, date: sunday },
    });
    expect(closed.status).toBe(422);
    expect(closed.body.error?.code).toBe('unprocessable');
    const unknownService = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, service: 'tattoo', time: '11:00' },
    });
    expect(unknownService.status).toBe(422);
    const missingPhone = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, phone: undefined, time: '11:00' },
    });
    expect(missingPhone.status).toBe(400);
    const badDate = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, date: '2026-02-30' },
    });
    expect(badDate.status).toBe(400);
    const listed = await bed.call(listAppointmentsHandler, {
      path: `/api/v1/appointments?from=${day}&to=${day}`,
    });
    expect(listed.body.data).toHaveLength(1);
  });

  it("keeps businesses apart: B cannot see or cancel A's booking", async () => {
    const fromB = await bed.call(listAppointmentsHandler, {
      path: `/api/v1/appointments?from=${day}&to=${day}`,
      key: bed.keyB,
    });
    expect(fromB.body.data).toEqual([]);
    const cancelFromB = await bed.call(cancelAppointmentHandler, {
      method: 'POST',
      path: '/x',
      key: bed.keyB,
      params: { appointmentId },
    });
    expect(cancelFromB.status).toBe(404);
    expect((await readTenant(bed.db, bed.businessA).appointments.get(appointmentId))?.status).toBe('booked');
  });

  it('cancels, and the slot is free again', async () => {
    const cancelled = await bed.call(cancelAppointmentHandler, {
      method: 'POST',
      path: '/x',
      params: { appointmentId },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toEqual({ id: appointmentId, status: 'cancelled' });
    const again = await bed.call(createAppointmentHandler, { method: 'POST', path: '/x', body: booking });
    expect(again.status).toBe(201);
    const booked = await bed.call(listAppointmentsHandler, {
      path: `/api/v1/appointments?from=${day}&to=${day}&status=booked`,
    });
    expect(booked.body.data).toHaveLength(1);
  });

  it('validates the list range', async () => {
    expect(
      (await bed.call(listAppointmentsHandler, { path: '/api/v1/appointments?from=2026-13-01' })).status,
    ).toBe(400);
    expect(
      (
        await bed.call(listAppointmentsHandler, {
          path: '/api/v1/appointments?from=2026-01-10&to=2026-01-01',
        })
      ).status,
    ).toBe(400);
  });
});

describe('POST /api/v1/appointments/:appointmentId/reschedule', () => {
  async function book(time: string, phone: string): Promise<string> {
    const created = await bed.call(createAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { ...booking, time, phone },
    });
    expect(created.status).toBe(201);
    return (created.body.data as { id: string }).id;
  }

  it("moves a booking by id for the key's business only", async () => {
    const id = await book('09:00', '+12025550150');
    const fromB = await bed.call(rescheduleAppointmentHandler, {
      method: 'POST',
      path: '/x',
      key: bed.keyB,
      body: { date: day, time: '09:30' },
      params: { appointmentId: id },
    });
    expect(fromB.status).toBe(404);
    const moved = await bed.call(rescheduleAppointmentHandler, {
      method: 'POST',
      path: '/x',
      body: { date: day, time: '09:30' },
      params: { appointmentId: id },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toEqual({ id, status: 'booked', date: day, time: '09:30' });
  });

  it('answers a lost race with 409, the domain reason and the nearest free times, not a 500', async () => {
    const first = await book('15:00', '+12025550151');
    const second = await book('16:00', '+12025550152');
    // Two requests on two connections move two bookings into the same slot at once: exactly one wins.
    const rival = await openDatabase({ url: bed.testDb.url });
    try {
      const outcomes = await Promise.all(
        [
          { appointmentId: first, db: bed.db },
          { appointmentId: second, db: rival },
        ].map(({ appointmentId, db }) =>
          bed.call(rescheduleAppointmentHandler, {
            method: 'POST',
            path: '/x',
            body: { date: day, time: '14:00' },
            params: { appointmentId },
            db,
          }),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 409]);
      const lost = outcomes.find((outcome) => outcome.status === 409)!;
      const error = lost.body.error as {
        code: string;
        message: string;
        details: { reason: string; alternatives: Array<{ date: string; time: string }> };
      };
      expect(error.code).toBe('conflict');
      expect(error.details.reason).toBe('slot_taken');
      expect(error.message).toMatch(/^2:00 PM on .+ (was just|is already) taken\. .+ free\.$/);
      expect(error.details.alternatives.length).toBeGreaterThan(0);
    } finally {
      closeDatabase(rival);
    }
  });
});
