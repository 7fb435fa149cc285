import { closeDatabase, type Database, forBusiness, openDatabase, type TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContext } from '../availability/index.ts';
import { DomainError } from '../errors.ts';
import type { BusinessProfile } from '../profile/schema.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { bookAppointment } from './book.ts';
import { cancelAppointment } from './cancel.ts';
import { rescheduleAppointment } from './reschedule.ts';

const NOW = DateTime.fromISO('2030-01-07T08:00', { zone: 'America/New_York' }).toMillis();
const DAY = '2030-01-08';

let database: TestDatabase;
let tenant: TenantDb;
let profile: BusinessProfile;
let appointmentId: string;
const extraClients: Database[] = [];

beforeEach(async () => {
  database = await createTestDatabase();
  ({ tenant, profile } = await createTestReceptionistBusiness(database.db));
  const booked = await bookAppointment({
    ctx: { tenant, profile, nowMs: NOW },
    input: { service: 'Cleaning', date: DAY, time: '10:00', customerName: 'Dana', phone: '+12025550101' },
  });
  appointmentId = booked.appointment.id;
});

afterEach(async () => {
  for (const client of extraClients.splice(0)) closeDatabase(client);
  await database.cleanup();
});

function staffContext(on: TenantDb = tenant): DomainContext {
  return { tenant: on, profile, nowMs: NOW, actor: { kind: 'staff', userId: 'usr_test' } };
}

describe('rescheduleAppointment for staff and API keys', () => {
  it('moves a booking named by id, with no caller verification', async () => {
    const moved = await rescheduleAppointment({
      ctx: staffContext(),
      input: { appointmentId, newDate: DAY, newTime: '14:00' },
    });
    expect(moved.before.time).toBe('10:00');
    expect(moved.after.time).toBe('14:00');
    expect((await tenant.appointments.get(appointmentId))?.startAt).toBe(moved.slot.startAt);
  });

  it('needs the id, and an unknown or cancelled booking is not found', async () => {
    await expect(
      rescheduleAppointment({ ctx: staffContext(), input: { newDate: DAY, newTime: '14:00' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      rescheduleAppointment({
        ctx: staffContext(),
        input: { appointmentId: 'apt_nope', newDate: DAY, newTime: '14:00' },
      }),
    ).rejects.toMatchObject({ code: 'appointment_not_found' });
    await cancelAppointment({
      ctx: { ...staffContext(), actor: { kind: 'api', apiKeyId: 'key_1' } },
      input: { appointmentId },
    });
    await expect(
      rescheduleAppointment({
        ctx: staffContext(),
        input: { appointmentId, newDate: DAY, newTime: '14:00' },
      }),
    ).rejects.toMatchObject({ code: 'appointment_not_found' });
  });

  it('still verifies a caller: without the number and the name on file, nothing is moved', async () => {
    const caller = { tenant, profile, nowMs: NOW, actor: { kind: 'caller' as const } };
    await expect(
      rescheduleAppointment({ ctx: caller, input: { appointmentId, newDate: DAY, newTime: '14:00' } }),
    ).rejects.toMatchObject({ code: 'verification_required' });
    await expect(
      rescheduleAppointment({
        ctx: caller,
        input: { appointmentId, customerName: 'Anyone', newDate: DAY, newTime: '14:00' },
      }),
    ).rejects.toMatchObject({ code: 'verification_failed' });
    expect((await tenant.appointments.get(appointmentId))?.startAt).toBe(
      DateTime.fromISO(`${DAY}T10:00`, { zone: 'America/New_York' }).toMillis(),
    );
  });

  it('explains a lost race (slot taken between the availability check and the write) with alternatives', async () => {
    // A second client on the same file books the target slot after the verb checked it and before it writes.
    const rival = await openDatabase({ url: database.url });
    extraClients.push(rival);
    const rivalContext = { tenant: forBusiness(rival, tenant.businessId), profile, nowMs: NOW };
    let rivalBooked = false;
    // The verb's write (the move and its event) is one transaction: the rival gets in just before it.
    const racing: TenantDb = {
      ...tenant,
      async transaction(work) {
        await bookAppointment({
          ctx: rivalContext,
          input: {
            service: 'Cleaning',
            date: DAY,
            time: '14:00',
            customerName: 'Rival',
            phone: '+12025550102',
          },
        });
        rivalBooked = true;
        return tenant.transaction(work);
      },
    };
    const error = await rescheduleAppointment({
      ctx: staffContext(racing),
      input: { appointmentId, newDate: DAY, newTime: '14:00' },
    }).catch((caught: unknown) => caught);
    expect(rivalBooked).toBe(true);
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe('slot_taken');
    expect(domainError.message).toMatch(/^2:00 PM on .+ was just taken\. .+ free\.$/);
    const alternatives = domainError.details?.alternatives as Array<{ date: string; time: string }>;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.map((slot) => slot.time)).not.toContain('14:00');
    // The booking stayed where it was.
    expect((await tenant.appointments.get(appointmentId))?.startAt).toBe(
      DateTime.fromISO(`${DAY}T10:00`, { zone: 'America/New_York' }).toMillis(),
    );
  });
});
